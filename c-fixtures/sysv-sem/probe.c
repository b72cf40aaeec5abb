/* sysv-sem-probe: observes System V semaphore sets (semget(2), semop(2), semctl(2), sysvipc(7)).
 * One case per run; the case table below says what each case observes. Single-process
 * cases live here, cases with helpers in process.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

/* One IPC_NOWAIT operation on a one-semaphore set holding `initial`; reports result and errno. */
static void observe_nonblocking_op(int initial, int op) {
    int set = sem_set_create(0, 1);
    sem_set_value(set, 0, initial);
    guard_arm();
    int result = sem_apply(set, 0, op, IPC_NOWAIT);
    int err = errno;
    guard_disarm();
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_int("initial", initial);
    obs_evidence_int("value_after", sem_get_value(set, 0));
}

static void p_at_zero_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_nonblocking_op(0, -1);
    obs_emit();
}

static void wait_for_zero_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_nonblocking_op(1, 0);
    obs_emit();
}

static void all_or_none_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 2);
    sem_set_value(set, 0, 1);
    /* The first decrement could be applied on its own; the second cannot, as semaphore 1 is 0. */
    struct sembuf both[2] = {{.sem_num = 0, .sem_op = -1, .sem_flg = IPC_NOWAIT},
                             {.sem_num = 1, .sem_op = -1, .sem_flg = IPC_NOWAIT}};
    guard_arm();
    int result = semop(set, both, 2);
    int err = errno;
    guard_disarm();
    char values[32];
    sem_values_text(set, 2, values, sizeof values);
    obs_value_str(values);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_str("before", "1,0");
    obs_evidence_int("semop_result", result);
    obs_emit();
}

/* semget of nsems semaphores; value = the set's sem_nsems (IPC_STAT), or null with the errno. */
static void observe_set_of(long nsems) {
    int set = semget(probe_ipc_key(0), (int)nsems, IPC_CREAT | IPC_EXCL | 0600);
    int err = errno;
    if (set >= 0) {
        cleanup_sysv_later(IPC_SYSV_SEM, set);
        struct semid_ds status;
        union semun arg = {.buf = &status};
        if (semctl(set, 0, IPC_STAT, arg) != 0) probe_fail("semctl(IPC_STAT): %s", strerror(errno));
        obs_value_int((int64_t)status.sem_nsems);
    }
    obs_errno(set < 0 ? err : 0);
    obs_evidence_int("nsems", nsems);
}

static void nsems_above_semmsl(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_set_of(kernel_sem_or_report().semmsl + 1);
    obs_emit();
}

static void nsems_semmsl(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_set_of(kernel_sem_or_report().semmsl);
    obs_emit();
}

static void ops_above_semopm(int argc, char **argv) {
    (void)argc, (void)argv;
    long count = kernel_sem_or_report().semopm + 1;
    int set = sem_set_create(0, 1);
    struct sembuf *operations = calloc((size_t)count, sizeof *operations);
    if (!operations) probe_fail("out of memory for %ld operations", count);
    /* Wait-for-zero on a semaphore that is 0: each one alone would succeed at once. */
    for (long i = 0; i < count; i++)
        operations[i] = (struct sembuf){.sem_num = 0, .sem_op = 0, .sem_flg = IPC_NOWAIT};
    guard_arm();
    int result = semop(set, operations, (size_t)count);
    int err = errno;
    guard_disarm();
    free(operations);
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_int("nsops", count);
    obs_emit();
}

static void setval_above_semvmx(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 1);
    union semun arg = {.val = PROBE_SEMVMX + 1};
    int result = semctl(set, 0, SETVAL, arg);
    int err = errno;
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_int("semvmx", PROBE_SEMVMX);
    obs_evidence_int("requested", PROBE_SEMVMX + 1);
    obs_evidence_int("value_after", sem_get_value(set, 0));
    obs_emit();
}

