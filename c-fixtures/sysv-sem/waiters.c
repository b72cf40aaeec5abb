/* sysv_sem cases with more processes about semctl(2)'s view of waiters and of the last operation,
 * and about waits cut short: GETPID, GETNCNT and GETZCNT, semtimedop's timeout, a handler and
 * IPC_RMID under a waiter, IPC_SET for another uid, and SEMMNI inside an IPC namespace of the
 * probe's own. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/ipc_namespace.h"
#include "common/probe.h"
#include "common/sysctl.h"
#include "common/waiting.h"
#include "cases.h"

#define MAX_WAITERS 8
/* How long the probe waits for the kernel to count its blocked helpers. */
#define COUNT_GRACE_NS 1000000000LL

static void increment_in_helper(void *arg) {
    if (sem_apply(*(int *)arg, 0, 1, IPC_NOWAIT) != 0) _exit(1);
}

void last_operator_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    int set = sem_set_create(0, 1);
    pid_t operator= spawn_helper(increment_in_helper, &set);
    if (reap(operator, NULL) != 0) probe_fail("the helper could not operate");
    int pid = semctl(set, 0, GETPID);
    int err = errno;
    obs_value_int(pid);
    obs_errno(pid < 0 ? err : 0);
    obs_evidence_int("operator_pid", operator);
    obs_evidence_int("probe_pid", getpid());
    obs_emit();
}

struct waiting_job {
    int set;
    int op; /* -1: wait to decrement; 0: wait for zero */
};

static void wait_in_helper(void *arg) {
    struct waiting_job *job = arg;
    if (sem_apply(job->set, 0, job->op, 0) != 0) _exit(1);
}

/* `waiters` helpers block with `op` on semaphore 0 (held at `initial`); value = what semctl(cmd)
 * counts once it stops rising (bounded), then `release` lets every helper finish. */
static void observe_waiter_count(int argc, char **argv, int op, int initial, int cmd, int release) {
    long waiters = arg_long(argc, argv, 0, 2);
    if (waiters < 1 || waiters > MAX_WAITERS) probe_usage("WAITERS must be 1..%d", MAX_WAITERS);
    struct waiting_job job = {.set = sem_set_create(0, 1), .op = op};
    sem_set_value(job.set, 0, initial);
    pid_t helpers[MAX_WAITERS];
    for (long i = 0; i < waiters; i++) helpers[i] = spawn_helper(wait_in_helper, &job);
    int64_t deadline = monotonic_ns() + COUNT_GRACE_NS;
    int counted = 0;
    while ((counted = semctl(job.set, 0, cmd)) < waiters && counted >= 0 && monotonic_ns() < deadline)
        sleep_ns(2000000);
    int err = errno;
    sem_set_value(job.set, 0, release == 0 ? 0 : (int)waiters);
    for (long i = 0; i < waiters; i++)
        if (reap(helpers[i], NULL) != 0) probe_fail("waiting helper %ld failed", i);
    obs_value_int(counted);
    obs_errno(counted < 0 ? err : 0);
    obs_evidence_int("waiters", waiters);
    obs_evidence_int("semval_while_waiting", initial);
}

void ncnt_counts_waiters(int argc, char **argv) {
    observe_waiter_count(argc, argv, -1, 0, GETNCNT, 1);
    obs_emit();
}

void zcnt_counts_waiters(int argc, char **argv) {
    observe_waiter_count(argc, argv, 0, 1, GETZCNT, 0);
    obs_emit();
}

/* ---- waits cut short ------------------------------------------------------------------------ */

