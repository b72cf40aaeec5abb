/* "Outlives its creator": a helper makes an IPC object and exits before the probe looks for it,
 * so that the probe finds it by key or name alone, never through anything it inherited or held. */
#ifndef IPC_CONFORMANCE_CREATOR_H
#define IPC_CONFORMANCE_CREATOR_H

#include <limits.h>
#include <sys/types.h>

#include "probe.h"

struct sysv_creation {
    pid_t creator;
    int creator_status; /* reap()'s result: 0 when create returned */
    int id;             /* what the key leads to after the creator exited, or -1 */
    int lookup_errno;   /* why the key led nowhere (when id is -1) */
};

/* A helper runs create(key) (System V object of `kind`; exiting non-zero when a step fails) and
 * exits; then the probe looks the key up (msgget/semget/shmget with no flags). The object exists
 * before the probe knows its id, so termination (SIGTERM, SIGINT, SIGHUP, the watchdog's SIGALRM)
 * is held back until a found id is registered for removal: no signal in between can leak it. */
struct sysv_creation sysv_made_by_exited_child(ipc_object_kind kind, key_t key, void (*create)(key_t key));

struct posix_creation {
    char name[NAME_MAX + 1]; /* probe_ipc_name(tag), kept here (that function's slots are reused) */
    int creator_status;      /* reap()'s result */
};

/* A helper runs create(name) (POSIX object of `kind`) and exits. The name is registered for
 * removal before the helper makes it, so no path leaks it. */
struct posix_creation posix_made_by_exited_child(ipc_object_kind kind, const char *tag,
                                                 void (*create)(void *name));

#endif
