/* posix-mq-probe, calls that wait for a while or until interrupted (mq_send(3), mq_receive(3)):
 * mq_timedsend on a full queue gives up at its deadline, a deadline already past or malformed is
 * refused when the call would block, and a blocked call interrupted by a handler installed
 * without SA_RESTART fails with EINTR (signal(7)). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

/* A queue holding SMALL_QUEUE_MAXMSG messages, its description switched to `flags` afterwards. */
static mqd_t full_queue(long flags) {
    mqd_t queue = make_queue(probe_ipc_name("full"), O_NONBLOCK, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    for (int i = 0; i < SMALL_QUEUE_MAXMSG; i++) send_or_fail(queue, "x", 0);
    struct mq_attr wanted = {.mq_flags = flags};
    if (mq_setattr(queue, &wanted, NULL) != 0) setup_failed("mq_setattr", errno);
    return queue;
}

static mqd_t empty_queue(int extra_flags) {
    return make_queue(probe_ipc_name("empty"), extra_flags, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
}

static ssize_t timed_send(void *arg, const struct timespec *deadline) {
    return mq_timedsend(*(mqd_t *)arg, "x", 1, 0, deadline);
}

void timedsend_full(int argc, char **argv) {
    int64_t timeout_ns = arg_delay_ns(argc, argv, 0);
    mqd_t queue = full_queue(0);
    observe_timed_wait(timed_send, &queue, timeout_ns);
    obs_emit();
}

/* The deadline the "deadline" parameter names: a tv_nsec out of range, or one second ago. */
static struct timespec deadline_named(const char *which) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    if (strcmp(which, "nsec-too-big") == 0) {
        deadline.tv_sec += 1;
        deadline.tv_nsec = 1000000000L;
    } else if (strcmp(which, "nsec-negative") == 0) {
        deadline.tv_sec += 1;
        deadline.tv_nsec = -1;
    } else if (strcmp(which, "past") == 0) {
        deadline.tv_sec -= 1;
    } else {
        probe_usage("DEADLINE is one of nsec-too-big, nsec-negative, past");
    }
    return deadline;
}

static void report_timed(ssize_t result, int err, int64_t elapsed, const char *which) {
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_evidence_str("deadline", which);
}

void timedreceive_deadline(int argc, char **argv) {
    const char *which = argc > 0 ? argv[0] : "";
    struct timespec deadline = deadline_named(which);
    mqd_t queue = empty_queue(0);
    char text[SMALL_QUEUE_MSGSIZE];
    int64_t started = monotonic_ns();
    guard_arm(); /* a call that waits anyway is cut short with EINTR after 1 s */
    ssize_t n = mq_timedreceive(queue, text, sizeof text, NULL, &deadline);
    int err = errno;
    guard_disarm();
    report_timed(n, err, monotonic_ns() - started, which);
    obs_emit();
}

void timedsend_deadline(int argc, char **argv) {
    const char *which = argc > 0 ? argv[0] : "";
    struct timespec deadline = deadline_named(which);
    mqd_t queue = full_queue(0);
    int64_t started = monotonic_ns();
    guard_arm();
    int result = mq_timedsend(queue, "x", 1, 0, &deadline);
    int err = errno;
    guard_disarm();
    report_timed(result, err, monotonic_ns() - started, which);
    obs_emit();
}

void timedreceive_nonblocking_empty(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = empty_queue(O_NONBLOCK);
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 5; /* far: O_NONBLOCK, not the deadline, must end the call */
    char text[SMALL_QUEUE_MSGSIZE];
    int64_t started = monotonic_ns();
    guard_arm();
    ssize_t n = mq_timedreceive(queue, text, sizeof text, NULL, &deadline);
    int err = errno;
    guard_disarm();
    obs_value_int(n);
    obs_errno(n < 0 ? err : 0);
    obs_elapsed_ns(monotonic_ns() - started);
    obs_emit();
}

/* ---- interrupted by a handler ------------------------------------------------------------- */

#define INTERRUPTING_SIGNAL SIGUSR1

static volatile sig_atomic_t handled;

static void on_interrupting_signal(int sig) {
    (void)sig;
    handled = 1;
}

static void signal_parent_after(void *arg) {
    sleep_ns(*(int64_t *)arg);
    if (kill(getppid(), INTERRUPTING_SIGNAL) != 0) _exit(1);
}

/* Runs call(queue) while a helper signals this process after the delay; the handler has no
 * SA_RESTART, so an interrupted call must fail with EINTR rather than resume. */
static void observe_interrupted(ssize_t (*call)(mqd_t queue), mqd_t queue, int64_t delay_ns) {
    struct sigaction action = {.sa_handler = on_interrupting_signal};
    sigemptyset(&action.sa_mask);
    if (sigaction(INTERRUPTING_SIGNAL, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(signal_parent_after, &delay_ns);
    ssize_t result = call(queue);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    if (reap(helper, NULL) != 0) probe_fail("the signalling helper failed");
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(delay_ns);
    obs_evidence_bool("handler_ran", handled != 0);
    obs_evidence_bool("sa_restart", false);
}

static ssize_t receive_blocking(mqd_t queue) {
    char text[SMALL_QUEUE_MSGSIZE];
    return mq_receive(queue, text, sizeof text, NULL);
}

static ssize_t send_blocking(mqd_t queue) { return mq_send(queue, "x", 1, 0); }

/* The timed forms wait with a deadline far beyond the delay: only the signal may end them. */
#define FAR_DEADLINE_S 5

static struct timespec far_deadline(void) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += FAR_DEADLINE_S;
    return deadline;
}

static ssize_t timedreceive_blocking(mqd_t queue) {
    char text[SMALL_QUEUE_MSGSIZE];
    struct timespec deadline = far_deadline();
    return mq_timedreceive(queue, text, sizeof text, NULL, &deadline);
}

static ssize_t timedsend_blocking(mqd_t queue) {
    struct timespec deadline = far_deadline();
    return mq_timedsend(queue, "x", 1, 0, &deadline);
}

void timedreceive_interrupted(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    observe_interrupted(timedreceive_blocking, empty_queue(0), delay);
    obs_emit();
}

void timedsend_interrupted(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    observe_interrupted(timedsend_blocking, full_queue(0), delay);
    obs_emit();
}

void receive_interrupted(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    observe_interrupted(receive_blocking, empty_queue(0), delay);
    obs_emit();
}

void send_interrupted(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    observe_interrupted(send_blocking, full_queue(0), delay);
    obs_emit();
}
