/* Cases of the sysv_sem probe that need more than one process: blocking and waking, adjustments
 * that outlive (or not) the process that made them, a multi-operation that waits, persistence
 * beyond the creator, removal under a waiter, and another uid. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/creator.h"
#include "common/helpers.h"
#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

/* ---- blocking and waking -------------------------------------------------------------------- */

static bool increment(void *arg) { return sem_apply(*(int *)arg, 0, 1, 0) == 0; }
static bool decrement(void *arg) { return sem_apply(*(int *)arg, 0, -1, 0) == 0; }
static bool remove_set(void *arg) { return semctl(*(int *)arg, 0, IPC_RMID) == 0; }

static ssize_t decrement_blocking(void *arg) { return sem_apply(*(int *)arg, 0, -1, 0); }
static ssize_t wait_for_zero_blocking(void *arg) { return sem_apply(*(int *)arg, 0, 0, 0); }

void p_at_zero_blocks(int argc, char **argv) {
    int set = sem_set_create(0, 1);
    observe_blocking_call(increment, &set, arg_delay_ns(argc, argv, 0), decrement_blocking, &set);
    obs_evidence_int("value_after", sem_get_value(set, 0));
    obs_emit();
}

void wait_for_zero_blocks(int argc, char **argv) {
    int set = sem_set_create(0, 1);
    int64_t delay_ns = arg_delay_ns(argc, argv, 0);
    sem_set_value(set, 0, 1);
    observe_blocking_call(decrement, &set, delay_ns, wait_for_zero_blocking, &set);
    obs_evidence_int("value_after", sem_get_value(set, 0));
    obs_emit();
}

void rmid_wakes_waiter(int argc, char **argv) {
    int set = sem_set_create(0, 1);
    observe_blocking_call(remove_set, &set, arg_delay_ns(argc, argv, 0), decrement_blocking, &set);
    obs_emit();
}

/* ---- adjustments when a process exits ------------------------------------------------------- */

struct holder_job {
    int set;
    int flags;
    int held[2];    /* holder → parent: "I have decremented" */
    int release[2]; /* parent → holder: closed when the holder may exit */
};

static void decrement_and_wait_for_release(void *arg) {
    struct holder_job *job = arg;
    close(job->held[0]);
    close(job->release[1]);
    if (sem_apply(job->set, 0, -1, job->flags | IPC_NOWAIT) != 0) _exit(1);
    if (write(job->held[1], "h", 1) != 1) _exit(1);
    char byte;
    while (read(job->release[0], &byte, 1) > 0) {
    }
    /* Exits without undoing anything itself: what happens next is the kernel's doing. */
}

/* A child decrements a semaphore of 2 (with `flags`) and exits; value = the semaphore afterwards. */
static void observe_value_after_holder_exits(int flags) {
    struct holder_job job = {.set = sem_set_create(0, 1), .flags = flags};
    sem_set_value(job.set, 0, 2);
    channel_create(job.held);
    channel_create(job.release);
    pid_t holder = spawn_helper(decrement_and_wait_for_release, &job);
    close(job.held[1]);
    close(job.release[0]);
    char byte;
    if (read_full(job.held[0], &byte, 1) != 1) probe_fail("the holder could not decrement");
    int while_held = sem_get_value(job.set, 0);
    close(job.release[1]);
    int status = reap(holder, NULL);
    if (status != 0) probe_fail("the holder failed (status %d)", status);
    obs_value_int(sem_get_value(job.set, 0));
    obs_evidence_int("value_before", 2);
    obs_evidence_int("value_while_held", while_held);
    obs_evidence_bool("sem_undo", flags & SEM_UNDO);
}

void undo_on_exit(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_value_after_holder_exits(SEM_UNDO);
    obs_emit();
}

void no_undo_on_exit(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_value_after_holder_exits(0);
    obs_emit();
}

/* ---- a multi-operation that has to wait ----------------------------------------------------- */

