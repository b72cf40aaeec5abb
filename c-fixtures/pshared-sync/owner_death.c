/* pshared-sync-probe, a mutex whose owner died holding it (pthread_mutexattr_setrobust(3),
 * pthread_mutex_consistent(3), POSIX pthread_mutex_lock()): a robust one hands the next locker
 * EOWNERDEAD and the lock, is repaired by pthread_mutex_consistent or becomes unusable for good;
 * a plain one stays locked. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

static void lock_and_exit(void *arg) {
    if (pthread_mutex_lock(arg) != 0) _exit(1);
    /* spawn_helper's _exit(0) follows: the process ends holding the mutex. */
}

static void lock_and_get_killed(void *arg) {
    if (pthread_mutex_lock(arg) != 0) _exit(1);
    raise(SIGKILL);
    _exit(1);
}

/* A process-shared mutex in shared memory whose owner, a child, ended holding it: by _exit when
 * `death` is "exit", by SIGKILL when "kill". The child is reaped before this returns. */
static pthread_mutex_t *mutex_of_dead_owner(bool robust, const char *death) {
    bool killed = strcmp(death, "kill") == 0;
    if (!killed && strcmp(death, "exit") != 0) probe_usage("DEATH must be exit or kill, not '%s'", death);
    pthread_mutex_t *mutex = shared_region(sizeof *mutex);
    init_shared_mutex(mutex, PTHREAD_MUTEX_NORMAL, robust);
    int signal = 0;
    int status = reap(spawn_helper(killed ? lock_and_get_killed : lock_and_exit, mutex), &signal);
    if (killed ? signal != SIGKILL : status != 0)
        probe_fail("the owning child did not end as asked (status %d)", status);
    obs_evidence_str("owner_ended_by", killed ? "SIGKILL" : "_exit");
    obs_evidence_bool("robust", robust);
    return mutex;
}

static const char *death_arg(int argc, char **argv) { return argc > 0 ? argv[0] : "kill"; }

/* Locks a mutex whose owner died: the call that must give EOWNERDEAD; bounded by the guard. */
static int lock_after_death(pthread_mutex_t *mutex) {
    guard_arm();
    int result = pthread_mutex_lock(mutex);
    guard_disarm();
    return result;
}

void robust_lock_after_owner_died(int argc, char **argv) {
    pthread_mutex_t *mutex = mutex_of_dead_owner(true, death_arg(argc, argv));
    obs_pthread_result(lock_after_death(mutex));
    obs_emit();
}

struct other_try {
    pthread_mutex_t *mutex;
    bool blocking;
    int result;
};

static void lock_in_other_process(void *arg) {
    struct other_try *attempt = arg;
    alarm(2); /* a lock that blocks for good ends the child, and the probe says so */
    attempt->result =
        attempt->blocking ? pthread_mutex_lock(attempt->mutex) : pthread_mutex_trylock(attempt->mutex);
    if (attempt->result == 0 || attempt->result == EOWNERDEAD) pthread_mutex_unlock(attempt->mutex);
}

/* The result of pthread_mutex_lock (`blocking`) or pthread_mutex_trylock on `mutex` in a new
 * child process. */
static int lock_elsewhere(pthread_mutex_t *mutex, bool blocking) {
    struct other_try *attempt = shared_region(sizeof *attempt);
    *attempt = (struct other_try){.mutex = mutex, .blocking = blocking, .result = -1};
    int status = reap(spawn_helper(lock_in_other_process, attempt), NULL);
    if (status != 0) probe_fail("the child locking the mutex failed (status %d)", status);
    return attempt->result;
}

void robust_eownerdead_holder_owns_it(int argc, char **argv) {
    pthread_mutex_t *mutex = mutex_of_dead_owner(true, death_arg(argc, argv));
    int locked = lock_after_death(mutex);
    obs_evidence_str("lock_errno", locked ? errno_name(locked) : "none");
    obs_pthread_result(lock_elsewhere(mutex, false));
    obs_emit();
}

void robust_consistent_then_lock(int argc, char **argv) {
    pthread_mutex_t *mutex = mutex_of_dead_owner(true, death_arg(argc, argv));
    int locked = lock_after_death(mutex);
    int consistent = pthread_mutex_consistent(mutex);
    int unlocked = pthread_mutex_unlock(mutex);
    obs_evidence_str("first_lock_errno", locked ? errno_name(locked) : "none");
    obs_evidence_int("consistent_returned", consistent);
    obs_evidence_int("unlock_returned", unlocked);
    obs_pthread_result(lock_after_death(mutex));
    obs_emit();
}

void robust_unlock_without_consistent(int argc, char **argv) {
    pthread_mutex_t *mutex = mutex_of_dead_owner(true, death_arg(argc, argv));
    int locked = lock_after_death(mutex);
    int unlocked = pthread_mutex_unlock(mutex);
    obs_evidence_str("first_lock_errno", locked ? errno_name(locked) : "none");
    obs_evidence_int("unlock_returned", unlocked);
    /* Later lockers, in this process and in others, by both lock calls. The trylock comes last:
     * glibc's trylock that reports ENOTRECOVERABLE leaves the lock word taken (see the report). */
    int results[] = {lock_after_death(mutex), lock_elsewhere(mutex, true), lock_elsewhere(mutex, false)};
    const char *names[] = {"lock_here", "lock_elsewhere", "trylock_elsewhere"};
    int refused = 0;
    for (size_t i = 0; i < sizeof results / sizeof *results; i++) {
        refused += results[i] == ENOTRECOVERABLE;
        obs_evidence_str(names[i], results[i] ? errno_name(results[i]) : "none");
    }
    obs_value_int(refused);
    obs_evidence_int("later_lockers", sizeof results / sizeof *results);
    obs_emit();
}

void plain_mutex_after_owner_died(int argc, char **argv) {
    const char *call = argc > 0 ? argv[0] : "trylock";
    bool timed = strcmp(call, "timedlock") == 0;
    if (!timed && strcmp(call, "trylock") != 0)
        probe_usage("CALL must be trylock or timedlock, not '%s'", call);
    int64_t timeout_ns = arg_long(argc, argv, 1, 200) * 1000000;
    pthread_mutex_t *mutex = mutex_of_dead_owner(false, argc > 2 ? argv[2] : "kill");
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    int64_t at = (int64_t)deadline.tv_nsec + timeout_ns;
    deadline.tv_sec += (time_t)(at / 1000000000);
    deadline.tv_nsec = (long)(at % 1000000000);
    guard_arm();
    int64_t started = monotonic_ns();
    int result = timed ? pthread_mutex_timedlock(mutex, &deadline) : pthread_mutex_trylock(mutex);
    int64_t took = monotonic_ns() - started;
    guard_disarm();
    obs_pthread_result(result);
    obs_elapsed_ns(took);
    obs_evidence_str("call", call);
    if (timed) obs_evidence_int("timeout_ns", timeout_ns);
    obs_emit();
}
