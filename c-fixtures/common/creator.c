/* Objects made by a helper that has exited; see creator.h. */
#include "creator.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

struct sysv_creator_job {
    key_t key;
    void (*create)(key_t key);
    sigset_t parent_mask; /* the probe's mask before it held termination back */
};

static void create_with_parent_mask(void *arg) {
    struct sysv_creator_job *job = arg;
    sigprocmask(SIG_SETMASK, &job->parent_mask, NULL);
    job->create(job->key);
}

static int sysv_lookup(ipc_object_kind kind, key_t key) {
    switch (kind) {
        case IPC_SYSV_MSG: return msgget(key, 0);
        case IPC_SYSV_SEM: return semget(key, 0, 0);
        case IPC_SYSV_SHM: return shmget(key, 0, 0);
        default: probe_fail("no System V lookup for object kind %d", (int)kind);
    }
}

struct sysv_creation sysv_made_by_exited_child(ipc_object_kind kind, key_t key, void (*create)(key_t key)) {
    struct sysv_creator_job job = {.key = key, .create = create};
    sigset_t deferred;
    sigemptyset(&deferred);
    int deferred_signals[] = {SIGTERM, SIGINT, SIGHUP, SIGALRM};
    for (size_t i = 0; i < sizeof deferred_signals / sizeof *deferred_signals; i++)
        sigaddset(&deferred, deferred_signals[i]);
    sigprocmask(SIG_BLOCK, &deferred, &job.parent_mask);
    struct sysv_creation made = {.creator = spawn_helper(create_with_parent_mask, &job)};
    made.creator_status = reap(made.creator, NULL);
    made.id = sysv_lookup(kind, key);
    made.lookup_errno = errno;
    if (made.id >= 0) cleanup_sysv_later(kind, made.id);
    sigprocmask(SIG_SETMASK, &job.parent_mask, NULL);
    return made;
}

struct posix_creation posix_made_by_exited_child(ipc_object_kind kind, const char *tag,
                                                 void (*create)(void *name)) {
    struct posix_creation made;
    snprintf(made.name, sizeof made.name, "%s", probe_ipc_name(tag));
    cleanup_posix_later(kind, made.name);
    made.creator_status = reap(spawn_helper(create, made.name), NULL);
    return made;
}
