/* Set helpers of the sysv_sem probe; see cases.h. */
#include "cases.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/probe.h"
#include "common/sysctl.h"

#define KERNEL_SEM_PATH "/proc/sys/kernel/sem"

int sem_set_create(int slot, int nsems) {
    int set = semget(probe_ipc_key(slot), nsems, IPC_CREAT | IPC_EXCL | 0600);
    if (set < 0) probe_fail("semget(%d, IPC_CREAT|IPC_EXCL): %s", nsems, strerror(errno));
    cleanup_sysv_later(IPC_SYSV_SEM, set);
    return set;
}

void sem_set_value(int set, int num, int value) {
    union semun arg = {.val = value};
    if (semctl(set, num, SETVAL, arg) != 0) probe_fail("semctl(SETVAL %d): %s", value, strerror(errno));
}

int sem_get_value(int set, int num) {
    int value = semctl(set, num, GETVAL);
    if (value < 0) probe_fail("semctl(GETVAL): %s", strerror(errno));
    return value;
}

void sem_values_text(int set, int n, char *out, size_t size) {
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%d", i ? "," : "", sem_get_value(set, i));
}

int sem_apply(int set, int num, int op, int flags) {
    struct sembuf operation = {.sem_num = (unsigned short)num, .sem_op = (short)op, .sem_flg = (short)flags};
    return semop(set, &operation, 1);
}

struct kernel_sem_limits kernel_sem_or_report(void) {
    unsigned long long values[4];
    if (sysctl_numbers_or_report(KERNEL_SEM_PATH, values, 4) != 4)
        probe_fail("%s does not hold four numbers", KERNEL_SEM_PATH);
    struct kernel_sem_limits limits = {.semmsl = (long)values[0],
                                       .semmns = (long)values[1],
                                       .semopm = (long)values[2],
                                       .semmni = (long)values[3]};
    obs_evidence_int("semmsl", limits.semmsl);
    obs_evidence_int("semmns", limits.semmns);
    obs_evidence_int("semopm", limits.semopm);
    obs_evidence_int("semmni", limits.semmni);
    return limits;
}
