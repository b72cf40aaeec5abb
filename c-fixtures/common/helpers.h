/* Helper processes that report back to the probe: the close-on-exec pipe between them, and a
 * helper whose whole job is to fill in one result structure and hand it over (another uid, a
 * lowered rlimit, a private signal queue: anything the probe must not do to itself). */
#ifndef IPC_CONFORMANCE_HELPERS_H
#define IPC_CONFORMANCE_HELPERS_H

#include <sys/types.h>
#include <stddef.h>

/* A close-on-exec pipe between the probe and a helper, or the probe fails. */
void channel_create(int fds[2]);

/* Runs body(arg, result) in a helper (spawn_helper), result zeroed beforehand, and copies the
 * `size` bytes it leaves there back into `result`; the helper is reaped before this returns. A
 * helper that hands over nothing fails the probe with "the <who> reported nothing". */
void run_reporting_helper(void (*body)(void *arg, void *result), void *arg, void *result, size_t size,
                          const char *who);

/* The uid of PROTOCOL.md's "Other uid" cases (nobody), and run_reporting_helper in a helper that
 * has dropped to it first (drop_to_uid: no supplementary groups), so that body acts as another
 * user from its first call. Returns the effective uid the helper ran as. The caller checks that
 * it is root, and says so in its own words. */
#define OTHER_UID 65534
/* The same as `uid`: for a probe whose observation depends on what else that uid holds (the
 * per-user pipe accounting), a uid no other process uses. */
int run_as_uid(uid_t uid, void (*body)(void *arg, void *result), void *arg, void *result, size_t size,
               const char *who);
int run_as_other_uid(void (*body)(void *arg, void *result), void *arg, void *result, size_t size,
                     const char *who);

#endif
