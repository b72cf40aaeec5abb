/* Single-process sysv_sem cases about semctl(2) and semop's limits: SETALL/GETALL, the ERANGE and
 * EFBIG bounds, what IPC_STAT shows of a new set and after a semop, IPC_SET by the owner, and
 * semget's key rules. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

static struct semid_ds set_stat(int set) {
    struct semid_ds status;
    union semun arg = {.buf = &status};
    if (semctl(set, 0, IPC_STAT, arg) != 0) probe_fail("semctl(IPC_STAT): %s", strerror(errno));
    return status;
}

/* Reports a semctl/semop result as the value, with its errno. */
static void observe_result(int result, int err) {
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
}

void setall_getall(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 3);
    unsigned short wanted[3] = {1, 2, 3}, got[3] = {0};
    union semun arg = {.array = wanted};
    if (semctl(set, 0, SETALL, arg) != 0) probe_fail("semctl(SETALL): %s", strerror(errno));
    arg.array = got;
    int result = semctl(set, 0, GETALL, arg);
    int err = errno;
    if (result == 0) {
        char value[64];
        snprintf(value, sizeof value, "%u,%u,%u", got[0], got[1], got[2]);
        obs_value_str(value);
    }
    obs_errno(result < 0 ? err : 0);
    char each[32];
    sem_values_text(set, 3, each, sizeof each);
    obs_evidence_str("getval_each", each);
    obs_evidence_str("set", "1,2,3");
    obs_emit();
}

void setall_above_semvmx(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 2);
    unsigned short wanted[2] = {1, PROBE_SEMVMX + 1};
    union semun arg = {.array = wanted};
    int result = semctl(set, 0, SETALL, arg);
    observe_result(result, errno);
    char after[32];
    sem_values_text(set, 2, after, sizeof after);
    obs_evidence_str("values_after", after);
    obs_evidence_int("semvmx", PROBE_SEMVMX);
    obs_emit();
}

void setval_negative(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 1);
    union semun arg = {.val = -1};
    int result = semctl(set, 0, SETVAL, arg);
    observe_result(result, errno);
    obs_evidence_int("value_after", sem_get_value(set, 0));
    obs_emit();
}

void op_above_semvmx(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 1);
    sem_set_value(set, 0, PROBE_SEMVMX);
    guard_arm();
    int result = sem_apply(set, 0, 1, IPC_NOWAIT);
    int err = errno;
    guard_disarm();
    observe_result(result, err);
    obs_evidence_int("semvmx", PROBE_SEMVMX);
    obs_evidence_int("value_after", sem_get_value(set, 0));
    obs_emit();
}

void sem_num_out_of_range(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 2);
    guard_arm();
    int result = sem_apply(set, 2, 1, IPC_NOWAIT);
    int err = errno;
    guard_disarm();
    observe_result(result, err);
    obs_evidence_int("nsems", 2);
    obs_evidence_int("sem_num", 2);
    obs_emit();
}

void new_set_otime_and_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 1);
    int pid = semctl(set, 0, GETPID);
    char value[48];
    snprintf(value, sizeof value, "%lld,%d", (long long)set_stat(set).sem_otime, pid);
    obs_value_str(value);
    obs_evidence_str("fields", "sem_otime,GETPID");
    obs_emit();
}

void semop_time(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 1);
    /* Repeated until time(2) reads the same second before and after the semop. */
    for (int attempt = 0; attempt < 5; attempt++) {
        time_t before = time(NULL);
        if (sem_apply(set, 0, 1, IPC_NOWAIT) != 0) probe_fail("semop: %s", strerror(errno));
        if (time(NULL) != before) continue;
        obs_value_int((int64_t)set_stat(set).sem_otime);
        obs_evidence_int("operated_at", (int64_t)before);
        obs_emit();
        return;
    }
    probe_fail("the clock kept crossing a second boundary");
}

void ipc_set_mode(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 1);
    struct semid_ds status = set_stat(set);
    status.sem_perm.mode = 0640;
    union semun arg = {.buf = &status};
    int result = semctl(set, 0, IPC_SET, arg);
    int err = errno;
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", set_stat(set).sem_perm.mode & 0777);
    obs_value_str(mode);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_str("requested", "0640");
    obs_emit();
}

void private_always_new(int argc, char **argv) {
    (void)argc, (void)argv;
    int first = semget(IPC_PRIVATE, 1, 0600);
    int first_errno = errno;
    if (first >= 0) cleanup_sysv_later(IPC_SYSV_SEM, first);
    int second = semget(IPC_PRIVATE, 1, 0600);
    int second_errno = errno;
    if (second >= 0) cleanup_sysv_later(IPC_SYSV_SEM, second);
    obs_value_bool(first >= 0 && second >= 0 && first != second);
    obs_errno(first < 0 ? first_errno : second < 0 ? second_errno : 0);
    obs_emit();
}

void existing_key_excl(int argc, char **argv) {
    (void)argc, (void)argv;
    sem_set_create(0, 1);
    int again = semget(probe_ipc_key(0), 1, IPC_CREAT | IPC_EXCL | 0600);
    int err = errno;
    if (again >= 0) cleanup_sysv_later(IPC_SYSV_SEM, again);
    obs_value_int(again < 0 ? -1 : again);
    obs_errno(again < 0 ? err : 0);
    obs_emit();
}

void nsems_above_existing(int argc, char **argv) {
    (void)argc, (void)argv;
    sem_set_create(0, 2);
    int again = semget(probe_ipc_key(0), 3, 0600);
    int err = errno;
    obs_value_int(again < 0 ? -1 : again);
    obs_errno(again < 0 ? err : 0);
    obs_evidence_int("existing_nsems", 2);
    obs_evidence_int("requested_nsems", 3);
    obs_emit();
}
