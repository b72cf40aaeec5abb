/* posix-mq-probe, notification cases (mq_notify(3)): one signal when a message arrives in an empty
 * queue, a registration that is spent by that signal, and one registered process per queue. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

/* SIGUSR1 carries the notification; SIGUSR2 and SIGALRM belong to the probe runtime. */
#define NOTIFICATION_SIGNAL SIGUSR1
#define NOTIFICATION_TOKEN  4242
/* A notification is generated inside mq_send, so it is pending by the time mq_send returns; the
 * waits below only absorb scheduling on a loaded machine. */
#define EXPECTED_WITHIN_NS 2000000000LL
#define ABSENT_AFTER_NS    300000000LL
/* Where the send was made and returned before the wait starts, a notification would already be
 * pending: the wait only covers delivery, so it can be short. */
#define ABSENT_AFTER_SEND_NS 50000000LL

/* Holds the signal pending instead of delivering it, so sigtimedwait can count it. */
static void hold_notification_signal(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, NOTIFICATION_SIGNAL);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) probe_fail("sigprocmask: %s", strerror(errno));
}

static int register_for_signal(mqd_t queue) {
    struct sigevent event = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = NOTIFICATION_SIGNAL};
    event.sigev_value.sival_int = NOTIFICATION_TOKEN;
    return mq_notify(queue, &event);
}

/* Waits up to timeout_ns for the notification signal; true when it came (info filled in). */
static bool await_notification(int64_t timeout_ns, siginfo_t *info) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, NOTIFICATION_SIGNAL);
    int64_t deadline = monotonic_ns() + timeout_ns;
    for (;;) {
        int64_t left = deadline - monotonic_ns();
        if (left <= 0) return false;
        struct timespec wait = {.tv_sec = left / 1000000000, .tv_nsec = left % 1000000000};
        if (sigtimedwait(&set, info, &wait) == NOTIFICATION_SIGNAL) return true;
        if (errno != EINTR && errno != EAGAIN) probe_fail("sigtimedwait: %s", strerror(errno));
    }
}

/* Ends the case when registering failed: that errno is the observation. */
static void register_or_report(mqd_t queue) {
    if (register_for_signal(queue) == 0) return;
    obs_errno(errno);
    obs_emit();
    exit(0);
}

/* Exits with the errno of a refused send, so the parent can report it. */
static void send_from_helper(void *arg) {
    if (mq_send(*(mqd_t *)arg, "wake", 4, 0) != 0) _exit(errno);
}

