/* pshared-sync-probe, the futex system call (futex(2)) that process-shared mutexes and condition
 * variables are built on: a wait that checks the word first, its timeout, wakes across processes
 * on a shared mapping and what FUTEX_PRIVATE_FLAG limits them to, the count a wake returns, and
 * the errors for bad addresses and signals. Called through syscall(2), as glibc has no wrapper. */
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

/* How long a probe looks for its waiters asleep before it acts anyway (and says so). */
#define ASLEEP_WITHIN_NS 2000000000LL

static long futex(void *word, int op, uint32_t value, const struct timespec *timeout) {
    return syscall(SYS_futex, word, op, value, timeout, NULL, 0);
}

static struct timespec relative_ns(int64_t ns) {
    return (struct timespec){.tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000};
}

/* Reports a futex call's return as the value and its errno. */
static void obs_futex_result(long result, int err) {
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
}

void futex_wait_value_mismatch(int argc, char **argv) {
    (void)argc, (void)argv;
    uint32_t *word = shared_region(sizeof *word);
    *word = 1;
    guard_arm();
    long result = futex(word, FUTEX_WAIT, 0, NULL);
    int err = errno;
    guard_disarm();
    obs_futex_result(result, err);
    obs_evidence_int("word", *word);
    obs_evidence_int("expected", 0);
    obs_emit();
}

void futex_wait_timeout(int argc, char **argv) {
    int64_t timeout_ns = arg_long(argc, argv, 0, 200) * 1000000;
    uint32_t *word = shared_region(sizeof *word);
    struct timespec timeout = relative_ns(timeout_ns);
    int64_t started = monotonic_ns();
    long result = futex(word, FUTEX_WAIT, 0, &timeout);
    int err = errno;
    obs_elapsed_ns(monotonic_ns() - started);
    obs_futex_result(result, err);
    obs_evidence_int("timeout_ns", timeout_ns);
    obs_emit();
}

/* A waiter in a child process: FUTEX_WAIT (shared) on word 0, with an optional timeout. */
struct waiter {
    _Atomic uint32_t word;
    int64_t timeout_ns; /* 0: none */
    int64_t started_ns;
    int64_t woke_ns[16];
    long result[16];
    int err[16];
};

static int waiter_index;

static void wait_on_word(void *arg) {
    struct waiter *shared = arg;
    struct timespec timeout = relative_ns(shared->timeout_ns);
    long result = futex(&shared->word, FUTEX_WAIT, 0, shared->timeout_ns ? &timeout : NULL);
    shared->err[waiter_index] = result < 0 ? errno : 0;
    shared->result[waiter_index] = result;
    shared->woke_ns[waiter_index] = monotonic_ns();
}

/* Starts `count` waiters and reports whether each was seen asleep in its wait. */
static bool start_waiters(struct waiter *shared, pid_t *pids, int count) {
    bool all_asleep = true;
    for (waiter_index = 0; waiter_index < count; waiter_index++)
        pids[waiter_index] = spawn_helper(wait_on_word, shared);
    for (int i = 0; i < count; i++) all_asleep &= seen_asleep(pids[i], ASLEEP_WITHIN_NS);
    return all_asleep;
}

static void reap_waiters(pid_t *pids, int count) {
    for (int i = 0; i < count; i++)
        if (reap(pids[i], NULL) != 0) probe_fail("waiter %d failed", i);
}

void futex_wake_other_process(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    struct waiter *shared = shared_region(sizeof *shared);
    shared->started_ns = monotonic_ns();
    pid_t pid;
    bool asleep = start_waiters(shared, &pid, 1);
    int64_t left = shared->started_ns + delay - monotonic_ns();
    if (left > 0) sleep_ns(left);
    atomic_store(&shared->word, 1);
    long woken = futex(&shared->word, FUTEX_WAKE, 1, NULL);
    int err = errno;
    reap_waiters(&pid, 1);
    obs_futex_result(woken, err);
    obs_elapsed_ns(shared->woke_ns[0] - shared->started_ns);
    obs_delay_ns(delay);
    obs_evidence_bool("waiter_was_asleep", asleep);
    obs_evidence_int("waiter_returned", shared->result[0]);
    obs_evidence_str("waiter_errno", shared->result[0] < 0 ? errno_name(shared->err[0]) : "none");
    obs_emit();
}

