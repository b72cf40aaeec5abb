/* pshared-sync-probe, process-shared mutexes (pthread_mutexattr_setpshared(3), POSIX
 * pthread_mutex_lock()): exclusion across processes, trylock on a mutex another process holds,
 * the attribute's default, and the checks of an error-checking mutex. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

struct counted {
    pthread_mutex_t mutex;
    volatile long counter;
};

static long increments;

/* A read-modify-write in two steps: without the mutex, two processes lose updates. */
static void count_under_mutex(struct counted *shared) {
    for (long i = 0; i < increments; i++) {
        pthread_mutex_lock(&shared->mutex);
        long seen = shared->counter;
        shared->counter = seen + 1;
        pthread_mutex_unlock(&shared->mutex);
    }
}

static void count_in_child(void *arg) { count_under_mutex(arg); }

void counter_under_mutex(int argc, char **argv) {
    increments = arg_long(argc, argv, 0, 20000);
    if (increments < 1 || increments > 10000000) probe_usage("INCREMENTS must be 1..10000000");
    struct counted *shared = shared_region(sizeof *shared);
    init_shared_mutex(&shared->mutex, PTHREAD_MUTEX_NORMAL, false);
    pid_t child = spawn_helper(count_in_child, shared);
    count_under_mutex(shared);
    if (reap(child, NULL) != 0) probe_fail("the counting child failed");
    obs_value_int(shared->counter);
    obs_evidence_int("increments_per_process", increments);
    obs_evidence_int("processes", 2);
    obs_emit();
}

void trylock_held_elsewhere(int argc, char **argv) {
    (void)argc, (void)argv;
    pthread_mutex_t *mutex = shared_region(sizeof *mutex);
    init_shared_mutex(mutex, PTHREAD_MUTEX_NORMAL, false);
    struct holder holder;
    start_holder(&holder, mutex);
    guard_arm();
    int result = pthread_mutex_trylock(mutex);
    guard_disarm();
    if (result == 0) pthread_mutex_unlock(mutex);
    release_holder(&holder);
    obs_pthread_result(result);
    obs_evidence_int("holder_pid", holder.pid);
    obs_emit();
}

void mutexattr_default_pshared(int argc, char **argv) {
    (void)argc, (void)argv;
    pthread_mutexattr_t attr;
    int err = pthread_mutexattr_init(&attr);
    if (err) probe_fail("pthread_mutexattr_init: %s", strerror(err));
    int pshared = -1;
    err = pthread_mutexattr_getpshared(&attr, &pshared);
    pthread_mutexattr_destroy(&attr);
    obs_value_str(err                                  ? NULL
                  : pshared == PTHREAD_PROCESS_PRIVATE ? "PTHREAD_PROCESS_PRIVATE"
                  : pshared == PTHREAD_PROCESS_SHARED  ? "PTHREAD_PROCESS_SHARED"
                                                       : "other");
    obs_errno(err);
    obs_evidence_int("pshared", pshared);
    obs_evidence_int("PTHREAD_PROCESS_PRIVATE", PTHREAD_PROCESS_PRIVATE);
    obs_emit();
}

void errorcheck_relock(int argc, char **argv) {
    (void)argc, (void)argv;
    pthread_mutex_t *mutex = shared_region(sizeof *mutex);
    init_shared_mutex(mutex, PTHREAD_MUTEX_ERRORCHECK, false);
    int first = pthread_mutex_lock(mutex);
    if (first != 0) probe_fail("the first lock: %s", strerror(first));
    guard_arm();
    int again = pthread_mutex_lock(mutex);
    guard_disarm();
    pthread_mutex_unlock(mutex);
    obs_pthread_result(again);
    obs_evidence_int("sizeof_pthread_mutex_t", sizeof(pthread_mutex_t));
    obs_emit();
}

void errorcheck_unlock_by_other(int argc, char **argv) {
    (void)argc, (void)argv;
    pthread_mutex_t *mutex = shared_region(sizeof *mutex);
    init_shared_mutex(mutex, PTHREAD_MUTEX_ERRORCHECK, false);
    struct holder holder;
    start_holder(&holder, mutex);
    int result = pthread_mutex_unlock(mutex);
    /* Still the holder's: its own unlock at release must succeed. */
    release_holder(&holder);
    obs_pthread_result(result);
    obs_evidence_int("holder_pid", holder.pid);
    obs_emit();
}