void timedop_times_out(int argc, char **argv) {
    int64_t timeout_ns = (int64_t)arg_long(argc, argv, 0, 200) * 1000000;
    int set = sem_set_create(0, 1);
    struct sembuf decrement = {.sem_num = 0, .sem_op = -1};
    struct timespec timeout = {.tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000};
    int64_t started = monotonic_ns();
    int result = semtimedop(set, &decrement, 1, &timeout);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    obs_value_int(elapsed);
    obs_errno(result < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_evidence_int("timeout_ns", timeout_ns);
    obs_evidence_int("returned", result);
    obs_evidence_int("value_after", sem_get_value(set, 0));
    obs_emit();
}

static void on_interrupt(int sig) { (void)sig; }

static bool signal_the_probe(void *arg) {
    (void)arg;
    return kill(getppid(), SIGUSR1) == 0;
}

static bool remove_set_now(void *arg) { return semctl(*(int *)arg, 0, IPC_RMID) == 0; }
static ssize_t decrement_blocking(void *arg) { return sem_apply(*(int *)arg, 0, -1, 0); }
static ssize_t wait_for_zero_blocking(void *arg) { return sem_apply(*(int *)arg, 0, 0, 0); }

void op_interrupted(int argc, char **argv) {
    int set = sem_set_create(0, 1);
    struct sigaction action = {.sa_handler = on_interrupt}; /* no SA_RESTART */
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    observe_blocking_call(signal_the_probe, NULL, arg_delay_ns(argc, argv, 0), decrement_blocking, &set);
    obs_evidence_int("value_after", sem_get_value(set, 0));
    obs_emit();
}

void rmid_wakes_zero_waiter(int argc, char **argv) {
    int set = sem_set_create(0, 1);
    sem_set_value(set, 0, 1);
    observe_blocking_call(remove_set_now, &set, arg_delay_ns(argc, argv, 0), wait_for_zero_blocking, &set);
    obs_emit();
}

/* ---- another uid ---------------------------------------------------------------------------- */

struct set_job {
    int set;
    struct semid_ds status;
};

struct set_result {
    int result, err;
};

static void set_mode_as_nobody(void *arg, void *report) {
    struct set_job *job = arg;
    struct set_result *result = report;
    struct semid_ds wanted = job->status;
    wanted.sem_perm.mode = 0666;
    union semun semarg = {.buf = &wanted};
    result->result = semctl(job->set, 0, IPC_SET, semarg);
    result->err = result->result < 0 ? errno : 0;
}

void other_uid_ipc_set(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("other-uid-ipc-set acts as uid 65534 and needs root");
    struct set_job job = {.set = sem_set_create(0, 1)};
    union semun arg = {.buf = &job.status};
    if (semctl(job.set, 0, IPC_STAT, arg) != 0) probe_fail("semctl(IPC_STAT): %s", strerror(errno));
    struct set_result result;
    int uid = run_as_other_uid(set_mode_as_nobody, &job, &result, sizeof result, "uid-65534 helper");
    struct semid_ds after;
    arg.buf = &after;
    if (semctl(job.set, 0, IPC_STAT, arg) != 0) probe_fail("semctl(IPC_STAT): %s", strerror(errno));
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", after.sem_perm.mode & 0777);
    obs_value_int(result.result);
    obs_errno(result.err);
    obs_evidence_int("uid", uid);
    obs_evidence_int("owner_uid", (int64_t)job.status.sem_perm.uid);
    obs_evidence_str("mode_after", mode);
    obs_emit();
}

/* ---- SEMMNI in an IPC namespace of the probe's own ------------------------------------------- */

static int new_private_set(void) { return semget(IPC_PRIVATE, 1, IPC_CREAT | 0600); }

/* kernel.sem as this namespace starts with it, SEMMNI (the fourth field) lowered. */
static bool semmni_text(const char *path, long limit, char *text, size_t size) {
    unsigned long long now[4];
    if (sysctl_numbers(path, now, 4) != 4) return false;
    snprintf(text, size, "%llu %llu %llu %ld\n", now[0], now[1], now[2], limit);
    return true;
}

void sets_in_new_namespace(int argc, char **argv) {
    long limit = arg_long(argc, argv, 0, 4);
    if (limit < 1 || limit > 64) probe_usage("SEMMNI must be 1..64");
    if (geteuid() != 0) probe_usage("sets-in-new-namespace makes an IPC namespace and needs root");
    static const struct namespace_limit semmni = {"/proc/sys/kernel/sem", "semmni", semmni_text,
                                                  new_private_set};
    observe_objects_in_new_ipc_namespace(&semmni, limit);
}
