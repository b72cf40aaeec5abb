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
    PROBE_CASE("setall-getall", setall_getall,
               "a set of three; SETALL 1,2,3 then GETALL; value = \"V0,V1,V2\" GETALL returned, errno; "
               "evidence.getval_each, set"),
    PROBE_CASE("setall-above-semvmx", setall_above_semvmx,
               "a set of two; SETALL 1,SEMVMX + 1; value = return, errno (ERANGE expected); "
               "evidence.values_after, semvmx"),
    PROBE_CASE("setval-negative", setval_negative,
               "semctl(SETVAL, -1); value = return, errno (ERANGE expected); evidence.value_after"),
    PROBE_CASE("op-above-semvmx", op_above_semvmx,
               "a semaphore at SEMVMX; semop(+1, IPC_NOWAIT); value = return, errno (ERANGE expected); "
               "evidence.semvmx, value_after"),
    PROBE_CASE("sem-num-out-of-range", sem_num_out_of_range,
               "a set of two; semop on sem_num 2; value = return, errno (EFBIG expected); evidence.nsems, "
               "sem_num"),
    PROBE_CASE("new-set-otime-and-pid", new_set_otime_and_pid,
               "a new set; value = \"sem_otime,GETPID\" (IPC_STAT and GETPID of semaphore 0)"),
    PROBE_CASE("semop-time", semop_time,
               "semop(+1) bracketed by time(2) until both read the same second; value = sem_otime; "
               "evidence.operated_at (that second)"),
    PROBE_CASE("ipc-set-mode", ipc_set_mode,
               "the owner sets sem_perm.mode 0640 with IPC_SET; value = mode from IPC_STAT (\"%04o\"), "
               "errno of IPC_SET; evidence.requested"),
    PROBE_CASE("private-always-new", private_always_new,
               "semget(IPC_PRIVATE, 1, 0600) twice, without IPC_CREAT; value = true when both made distinct "
               "sets; errno of a failed semget"),
    PROBE_CASE("existing-key-excl", existing_key_excl,
               "a set under a per-run key, then semget(key, IPC_CREAT | IPC_EXCL) again; value = id (-1 on "
               "failure), errno (EEXIST expected)"),
    PROBE_CASE("nsems-above-existing", nsems_above_existing,
               "a set of two under a per-run key, then semget(key, 3, 0600); value = id (-1 on failure), "
               "errno (EINVAL expected); evidence.existing_nsems, requested_nsems"),
    PROBE_CASE("last-operator-pid", last_operator_pid,
               "a helper adds 1 and exits; value = semctl(GETPID), errno; evidence.operator_pid (the "
               "helper), probe_pid"),
    PROBE_CASE("ncnt-counts-waiters", ncnt_counts_waiters,
               "`waiters` helpers block decrementing a semaphore at 0; value = semctl(GETNCNT) once it "
               "reaches that many or 1 s passed; then SETVAL lets them through; evidence.waiters",
               OPTIONAL_PARAM("waiters", "blocked helpers, 1..8 (default 2)")),
    PROBE_CASE("zcnt-counts-waiters", zcnt_counts_waiters,
               "`waiters` helpers block waiting for zero on a semaphore at 1; value = semctl(GETZCNT) once "
               "it reaches that many or 1 s passed; then SETVAL 0 lets them through; evidence.waiters",
               OPTIONAL_PARAM("waiters", "blocked helpers, 1..8 (default 2)")),
    PROBE_CASE("timedop-times-out", timedop_times_out,
               "semtimedop(-1) on a semaphore at 0 with a relative timeout of timeout_ms; value = how long "
               "it waited (ns), errno (EAGAIN expected); evidence.timeout_ns, returned, value_after",
               OPTIONAL_PARAM("timeout_ms", "the timeout in ms (default 200)")),
    PROBE_CASE("op-interrupted", op_interrupted,
               "blocking semop(-1) on a semaphore at 0; a helper sends the probe SIGUSR1 (handler without "
               "SA_RESTART) after delay_ms; value = return, errno (EINTR expected), elapsed_ns, "
               "delay_ns; evidence.value_after",
               DELAY_PARAM),
    PROBE_CASE("rmid-wakes-zero-waiter", rmid_wakes_zero_waiter,
               "blocking semop(0) (wait for zero) on a semaphore at 1; a helper removes the set "
               "(IPC_RMID) after delay_ms; value = return, errno (EIDRM expected), elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("other-uid-ipc-set", other_uid_ipc_set,
               "needs root; a 0600 set of the caller; a child as uid 65534 tries IPC_SET mode 0666; value = "
               "semctl result, errno (EPERM expected); evidence.uid, owner_uid, mode_after"),
    PROBE_CASE("sets-in-new-namespace", sets_in_new_namespace,
               "needs root; a child enters a new IPC namespace (unshare; without CAP_SYS_ADMIN inside a new "
               "user namespace it maps to its own uid), sets SEMMNI there (kernel.sem, "
               "the fourth field) to semmni and makes IPC_PRIVATE sets until refused (at most semmni + "
               "5); value = sets made, errno of the refusal (ENOSPC expected); the errno of unshare or "
               "of the write when the limit cannot be lowered; evidence.semmni, failed_step",
               OPTIONAL_PARAM("semmni", "the limit set inside the namespace (default 4)")),
    PROBE_CASE("getpid-across-pid-namespace", getpid_across_pid_namespace,
               "a helper makes a PID namespace (same IPC namespace) whose init is pid 1; one set of one "
               "semaphore (made by the probe); `operator` adds 1 (semop, IPC_NOWAIT), "
               "inside (the init) or outside (the helper, in the parent namespace); then both read "
               "semctl(GETPID) while the init lives; value = what `reader` read, errno of that read; "
               "evidence.act_errno, inside_pid_in_own_namespace, inside_pid_in_parent_namespace, "
               "outside_pid_in_parent_namespace",
               PARAM("operator", "inside or outside"), PARAM("reader", "inside or outside")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