static void decrement_both(void *arg) {
    int set = *(int *)arg;
    struct sembuf both[2] = {{.sem_num = 0, .sem_op = -1}, {.sem_num = 1, .sem_op = -1}};
    if (semop(set, both, 2) != 0) _exit(1);
}

void all_or_none_while_blocked(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    int set = sem_set_create(0, 2);
    sem_set_value(set, 0, 1);
    pid_t waiter = spawn_helper(decrement_both, &set);
    /* Wait until the kernel counts the child as waiting on semaphore 1 (bounded), then a little
     * longer, so that a partial decrement of semaphore 0 would have happened by now. */
    int64_t deadline = monotonic_ns() + 2000000000LL;
    int waiting = 0;
    while ((waiting = semctl(set, 1, GETNCNT)) < 1 && monotonic_ns() < deadline) sleep_ns(5000000);
    sleep_ns(delay);
    int while_waiting = sem_get_value(set, 0);
    if (sem_apply(set, 1, 1, 0) != 0) probe_fail("semop(V on semaphore 1): %s", strerror(errno));
    int status = reap(waiter, NULL);
    char after[32];
    sem_values_text(set, 2, after, sizeof after);
    obs_value_int(while_waiting);
    obs_evidence_str("before", "1,0");
    obs_evidence_int("waiters_on_semaphore_1", waiting);
    obs_evidence_int("waiter_exit_status", status);
    obs_evidence_str("after_release", after);
    obs_delay_ns(delay);
    obs_emit();
}

/* ---- persistence ---------------------------------------------------------------------------- */

static void create_and_raise(key_t key) {
    int set = semget(key, 1, IPC_CREAT | IPC_EXCL | 0600);
    if (set < 0) _exit(1);
    if (sem_apply(set, 0, 3, 0) != 0) _exit(1);
}

void outlives_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    struct sysv_creation made = sysv_made_by_exited_child(IPC_SYSV_SEM, probe_ipc_key(0), create_and_raise);
    if (made.creator_status != 0) probe_fail("the creator failed (status %d)", made.creator_status);
    if (made.id < 0) {
        obs_errno(made.lookup_errno); /* made by the creator, gone with it: the value stays null */
        obs_emit();
        return;
    }
    obs_value_int(sem_get_value(made.id, 0));
    obs_evidence_int("creator_pid", made.creator);
    obs_evidence_int("last_operation_pid", semctl(made.id, 0, GETPID));
    obs_emit();
}

/* ---- permissions ---------------------------------------------------------------------------- */

struct other_uid_result {
    int semop_result, semop_errno;
    int getval_errno;
};

static void operate_as_nobody(void *arg, void *report) {
    int set = *(int *)arg;
    struct other_uid_result *result = report;
    result->semop_result = sem_apply(set, 0, 1, IPC_NOWAIT);
    result->semop_errno = result->semop_result < 0 ? errno : 0;
    result->getval_errno = semctl(set, 0, GETVAL) < 0 ? errno : 0;
}

void other_uid_semop(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("other-uid-semop acts as uid 65534 and needs root");
    int set = sem_set_create(0, 1);
    struct other_uid_result result;
    int uid = run_as_other_uid(operate_as_nobody, &set, &result, sizeof result, "uid-65534 helper");
    struct semid_ds status;
    union semun arg = {.buf = &status};
    if (semctl(set, 0, IPC_STAT, arg) != 0) probe_fail("semctl(IPC_STAT): %s", strerror(errno));
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", status.sem_perm.mode & 0777);
    obs_value_int(result.semop_result);
    obs_errno(result.semop_errno);
    obs_evidence_str("getval_errno", result.getval_errno ? errno_name(result.getval_errno) : "none");
    obs_evidence_int("uid", uid);
    obs_evidence_int("owner_uid", status.sem_perm.uid);
    obs_evidence_str("mode", mode);
    obs_evidence_int("value_after", sem_get_value(set, 0));
    obs_emit();
}
