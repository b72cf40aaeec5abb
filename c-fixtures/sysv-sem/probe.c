/* sysv-sem-probe: observes System V semaphore sets (semget(2), semop(2), semctl(2), sysvipc(7)).
 * One case per run; c-fixtures/cases/sysv_sem.json says what each case observes. Single-process
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
    struct sembuf both[2] = {{.sem_num = 0, .sem_op = -1, .sem_flg = IPC_NOWAIT}, {.sem_num = 1, .sem_op = -1, .sem_flg = IPC_NOWAIT}};
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
    for (long i = 0; i < count; i++) operations[i] = (struct sembuf){.sem_num = 0, .sem_op = 0, .sem_flg = IPC_NOWAIT};
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
    {"p-at-zero-blocks", p_at_zero_blocks},
    {"p-at-zero-nonblocking", p_at_zero_nonblocking},
    {"wait-for-zero-blocks", wait_for_zero_blocks},
    {"wait-for-zero-nonblocking", wait_for_zero_nonblocking},
    {"undo-on-exit", undo_on_exit},
    {"no-undo-on-exit", no_undo_on_exit},
    {"all-or-none-nonblocking", all_or_none_nonblocking},
    {"all-or-none-while-blocked", all_or_none_while_blocked},
    {"nsems-above-semmsl", nsems_above_semmsl},
    {"nsems-semmsl", nsems_semmsl},
    {"ops-above-semopm", ops_above_semopm},
    {"setval-above-semvmx", setval_above_semvmx},
    {"new-set-zero", new_set_zero},
    {"outlives-creator", outlives_creator},
    {"rmid-wakes-waiter", rmid_wakes_waiter},
    {"other-uid-semop", other_uid_semop},
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
