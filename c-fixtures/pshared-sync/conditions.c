/* pshared-sync-probe, process-shared condition variables (pthread_condattr_setpshared(3), POSIX
 * pthread_cond_wait()): a signal from one process ends a wait in another, and a timed wait gives
 * up at its deadline. */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

struct rendezvous {
    pthread_mutex_t mutex;
    pthread_cond_t ready_changed;
    int ready;
    int64_t started_ns; /* CLOCK_MONOTONIC: one clock for every process */
    int64_t woke_ns;
    int result;
    int waits;
};

static void init_shared_cond(pthread_cond_t *cond) {
    pthread_condattr_t attr;
    int err = pthread_condattr_init(&attr);
    if (!err) err = pthread_condattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    if (!err) err = pthread_cond_init(cond, &attr);
    if (err) probe_fail("a process-shared condition variable: %s", strerror(err));
    pthread_condattr_destroy(&attr);
}

static struct rendezvous *shared_rendezvous(void) {
    struct rendezvous *shared = shared_region(sizeof *shared);
    init_shared_mutex(&shared->mutex, PTHREAD_MUTEX_NORMAL, false);
    init_shared_cond(&shared->ready_changed);
    return shared;
}

static void wait_until_ready(void *arg) {
    struct rendezvous *shared = arg;
    pthread_mutex_lock(&shared->mutex);
    while (!shared->ready && shared->result == 0) {
        shared->result = pthread_cond_wait(&shared->ready_changed, &shared->mutex);
        shared->waits++;
    }
    shared->woke_ns = monotonic_ns();
    pthread_mutex_unlock(&shared->mutex);
}

void cond_wakes_other_process(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    struct rendezvous *shared = shared_rendezvous();
    shared->started_ns = monotonic_ns();
    pid_t waiter = spawn_helper(wait_until_ready, shared);
    bool asleep = seen_asleep(waiter, delay);
    int64_t left = shared->started_ns + delay - monotonic_ns();
    if (left > 0) sleep_ns(left);
    pthread_mutex_lock(&shared->mutex);
    shared->ready = 1;
    int signalled = pthread_cond_signal(&shared->ready_changed);
    pthread_mutex_unlock(&shared->mutex);
    if (reap(waiter, NULL) != 0) probe_fail("the waiting child failed");
    obs_pthread_result(shared->result);
    obs_elapsed_ns(shared->woke_ns - shared->started_ns);
    obs_delay_ns(delay);
    obs_evidence_bool("waiter_was_asleep", asleep);
    obs_evidence_int("signal_returned", signalled);
    obs_evidence_int("waits", shared->waits);
    obs_emit();
}

static ssize_t timed_wait(void *arg, const struct timespec *deadline) {
    struct rendezvous *shared = arg;
    pthread_mutex_lock(&shared->mutex);
    int result = pthread_cond_timedwait(&shared->ready_changed, &shared->mutex, deadline);
    pthread_mutex_unlock(&shared->mutex);
    /* observe_timed_wait reads a failure as -1 with errno, the form of sem_timedwait. */
    errno = result;
    return result ? -1 : 0;
}

void cond_timedwait_times_out(int argc, char **argv) {
    int64_t timeout_ns = arg_delay_ns(argc, argv, 0);
    observe_timed_wait(timed_wait, shared_rendezvous(), timeout_ns);
    obs_emit();
}