void futex_private_wake_other_process(int argc, char **argv) {
    struct waiter *shared = shared_region(sizeof *shared);
    shared->timeout_ns = arg_long(argc, argv, 0, 500) * 1000000;
    pid_t pid;
    bool asleep = start_waiters(shared, &pid, 1);
    /* The word stays 0: a waiter that returns 0 was woken, by this call only. */
    long woken = futex(&shared->word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL);
    int err = errno;
    reap_waiters(&pid, 1);
    obs_futex_result(woken, err);
    obs_evidence_bool("waiter_was_asleep", asleep);
    obs_evidence_int("waiter_returned", shared->result[0]);
    obs_evidence_str("waiter_errno", shared->result[0] < 0 ? errno_name(shared->err[0]) : "none");
    obs_evidence_int("waiter_timeout_ns", shared->timeout_ns);
    obs_emit();
}

void futex_wake_count(int argc, char **argv) {
    long waiters = arg_long(argc, argv, 0, 3);
    long wake = arg_long(argc, argv, 1, 2);
    if (waiters < 1 || waiters > 16 || wake > waiters)
        probe_usage("WAITERS must be 1..16 and WAKE at most WAITERS");
    struct waiter *shared = shared_region(sizeof *shared);
    pid_t pids[16];
    bool asleep = start_waiters(shared, pids, (int)waiters);
    long woken = futex(&shared->word, FUTEX_WAKE, (uint32_t)wake, NULL);
    int err = errno;
    /* The rest are woken by the word's change, so every waiter ends. */
    atomic_store(&shared->word, 1);
    long rest = futex(&shared->word, FUTEX_WAKE, INT32_MAX, NULL);
    reap_waiters(pids, (int)waiters);
    obs_futex_result(woken, err);
    obs_evidence_int("waiters", waiters);
    obs_evidence_int("requested", wake);
    obs_evidence_bool("all_waiters_were_asleep", asleep);
    obs_evidence_int("second_wake_returned", rest);
    obs_emit();
}

void futex_wake_no_waiters(int argc, char **argv) {
    long wake = arg_long(argc, argv, 0, 1);
    uint32_t *word = shared_region(sizeof *word);
    long result = futex(word, FUTEX_WAKE, (uint32_t)wake, NULL);
    obs_futex_result(result, errno);
    obs_evidence_int("requested", wake);
    obs_emit();
}

void futex_misaligned(int argc, char **argv) {
    (void)argc, (void)argv;
    char *region = shared_region(8);
    guard_arm();
    long result = futex(region + 1, FUTEX_WAIT, 0, NULL);
    int err = errno;
    guard_disarm();
    obs_futex_result(result, err);
    obs_evidence_int("offset_in_word", 1);
    obs_emit();
}

void futex_bad_address(int argc, char **argv) {
    (void)argc, (void)argv;
    long page = sysconf(_SC_PAGESIZE);
    /* An address that was mapped and no longer is: nothing else can be there meanwhile. */
    void *gone = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (gone == MAP_FAILED || munmap(gone, (size_t)page) != 0) probe_fail("mmap/munmap: %s", strerror(errno));
    guard_arm();
    long result = futex(gone, FUTEX_WAIT, 0, NULL);
    int err = errno;
    guard_disarm();
    obs_futex_result(result, err);
    obs_emit();
}

static void ignore_signal(int sig) { (void)sig; }

static void signal_parent_later(void *arg) {
    sleep_ns(*(int64_t *)arg);
    kill(getppid(), SIGUSR1);
}

void futex_wait_interrupted(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    struct sigaction action = {.sa_handler = ignore_signal}; /* no SA_RESTART */
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR1, &action, NULL);
    uint32_t *word = shared_region(sizeof *word);
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(signal_parent_later, &delay);
    long result = futex(word, FUTEX_WAIT, 0, NULL);
    int err = errno;
    int64_t took = monotonic_ns() - started;
    if (reap(helper, NULL) != 0) probe_fail("the signalling helper failed");
    obs_futex_result(result, err);
    obs_elapsed_ns(took);
    obs_delay_ns(delay);
    obs_emit();
}
