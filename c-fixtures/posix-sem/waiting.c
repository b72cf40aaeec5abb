/* posix-sem-probe, waiting (sem_wait(3), sem_init(3)): a wait on zero lasts until a post, also
 * across processes through an unnamed semaphore in shared memory, and a timed wait gives up. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

static bool post(void *semaphore) { return sem_post(semaphore) == 0; }
static ssize_t wait_on(void *semaphore) { return sem_wait(semaphore); }

void wait_blocks(int argc, char **argv) {
    /* A named semaphore: the helper reaches it through the mapping it inherited across fork. */
    sem_t *semaphore = make_named_semaphore(probe_ipc_name("wait"), 0);
    observe_blocking_call(post, semaphore, arg_delay_ns(argc, argv, 0), wait_on, semaphore);
    obs_emit();
}

/* Lives in a MAP_SHARED|MAP_ANONYMOUS page that parent and child both see after fork. */
struct shared_wait {
    sem_t semaphore;
    int64_t started_ns; /* CLOCK_MONOTONIC is one clock for every process */
    int64_t woke_ns;
    int result;
    int err;
};

static void wait_in_child(void *arg) {
    struct shared_wait *shared = arg;
    shared->result = sem_wait(&shared->semaphore);
    shared->err = shared->result < 0 ? errno : 0;
    shared->woke_ns = monotonic_ns();
}

void unnamed_shared_wakes_child(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    struct shared_wait *shared =
        mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    if (sem_init(&shared->semaphore, 1, 0) != 0) probe_fail("sem_init(pshared=1): %s", strerror(errno));
    shared->started_ns = monotonic_ns();
    pid_t child = spawn_helper(wait_in_child, shared);
    /* The child cannot return from sem_wait before this post: value 0 until then. */
    int64_t left = shared->started_ns + delay - monotonic_ns();
    if (left > 0) sleep_ns(left);
    if (sem_post(&shared->semaphore) != 0) probe_fail("sem_post: %s", strerror(errno));
    int status = reap(child, NULL);
    if (status != 0) probe_fail("the waiting child ended with status %d", status);
    obs_value_int(shared->result);
    obs_errno(shared->err);
    obs_elapsed_ns(shared->woke_ns - shared->started_ns);
    obs_delay_ns(delay);
    obs_evidence_int("pshared", 1);
    obs_emit();
}

static ssize_t timed_wait(void *semaphore, const struct timespec *deadline) {
    return sem_timedwait(semaphore, deadline);
}

void timedwait_zero(int argc, char **argv) {
    int64_t timeout_ns = arg_delay_ns(argc, argv, 0);
    sem_t semaphore;
    if (sem_init(&semaphore, 0, 0) != 0) probe_fail("sem_init: %s", strerror(errno));
    observe_timed_wait(timed_wait, &semaphore, timeout_ns);
    obs_emit();
}

/* The absolute CLOCK_REALTIME instant `from_now_ns` away (negative: in the past). */
static struct timespec realtime_deadline(int64_t from_now_ns) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    int64_t at = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec + from_now_ns;
    return (struct timespec){.tv_sec = at / 1000000000, .tv_nsec = at % 1000000000};
}

/* One sem_timedwait on a private semaphore of `value` with `deadline`, bounded by the guard. */
static void report_timedwait(unsigned value, struct timespec deadline) {
    sem_t semaphore;
    if (sem_init(&semaphore, 0, value) != 0) probe_fail("sem_init: %s", strerror(errno));
    guard_arm();
    int64_t started = monotonic_ns();
    int result = sem_timedwait(&semaphore, &deadline);
    int err = result < 0 ? errno : 0;
    int64_t took = monotonic_ns() - started;
    guard_disarm();
    int after = -1;
    sem_getvalue(&semaphore, &after);
    obs_value_int(result);
    obs_errno(err);
    obs_elapsed_ns(took);
    obs_evidence_int("initial_value", value);
    obs_evidence_int("value_after", after);
    obs_evidence_int("tv_nsec", deadline.tv_nsec);
    obs_emit();
}

void timedwait_bad_nsec(int argc, char **argv) {
    (void)argc, (void)argv;
    struct timespec deadline = realtime_deadline(1000000000);
    deadline.tv_nsec = 1000000000; /* out of range: [0, 1e9) */
    report_timedwait(0, deadline);
}

void timedwait_past_deadline(int argc, char **argv) {
    long value = arg_long(argc, argv, 0, 0);
    if (value > 1000) probe_usage("VALUE must be at most 1000");
    report_timedwait((unsigned)value, realtime_deadline(-1000000000));
}

static sem_t *timed_semaphore;
static int64_t timed_deadline_ns;
static ssize_t wait_with_far_deadline(void *semaphore) {
    struct timespec deadline = realtime_deadline(timed_deadline_ns);
    return sem_timedwait(semaphore, &deadline);
}

void timedwait_posted_before_deadline(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    timed_deadline_ns = 10 * delay; /* far beyond the post: the post, not the deadline, ends it */
    timed_semaphore = make_named_semaphore(probe_ipc_name("timed"), 0);
    observe_blocking_call(post, timed_semaphore, delay, wait_with_far_deadline, timed_semaphore);
    obs_evidence_int("deadline_ns", timed_deadline_ns);
    obs_emit();
}