void notify_first_message(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = make_queue(probe_ipc_name("notify"), 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    hold_notification_signal();
    register_or_report(queue);
    /* Another process sends, so the signal cannot be a side effect of the registrant's own call. */
    pid_t sender = spawn_helper(send_from_helper, &queue);
    int status = reap(sender, NULL);
    if (status != 0) setup_failed("the helper's mq_send", status);
    siginfo_t info = {0};
    bool notified = await_notification(EXPECTED_WITHIN_NS, &info);
    obs_value_int(notified ? 1 : 0);
    if (notified) {
        obs_evidence_bool("si_code_is_si_mesgq", info.si_code == SI_MESGQ);
        obs_evidence_bool("si_pid_is_sender", info.si_pid == sender);
        obs_evidence_int("sival_int", info.si_value.sival_int);
    }
    obs_emit();
}

void notify_not_rearmed(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = make_queue(probe_ipc_name("notify"), O_NONBLOCK, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    char text[SMALL_QUEUE_MSGSIZE];
    siginfo_t info;
    hold_notification_signal();
    register_or_report(queue);
    send_or_fail(queue, "first", 0);
    bool first = await_notification(EXPECTED_WITHIN_NS, &info);
    /* Empty the queue again: a notification is only due when a message arrives in an empty queue. */
    if (mq_receive(queue, text, sizeof text, NULL) < 0) setup_failed("mq_receive", errno);
    send_or_fail(queue, "second", 0);
    bool second = await_notification(ABSENT_AFTER_NS, &info);
    /* Without the first notification, "no second one" would prove nothing: the value stays null. */
    if (first) obs_value_int(second ? 1 : 0);
    obs_evidence_bool("first_notified", first);
    obs_emit();
}

struct registrant {
    mqd_t queue;
    bool close_after; /* mq_close the registered descriptor at once, then stay */
    int ready[2];     /* the registrant writes its mq_notify errno (0 on success) here */
    int release[2];   /* EOF on this pipe tells it to exit */
};

static void hold_registration(void *arg) {
    struct registrant *registrant = arg;
    close(registrant->ready[0]);
    close(registrant->release[1]);
    struct sigevent event = {.sigev_notify = SIGEV_NONE}; /* registered, yet never signalled */
    int err = mq_notify(registrant->queue, &event) == 0 ? 0 : errno;
    if (err == 0 && registrant->close_after && mq_close(registrant->queue) != 0) err = errno;
    if (write(registrant->ready[1], &err, sizeof err) != sizeof err) _exit(1);
    char byte;
    while (read(registrant->release[0], &byte, 1) != 0 && errno == EINTR) {
    }
}

/* A helper registers (and with close_after closes its descriptor) and stays alive; then this
 * process calls mq_notify, whose result is the observation. */
static void register_while_other_holds(bool close_after) {
    struct registrant registrant = {
        .queue = make_queue(probe_ipc_name("notify"), 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE),
        .close_after = close_after};
    channel_create(registrant.ready);
    channel_create(registrant.release);
    pid_t holder = spawn_helper(hold_registration, &registrant);
    close(registrant.ready[1]);
    close(registrant.release[0]);
    int holder_errno = -1;
    if (read_full(registrant.ready[0], &holder_errno, sizeof holder_errno) != sizeof holder_errno)
        probe_fail("the registering helper reported nothing");
    if (holder_errno != 0) setup_failed("the helper's mq_notify", holder_errno);
    int result = register_for_signal(registrant.queue);
    int err = result < 0 ? errno : 0;
    close(registrant.release[1]); /* the holder exits, which also drops its registration */
    reap(holder, NULL);
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_bool("other_process_registered", true);
    obs_evidence_bool("other_process_closed_its_descriptor", close_after);
    obs_emit();
}

void notify_second_registration(int argc, char **argv) {
    (void)argc, (void)argv;
    register_while_other_holds(false);
}

void notify_freed_by_close(int argc, char **argv) {
    (void)argc, (void)argv;
    register_while_other_holds(true);
}

void notify_unregistered_by_null(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = make_queue(probe_ipc_name("notify"), 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    hold_notification_signal();
    register_or_report(queue);
    if (mq_notify(queue, NULL) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    pid_t sender = spawn_helper(send_from_helper, &queue);
    int status = reap(sender, NULL);
    if (status != 0) setup_failed("the helper's mq_send", status);
    siginfo_t info;
    obs_value_int(await_notification(ABSENT_AFTER_SEND_NS, &info) ? 1 : 0);
    obs_evidence_bool("unregistered_with_null", true);
    obs_emit();
}

void notify_not_for_nonempty_queue(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = make_queue(probe_ipc_name("notify"), 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    send_or_fail(queue, "already", 0);
    hold_notification_signal();
    register_or_report(queue);
    pid_t sender = spawn_helper(send_from_helper, &queue);
    int status = reap(sender, NULL);
    if (status != 0) setup_failed("the helper's mq_send", status);
    siginfo_t info;
    obs_value_int(await_notification(ABSENT_AFTER_SEND_NS, &info) ? 1 : 0);
    obs_evidence_int("messages_before", 1);
    obs_emit();
}

/* Exits 0 once it received a message through a blocking mq_receive. */
static void receive_blocking_in_helper(void *arg) {
    char text[SMALL_QUEUE_MSGSIZE];
    if (mq_receive(*(mqd_t *)arg, text, sizeof text, NULL) < 0) _exit(errno);
}

/* The receiver is given this long to block in mq_receive, and then until it is seen asleep there
 * (at most RECEIVER_ASLEEP_WITHIN_NS more), before the message is sent. */
#define RECEIVER_SETTLE_NS        100000000LL
#define RECEIVER_ASLEEP_WITHIN_NS 5000000000LL

void notify_blocked_receiver_first(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = make_queue(probe_ipc_name("notify"), 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    hold_notification_signal();
    register_or_report(queue);
    pid_t receiver = spawn_helper(receive_blocking_in_helper, &queue);
    sleep_ns(RECEIVER_SETTLE_NS);
    bool asleep = seen_asleep(receiver, RECEIVER_ASLEEP_WITHIN_NS);
    send_or_fail(queue, "wake", 0);
    int status = reap(receiver, NULL);
    siginfo_t info;
    bool notified = await_notification(ABSENT_AFTER_SEND_NS, &info);
    /* Only a receiver that got the message makes "no notification" meaningful. */
    if (status == 0) obs_value_int(notified ? 1 : 0);
    obs_evidence_bool("receiver_received", status == 0);
    obs_evidence_int("receiver_settle_ns", RECEIVER_SETTLE_NS);
    obs_evidence_bool("receiver_was_asleep", asleep);
    obs_emit();
}

struct registration_attempt {
    int result;
    int err;
};

static void register_in_helper(void *arg, void *report) {
    struct registration_attempt *attempt = report;
    struct sigevent event = {.sigev_notify = SIGEV_NONE};
    attempt->result = mq_notify(*(mqd_t *)arg, &event);
    attempt->err = attempt->result == 0 ? 0 : errno;
}

void notify_free_after_delivery(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = make_queue(probe_ipc_name("notify"), 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    hold_notification_signal();
    register_or_report(queue);
    pid_t sender = spawn_helper(send_from_helper, &queue);
    int status = reap(sender, NULL);
    if (status != 0) setup_failed("the helper's mq_send", status);
    siginfo_t info;
    if (!await_notification(EXPECTED_WITHIN_NS, &info))
        setup_failed("awaiting the first notification", ETIMEDOUT);
    struct registration_attempt attempt;
    run_reporting_helper(register_in_helper, &queue, &attempt, sizeof attempt, "registering helper");
    obs_value_int(attempt.result);
    obs_errno(attempt.err);
    obs_evidence_bool("first_notified", true);
    obs_emit();
}

void notify_si_code(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = make_queue(probe_ipc_name("notify"), 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    hold_notification_signal();
    register_or_report(queue);
    pid_t sender = spawn_helper(send_from_helper, &queue);
    int status = reap(sender, NULL);
    if (status != 0) setup_failed("the helper's mq_send", status);
    siginfo_t info = {0};
    if (await_notification(EXPECTED_WITHIN_NS, &info)) {
        char code[32];
        if (info.si_code == SI_MESGQ)
            snprintf(code, sizeof code, "SI_MESGQ");
        else
            snprintf(code, sizeof code, "%d", info.si_code);
        obs_value_str(code);
        obs_evidence_int("sival_int", info.si_value.sival_int);
        obs_evidence_bool("si_pid_is_sender", info.si_pid == sender);
    }
    obs_evidence_bool("notified", info.si_signo == NOTIFICATION_SIGNAL);
    obs_emit();
}
