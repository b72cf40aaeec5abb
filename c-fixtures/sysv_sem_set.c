/* Set helpers of the sysv_sem probe; see sysv_sem_cases.h. */
#include "sysv_sem_cases.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"

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
    struct kernel_sem_limits limits;
    FILE *file = fopen(KERNEL_SEM_PATH, "r");
    if (!file) {
        obs_errno(errno);
        obs_evidence_str("unreadable", KERNEL_SEM_PATH);
        obs_emit();
        exit(0);
    }
    if (fscanf(file, "%ld %ld %ld %ld", &limits.semmsl, &limits.semmns, &limits.semopm, &limits.semmni) != 4)
        probe_fail("%s does not hold four numbers", KERNEL_SEM_PATH);
    fclose(file);
    obs_evidence_int("semmsl", limits.semmsl);
    obs_evidence_int("semmns", limits.semmns);
    obs_evidence_int("semopm", limits.semopm);
    obs_evidence_int("semmni", limits.semmni);
    return limits;
}

void observe_blocking_call(void (*relieve)(void *), void *relieve_arg, int64_t delay_ns, ssize_t (*call)(void *), void *call_arg) {
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(relieve, relieve_arg);
    ssize_t result = call(call_arg);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    if (reap(helper, NULL) != 0) probe_fail("the helper that should relieve the call failed");
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(delay_ns);
}