static void ignore_signal(int sig) { (void)sig; }

static void signal_parent_later(void *arg) {
    sleep_ns(*(int64_t *)arg);
    kill(getppid(), SIGUSR1);
}

void wait_interrupted(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    sem_t semaphore;
    if (sem_init(&semaphore, 0, 0) != 0) probe_fail("sem_init: %s", strerror(errno));
    /* A handler that returns, installed without SA_RESTART (sem_wait is never restarted anyway). */
    struct sigaction action = {.sa_handler = ignore_signal};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(signal_parent_later, &delay);
    int result = sem_wait(&semaphore);
    int err = result < 0 ? errno : 0;
    int64_t took = monotonic_ns() - started;
    reap(helper, NULL);
    obs_value_int(result);
    obs_errno(err);
    obs_elapsed_ns(took);
    obs_delay_ns(delay);
    obs_evidence_str("signal", "SIGUSR1");
    obs_emit();
}

/* The semaphore the SIGUSR1 handler posts (a handler takes no argument). */
static sem_t *posted_by_handler;

static void post_in_handler(int sig) {
    (void)sig;
    sem_post(posted_by_handler); /* async-signal-safe (signal-safety(7)) */
}

static void raise_later(void *arg) {
    sleep_ns(*(int64_t *)arg);
    raise(SIGUSR1);
}

void post_from_handler(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    posted_by_handler = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (posted_by_handler == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    if (sem_init(posted_by_handler, 1, 0) != 0) probe_fail("sem_init(pshared=1): %s", strerror(errno));
    /* Installed before the fork: the helper inherits it and posts from inside it. */
    struct sigaction action = {.sa_handler = post_in_handler};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(raise_later, &delay);
    int result = sem_wait(posted_by_handler);
    int err = result < 0 ? errno : 0;
    int64_t took = monotonic_ns() - started;
    int status = reap(helper, NULL);
    obs_value_int(result);
    obs_errno(err);
    obs_elapsed_ns(took);
    obs_delay_ns(delay);
    obs_evidence_int("helper_status", status);
    obs_emit();
}

/* Whether process `pid` is asleep (state S in /proc/PID/stat), i.e. blocked in its wait. */
static bool asleep(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *stat_file = fopen(path, "r");
    if (!stat_file) return false;
    bool sleeping = false;
    if (fgets(line, sizeof line, stat_file)) {
        const char *after_name = strrchr(line, ')');
        sleeping = after_name && after_name[1] == ' ' && after_name[2] == 'S';
    }
    fclose(stat_file);
    return sleeping;
}

static void wait_on_shared(void *arg) {
    if (sem_wait(arg) != 0) _exit(1);
}

void getvalue_with_a_waiter(int argc, char **argv) {
    (void)argc, (void)argv;
    sem_t *semaphore = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (semaphore == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    if (sem_init(semaphore, 1, 0) != 0) probe_fail("sem_init(pshared=1): %s", strerror(errno));
    pid_t waiter = spawn_helper(wait_on_shared, semaphore);
    /* Observed, not assumed: the waiter is asleep (in sem_wait) before the value is read. */
    int64_t give_up = monotonic_ns() + 2000000000LL;
    while (!asleep(waiter) && monotonic_ns() < give_up) sleep_ns(1000000);
    bool waiting = asleep(waiter);
    if (!waiting) probe_fail("the waiting child never blocked in sem_wait");
    int value = -99;
    int result = sem_getvalue(semaphore, &value);
    int err = result < 0 ? errno : 0;
    if (sem_post(semaphore) != 0) probe_fail("sem_post: %s", strerror(errno));
    int status = reap(waiter, NULL);
    if (result == 0) obs_value_int(value);
    obs_errno(err);
    obs_evidence_bool("waiter_was_asleep", waiting);
    obs_evidence_int("waiter_status", status);
    obs_emit();
}

struct thread_wait {
    sem_t semaphore;
    int result;
    int64_t woke_ns;
};

static void *wait_in_thread(void *arg) {
    struct thread_wait *shared = arg;
    shared->result = sem_wait(&shared->semaphore);
    shared->woke_ns = monotonic_ns();
    return NULL;
}

void unnamed_private_wakes_thread(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    struct thread_wait shared = {.result = -1};
    if (sem_init(&shared.semaphore, 0, 0) != 0) probe_fail("sem_init(pshared=0): %s", strerror(errno));
    int64_t started = monotonic_ns();
    pthread_t thread;
    if (pthread_create(&thread, NULL, wait_in_thread, &shared) != 0) probe_fail("pthread_create failed");
    sleep_ns(delay);
    if (sem_post(&shared.semaphore) != 0) probe_fail("sem_post: %s", strerror(errno));
    pthread_join(thread, NULL);
    obs_value_int(shared.result);
    obs_elapsed_ns(shared.woke_ns - started);
    obs_delay_ns(delay);
    obs_evidence_int("pshared", 0);
    sem_destroy(&shared.semaphore);
    obs_emit();
}
