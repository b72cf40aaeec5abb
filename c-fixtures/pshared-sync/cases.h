/* pshared-sync-probe's cases live in a few files, one concern each: process-shared mutexes and
 * their attributes (mutexes.c), what a mutex does after its owner died (owner_death.c), condition
 * variables (conditions.c) and the futex system call under them (futexes.c). This is what they
 * share: the memory two processes see, and lock holders in another process. */
#ifndef IPC_CONFORMANCE_PSHARED_SYNC_CASES_H
#define IPC_CONFORMANCE_PSHARED_SYNC_CASES_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/waiting.h" /* seen_asleep: a waiter seen asleep is blocked in its wait */

/* A zeroed MAP_SHARED|MAP_ANONYMOUS region: parent and every child forked later see the same
 * bytes (and the same futex words). A failure ends the probe. */
void *shared_region(size_t size);

/* pthread_mutex_init with PTHREAD_PROCESS_SHARED, `type` (PTHREAD_MUTEX_NORMAL …) and, when
 * `robust`, PTHREAD_MUTEX_ROBUST. A failure ends the probe. */
void init_shared_mutex(pthread_mutex_t *mutex, int type, bool robust);

/* A child that locks `mutex` and keeps it until release_holder(); reports the lock's result. */
struct holder {
    pid_t pid;
    int ready[2];   /* child → parent: one byte once it holds the mutex */
    int release[2]; /* parent → child: one byte to unlock and exit */
    pthread_mutex_t *mutex;
};
void start_holder(struct holder *holder, pthread_mutex_t *mutex);
void release_holder(struct holder *holder);

/* The result of a pthread call as the observation: value the returned number, errno its name. */
void obs_pthread_result(int result);

/* mutexes.c */
void counter_under_mutex(int argc, char **argv);
void trylock_held_elsewhere(int argc, char **argv);
void mutexattr_default_pshared(int argc, char **argv);
void errorcheck_relock(int argc, char **argv);
void errorcheck_unlock_by_other(int argc, char **argv);

/* owner_death.c */
void robust_lock_after_owner_died(int argc, char **argv);
void robust_eownerdead_holder_owns_it(int argc, char **argv);
void robust_consistent_then_lock(int argc, char **argv);
void robust_unlock_without_consistent(int argc, char **argv);
void plain_mutex_after_owner_died(int argc, char **argv);

/* conditions.c */
void cond_wakes_other_process(int argc, char **argv);
void cond_timedwait_times_out(int argc, char **argv);

/* futexes.c */
void futex_wait_value_mismatch(int argc, char **argv);
void futex_wait_timeout(int argc, char **argv);
void futex_wake_other_process(int argc, char **argv);
void futex_private_wake_other_process(int argc, char **argv);
void futex_wake_count(int argc, char **argv);
void futex_wake_no_waiters(int argc, char **argv);
void futex_misaligned(int argc, char **argv);
void futex_bad_address(int argc, char **argv);
void futex_wait_interrupted(int argc, char **argv);

#endif