static void new_set_zero(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 4);
    char values[32];
    sem_values_text(set, 4, values, sizeof values);
    obs_value_str(values);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("p-at-zero-blocks", p_at_zero_blocks,
               "blocking semop(-1) on a semaphore at 0; a helper adds 1 after delay_ms; value = semop "
               "result, elapsed_ns, delay_ns; evidence.value_after",
               DELAY_PARAM),
    PROBE_CASE("p-at-zero-nonblocking", p_at_zero_nonblocking,
               "semop(-1, IPC_NOWAIT) on a semaphore at 0; value = return, errno (EAGAIN expected); "
               "evidence.initial, value_after"),
    PROBE_CASE("wait-for-zero-blocks", wait_for_zero_blocks,
               "blocking semop(0) (wait for zero) on a semaphore at 1; a helper subtracts 1 after "
               "delay_ms; value = semop result, elapsed_ns, delay_ns; evidence.value_after",
               DELAY_PARAM),
    PROBE_CASE("wait-for-zero-nonblocking", wait_for_zero_nonblocking,
               "semop(0, IPC_NOWAIT) on a semaphore at 1; value = return, errno (EAGAIN expected); "
               "evidence.initial, value_after"),
    PROBE_CASE("undo-on-exit", undo_on_exit,
               "a semaphore at 2; a child subtracts 1 with SEM_UNDO and exits; value = the semaphore "
               "after the child was reaped; evidence.value_before, value_while_held, sem_undo"),
    PROBE_CASE("no-undo-on-exit", no_undo_on_exit,
               "as undo-on-exit without SEM_UNDO; value = the semaphore after the child was reaped; "
               "evidence.value_before, value_while_held, sem_undo"),
    PROBE_CASE("all-or-none-nonblocking", all_or_none_nonblocking,
               "a set of two at 1,0; one semop of two IPC_NOWAIT decrements (semaphore 0, then 1); value "
               "= \"V0,V1\" afterwards, errno of the semop; evidence.before, semop_result"),
    PROBE_CASE("all-or-none-while-blocked", all_or_none_while_blocked,
               "a set of two at 1,0; a child makes one blocking semop of two decrements; once it waits "
               "on semaphore 1 (GETNCNT, bounded) and delay_ms later, value = semaphore 0; then "
               "semaphore 1 is raised; evidence.before, waiters_on_semaphore_1, waiter_exit_status, "
               "after_release",
               DELAY_PARAM),
    PROBE_CASE("nsems-above-semmsl", nsems_above_semmsl,
               "semget with nsems = SEMMSL + 1 (SEMMSL from /proc/sys/kernel/sem); value = sem_nsems of "
               "the set or null, errno (EINVAL expected); evidence.nsems, semmsl, semmns, semopm, semmni"),
    PROBE_CASE("nsems-semmsl", nsems_semmsl,
               "semget with nsems = SEMMSL; value = sem_nsems (IPC_STAT) of the set or null, errno; "
               "evidence.nsems, semmsl, semmns, semopm, semmni"),
    PROBE_CASE("ops-above-semopm", ops_above_semopm,
               "one semop of SEMOPM + 1 wait-for-zero operations on a semaphore at 0; value = return, "
               "errno (E2BIG expected); evidence.nsops, semmsl, semmns, semopm, semmni"),
    PROBE_CASE("setval-above-semvmx", setval_above_semvmx,
               "semctl(SETVAL, SEMVMX + 1 = 32768); value = return, errno (ERANGE expected); "
               "evidence.semvmx, requested, value_after"),
    PROBE_CASE("new-set-zero", new_set_zero,
               "semget of a new set of four; value = \"V0,V1,V2,V3\" (GETVAL each)"),
    PROBE_CASE("outlives-creator", outlives_creator,
               "a child creates a one-semaphore set under a known key, adds 3 and exits; the parent "
               "reaps it and finds the set by key; value = GETVAL (null and errno when not found); "
               "evidence.creator_pid, last_operation_pid (GETPID)"),
    PROBE_CASE("rmid-wakes-waiter", rmid_wakes_waiter,
               "blocking semop(-1) on a semaphore at 0; a helper removes the set (IPC_RMID) after "
               "delay_ms; value = return, errno (EIDRM expected), elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("other-uid-semop", other_uid_semop,
               "needs root; a 0600 set owned by the caller; a child as uid 65534 tries semop(+1, "
               "IPC_NOWAIT) and GETVAL; value = semop result, errno (EACCES expected); "
               "evidence.getval_errno, uid, owner_uid, mode, value_after"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
