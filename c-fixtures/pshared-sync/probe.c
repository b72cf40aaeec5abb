/* pshared-sync-probe: observes synchronisation objects that two processes share through memory
 * (pthread_mutexattr_setpshared(3), pthread_condattr_setpshared(3), pthread_mutexattr_setrobust(3),
 * pthread_mutex_consistent(3), futex(2)). Every shared object lives in a MAP_SHARED|MAP_ANONYMOUS
 * region made before fork. One case per run; the table says what each observes. */
#include "common/probe.h"
#include "cases.h"

#define DEATH_PARAM                                                                                          \
    OPTIONAL_PARAM("death", "how the owner ends while holding the mutex: exit or kill (default kill)")

static const probe_case cases[] = {
    PROBE_CASE("counter-under-mutex", counter_under_mutex,
               "a process-shared mutex in shared memory; this process and a child each add 1 to a shared "
               "counter `increments` times, each read-modify-write under the mutex; value = the counter "
               "afterwards; evidence.increments_per_process, processes",
               OPTIONAL_PARAM("increments", "additions per process (default 20000)")),
    PROBE_CASE("trylock-held-elsewhere", trylock_held_elsewhere,
               "a child locks a process-shared mutex and keeps it; this process calls "
               "pthread_mutex_trylock; value = its return, errno its name (EBUSY expected)"),
    PROBE_CASE("mutexattr-default-pshared", mutexattr_default_pshared,
               "pthread_mutexattr_init; pthread_mutexattr_getpshared; value = PTHREAD_PROCESS_PRIVATE or "
               "PTHREAD_PROCESS_SHARED; evidence.pshared (the number)"),
    PROBE_CASE("errorcheck-relock", errorcheck_relock,
               "a PTHREAD_MUTEX_ERRORCHECK mutex locked by this process is locked again by it; value = "
               "the second lock's return, errno (EDEADLK expected); evidence.sizeof_pthread_mutex_t"),
    PROBE_CASE("errorcheck-unlock-by-other", errorcheck_unlock_by_other,
               "a child locks a process-shared PTHREAD_MUTEX_ERRORCHECK mutex and keeps it; this process "
               "calls pthread_mutex_unlock; value = its return, errno (EPERM expected)"),
    PROBE_CASE("robust-lock-after-owner-died", robust_lock_after_owner_died,
               "a child locks a robust process-shared mutex and ends holding it; this process calls "
               "pthread_mutex_lock; value = its return, errno (EOWNERDEAD expected); "
               "evidence.owner_ended_by",
               DEATH_PARAM),
    PROBE_CASE("robust-eownerdead-holder-owns-it", robust_eownerdead_holder_owns_it,
               "as robust-lock-after-owner-died, then another child calls pthread_mutex_trylock; value = "
               "that return, errno (EBUSY: the EOWNERDEAD locker holds it); evidence.lock_errno",
               DEATH_PARAM),
    PROBE_CASE("robust-consistent-then-lock", robust_consistent_then_lock,
               "after EOWNERDEAD: pthread_mutex_consistent, unlock, then pthread_mutex_lock again; value = "
               "the last lock's return, errno; evidence.first_lock_errno, consistent_returned, "
               "unlock_returned",
               DEATH_PARAM),
    PROBE_CASE("robust-unlock-without-consistent", robust_unlock_without_consistent,
               "after EOWNERDEAD: unlock without pthread_mutex_consistent, then lock and trylock here and "
               "trylock in another child; value = how many of them gave ENOTRECOVERABLE; "
               "evidence.later_lockers, lock_here, trylock_here, trylock_elsewhere",
               DEATH_PARAM),
    PROBE_CASE("plain-mutex-after-owner-died", plain_mutex_after_owner_died,
               "a child locks a non-robust process-shared mutex and ends holding it; this process calls "
               "pthread_mutex_trylock or pthread_mutex_timedlock; value = its return, errno; elapsed_ns",
               OPTIONAL_PARAM("call", "trylock or timedlock (default trylock)"),
               OPTIONAL_PARAM("timeout_ms", "the timedlock deadline in ms from now (default 200)"),
               DEATH_PARAM),
    PROBE_CASE("cond-wakes-other-process", cond_wakes_other_process,
               "a child waits on a process-shared condition variable for a flag; this process sets it and "
               "calls pthread_cond_signal delay_ms after the start; value = the child's "
               "pthread_cond_wait return, errno; elapsed_ns = start to its wake-up, delay_ns; "
               "evidence.waiter_was_asleep",
               DELAY_PARAM),
    PROBE_CASE("cond-timedwait-times-out", cond_timedwait_times_out,
               "pthread_cond_timedwait on a process-shared condition variable nobody signals, deadline "
               "timeout_ms from now; value = ns the call took, errno (ETIMEDOUT expected); "
               "evidence.timeout_ns, returned",
               OPTIONAL_PARAM("timeout_ms", "the deadline in ms from now (default 200)")),
    PROBE_CASE("futex-wait-value-mismatch", futex_wait_value_mismatch,
               "FUTEX_WAIT(word, expected 0) while the word holds 1; value = return, errno (EAGAIN "
               "expected)"),
    PROBE_CASE("futex-wait-timeout", futex_wait_timeout,
               "FUTEX_WAIT(word 0, expected 0) with a relative timeout nobody wakes; value = return, errno "
               "(ETIMEDOUT expected); elapsed_ns; evidence.timeout_ns",
               OPTIONAL_PARAM("timeout_ms", "the timeout in ms (default 200)")),
    PROBE_CASE("futex-wake-other-process", futex_wake_other_process,
               "a child FUTEX_WAITs on a word of a MAP_SHARED mapping; delay_ms after the start this "
               "process sets the word and calls FUTEX_WAKE(1); value = the woken count; elapsed_ns = start "
               "to the child's wake-up, delay_ns; evidence.waiter_returned, waiter_errno, waiter_was_asleep",
               DELAY_PARAM),
    PROBE_CASE("futex-private-wake-other-process", futex_private_wake_other_process,
               "a child FUTEX_WAITs (shared) with a timeout on a word of a MAP_SHARED mapping; this process "
               "calls FUTEX_WAKE|FUTEX_PRIVATE_FLAG on the same word; value = the woken count; "
               "evidence.waiter_returned, waiter_errno (ETIMEDOUT when not woken), waiter_was_asleep",
               OPTIONAL_PARAM("timeout_ms", "the waiter's timeout in ms (default 500)")),
    PROBE_CASE("futex-wake-count", futex_wake_count,
               "`waiters` children FUTEX_WAIT on one shared word; FUTEX_WAKE(wake); value = the woken "
               "count; evidence.waiters, requested, all_waiters_were_asleep",
               OPTIONAL_PARAM("waiters", "how many children wait, 1..16 (default 3)"),
               OPTIONAL_PARAM("wake", "how many to wake, at most waiters (default 2)")),
    PROBE_CASE("futex-wake-no-waiters", futex_wake_no_waiters,
               "FUTEX_WAKE(wake) on a word nobody waits on; value = the woken count; evidence.requested",
               OPTIONAL_PARAM("wake", "how many to wake (default 1)")),
    PROBE_CASE("futex-misaligned", futex_misaligned,
               "FUTEX_WAIT on an address one byte into a 4-byte-aligned word; value = return, errno "
               "(EINVAL expected)"),
    PROBE_CASE("futex-bad-address", futex_bad_address,
               "FUTEX_WAIT on the address of a page just unmapped; value = return, errno (EFAULT "
               "expected)"),
    PROBE_CASE("futex-wait-interrupted", futex_wait_interrupted,
               "FUTEX_WAIT with no timeout; a helper sends SIGUSR1 (a handler that returns, no "
               "SA_RESTART) after delay_ms; value = return, errno (EINTR expected), elapsed_ns, delay_ns",
               DELAY_PARAM),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
