/* posix-mq-probe: observes POSIX message queues (mq_overview(7), mq_open(3), mq_send(3),
 * mq_receive(3), mq_getattr(3)). One case per run; the case table below says what each
 * observes. Notification cases live in notify.c, life and limits in lifetime.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/streams.h"
#include "common/waiting.h"
#include "cases.h"

void setup_failed(const char *step, int err) {
    obs_errno(err);
    obs_evidence_str("failed_step", step);
    obs_emit();
    exit(0);
}

mqd_t make_queue(const char *name, int extra_flags, long maxmsg, long msgsize) {
    struct mq_attr attr = {.mq_maxmsg = maxmsg, .mq_msgsize = msgsize};
    mqd_t queue = mq_open(name, O_CREAT | O_EXCL | O_RDWR | extra_flags, 0600, maxmsg ? &attr : NULL);
    if (queue == (mqd_t)-1) setup_failed("mq_open", errno);
    cleanup_posix_later(IPC_POSIX_MQ, name);
    return queue;
}

void send_or_fail(mqd_t queue, const char *text, unsigned priority) {
    if (mq_send(queue, text, strlen(text), priority) != 0) setup_failed("mq_send", errno);
}

static mqd_t small_queue(int extra_flags) {
    return make_queue(probe_ipc_name("q"), extra_flags, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
}

static struct mq_attr attributes_of(mqd_t queue) {
    struct mq_attr attr;
    if (mq_getattr(queue, &attr) != 0) setup_failed("mq_getattr", errno);
    return attr;
}

/* A queue made with attr NULL; the value is one of its attributes, the other goes to evidence. */
static void observe_default_attributes(bool report_maxmsg) {
    struct mq_attr attr = attributes_of(make_queue(probe_ipc_name("defaults"), 0, 0, 0));
    obs_value_int(report_maxmsg ? attr.mq_maxmsg : attr.mq_msgsize);
    obs_evidence_int("mq_maxmsg", attr.mq_maxmsg);
    obs_evidence_int("mq_msgsize", attr.mq_msgsize);
    obs_emit();
}

static void default_maxmsg(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_default_attributes(true);
}

static void default_msgsize(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_default_attributes(false);
}

/* Receives every queued message without blocking and joins "<prefix><field>" with commas, where
 * the field is the priority or the text; returns how many came out. */
static int drain_joined(mqd_t queue, bool priorities, char *joined, size_t size) {
    char text[SMALL_QUEUE_MSGSIZE + 1];
    unsigned priority;
    int count = 0;
    joined[0] = '\0';
    ssize_t n;
    while ((n = mq_receive(queue, text, SMALL_QUEUE_MSGSIZE, &priority)) >= 0) {
        text[n] = '\0';
        size_t used = strlen(joined);
        if (priorities)
            snprintf(joined + used, size - used, "%s%u", count ? "," : "", priority);
        else
            snprintf(joined + used, size - used, "%s%s", count ? "," : "", text);
        count++;
    }
    if (errno != EAGAIN) setup_failed("mq_receive", errno);
    return count;
}

static void priority_order(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue(O_NONBLOCK);
    static const unsigned sent[] = {2, 9, 0, 5};
    for (size_t i = 0; i < sizeof sent / sizeof *sent; i++) send_or_fail(queue, "m", sent[i]);
    char received[128];
    drain_joined(queue, true, received, sizeof received);
    obs_value_str(received);
    obs_evidence_str("sent_priorities", "2,9,0,5");
    obs_emit();
}

static void fifo_within_priority(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue(O_NONBLOCK);
    /* Two priorities interleaved, so "FIFO" cannot be mistaken for "whatever came first overall". */
    static const struct {
        const char *text;
        unsigned priority;
    } sent[] = {{"a1", 4}, {"b1", 2}, {"a2", 4}, {"b2", 2}, {"a3", 4}};
    for (size_t i = 0; i < sizeof sent / sizeof *sent; i++)
        send_or_fail(queue, sent[i].text, sent[i].priority);
    char received[128];
    drain_joined(queue, false, received, sizeof received);
    obs_value_str(received);
    obs_evidence_str("sent", "a1@4,b1@2,a2@4,b2@2,a3@4");
    obs_emit();
}

static void boundaries(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue(O_NONBLOCK);
    send_or_fail(queue, "abc", 0);
    send_or_fail(queue, "defg", 0);
    char text[SMALL_QUEUE_MSGSIZE + 1] = {0};
    ssize_t n = mq_receive(queue, text, SMALL_QUEUE_MSGSIZE, NULL);
    report_io(n, errno);
    obs_evidence_str("data", n > 0 ? text : "");
    obs_evidence_int("buffer", SMALL_QUEUE_MSGSIZE);
    obs_emit();
}

static void send_oversized(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue(O_NONBLOCK);
    long msgsize = attributes_of(queue).mq_msgsize; /* setup steps come before any observation */
    char text[SMALL_QUEUE_MSGSIZE + 1];
    memset(text, 'x', sizeof text);
    int result = mq_send(queue, text, sizeof text, 0);
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    obs_evidence_int("mq_msgsize", msgsize);
    obs_evidence_int("message_bytes", sizeof text);
    obs_emit();
}

/* Sends one-byte messages until the queue refuses; returns how many it took. */
static long fill_queue(mqd_t queue, int *refused) {
    long accepted = 0;
    guard_arm(); /* the queue is non-blocking; should it block anyway, EINTR ends the loop */
    while (mq_send(queue, "x", 1, 0) == 0) accepted++;
    *refused = errno;
    guard_disarm();
    return accepted;
}

static void send_full_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    int refused = 0;
    mqd_t queue = small_queue(O_NONBLOCK);
    obs_value_int(fill_queue(queue, &refused));
    obs_errno(refused);
    obs_evidence_int("requested_maxmsg", SMALL_QUEUE_MAXMSG);
    obs_emit();
}

static void receive_empty_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue(O_NONBLOCK);
    char text[SMALL_QUEUE_MSGSIZE];
    guard_arm();
    ssize_t n = mq_receive(queue, text, sizeof text, NULL);
    int err = errno;
    guard_disarm();
    report_io(n, err);
    obs_emit();
}

/* The blocking cases run on a blocking queue; mqd_t is a descriptor on Linux, so the stream
 * helpers' timing (observe_blocking) serves, with these message-sized calls and reliefs. */
static ssize_t receive_one(int queue) {
    char text[SMALL_QUEUE_MSGSIZE];
    return mq_receive((mqd_t)queue, text, sizeof text, NULL);
}

static ssize_t send_one(int queue) { return mq_send((mqd_t)queue, "x", 1, 0); }

static void send_after_delay(void *arg) {
    struct delayed_io *io = arg;
    sleep_ns(io->delay_ns);
    if (mq_send((mqd_t)io->fd, "x", 1, 0) != 0) _exit(1);
}

static void receive_after_delay(void *arg) {
    struct delayed_io *io = arg;
    sleep_ns(io->delay_ns);
    if (receive_one(io->fd) < 0) _exit(1);
}

static void receive_empty_blocks(int argc, char **argv) {
    mqd_t queue = small_queue(0);
    struct delayed_io io = {.fd = (int)queue, .delay_ns = arg_delay_ns(argc, argv, 0)};
    observe_blocking(send_after_delay, &io, receive_one, (int)queue);
    obs_emit();
}

static void send_full_blocks(int argc, char **argv) {
    int refused = 0;
    mqd_t queue = small_queue(O_NONBLOCK);
    int64_t delay = arg_delay_ns(argc, argv, 0);
    long filled = fill_queue(queue, &refused);
    if (refused != EAGAIN) {
        /* The send under test was never made, so it cannot have waited: 0 ns, and the errno says why. */
        obs_elapsed_ns(0);
        obs_delay_ns(delay);
        setup_failed("filling the queue", refused);
    }
    struct mq_attr blocking = {.mq_flags = 0};
    if (mq_setattr(queue, &blocking, NULL) != 0) setup_failed("mq_setattr", errno);
    struct delayed_io io = {.fd = (int)queue, .delay_ns = delay};
    observe_blocking(receive_after_delay, &io, send_one, (int)queue);
    obs_evidence_int("filled", filled);
    obs_emit();
}

static ssize_t timed_receive(void *arg, const struct timespec *deadline) {
    char text[SMALL_QUEUE_MSGSIZE];
    return mq_timedreceive(*(mqd_t *)arg, text, sizeof text, NULL, deadline);
}

static void timedreceive_empty(int argc, char **argv) {
    int64_t timeout_ns = arg_delay_ns(argc, argv, 0);
    mqd_t queue = small_queue(0);
    observe_timed_wait(timed_receive, &queue, timeout_ns);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("default-maxmsg", default_maxmsg,
               "mq_open(O_CREAT, attr NULL); value = mq_maxmsg from mq_getattr; evidence.mq_maxmsg, "
               "evidence.mq_msgsize"),
    PROBE_CASE("default-msgsize", default_msgsize,
               "mq_open(O_CREAT, attr NULL); value = mq_msgsize from mq_getattr; evidence.mq_maxmsg, "
               "evidence.mq_msgsize"),
    PROBE_CASE("priority-order", priority_order,
               "queue of 8 x 64 bytes, O_NONBLOCK; send priorities 2, 9, 0, 5; receive until EAGAIN; "
               "value = the received priorities joined with commas"),
    PROBE_CASE("fifo-within-priority", fifo_within_priority,
               "send a1@4, b1@2, a2@4, b2@2, a3@4; receive until EAGAIN; value = the received texts "
               "joined with commas"),
    PROBE_CASE("boundaries", boundaries,
               "send \"abc\" and \"defg\"; one mq_receive with a 64-byte buffer; value = bytes returned; "
               "evidence.data"),
    PROBE_CASE("send-oversized", send_oversized,
               "queue with mq_msgsize 64; mq_send of 65 bytes; value = return, errno (EMSGSIZE "
               "expected); evidence.mq_msgsize, evidence.message_bytes"),
    PROBE_CASE("send-full-nonblocking", send_full_nonblocking,
               "queue of 8 messages, O_NONBLOCK; send 1-byte messages until refused; value = messages "
               "accepted, errno of the refused send; evidence.requested_maxmsg"),
    PROBE_CASE("receive-empty-nonblocking", receive_empty_nonblocking,
               "empty queue, O_NONBLOCK; mq_receive; value = return, errno (EAGAIN expected)"),
    PROBE_CASE("receive-empty-blocks", receive_empty_blocks,
               "blocking mq_receive on an empty queue, a helper sends after delay_ms; value = bytes "
               "received, elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("send-full-blocks", send_full_blocks,
               "fill the queue, then a blocking mq_send; a helper receives one message after delay_ms; "
               "value = return of mq_send, elapsed_ns, delay_ns; evidence.filled",
               DELAY_PARAM),
    PROBE_CASE("timedreceive-empty", timedreceive_empty,
               "mq_timedreceive on an empty queue with a deadline timeout_ms from now; value = ns the "
               "call took, errno (ETIMEDOUT expected); evidence.timeout_ns, evidence.returned",
               OPTIONAL_PARAM("timeout_ms", "the deadline, in milliseconds from now (default 200)")),
    PROBE_CASE("notify-first-message", notify_first_message,
               "mq_notify(SIGEV_SIGNAL, SIGUSR1); a helper process sends one message; value = "
               "notifications received within 2 s (1 expected); evidence.si_code_is_si_mesgq, "
               "si_pid_is_sender, sival_int"),
    PROBE_CASE("notify-not-rearmed", notify_not_rearmed,
               "mq_notify(SIGEV_SIGNAL); send, await the notification, receive (queue empty again), send "
               "again; value = notifications for the second message within 300 ms (0 expected; null when "
               "the first never came); evidence.first_notified"),
    PROBE_CASE("notify-second-registration", notify_second_registration,
               "a helper process registers with mq_notify(SIGEV_NONE) and stays; then this process calls "
               "mq_notify; value = return, errno (EBUSY expected)"),
    PROBE_CASE("outlives-creator", outlives_creator,
               "a helper creates a queue, sends \"persisted\", closes it and exits; this process, which "
               "never had it open, opens it by name and receives; value = the text received"),
    PROBE_CASE("open-after-unlink", open_after_unlink,
               "create a queue, mq_unlink it, mq_open(name) without O_CREAT; value = whether it opened, "
               "errno (ENOENT expected)"),
    PROBE_CASE("unlinked-queue-still-usable", unlinked_queue_still_usable,
               "create a queue, send \"kept\", mq_unlink, mq_receive on the open descriptor; value = the "
               "text received"),
    PROBE_CASE("dev-mqueue-qsize", dev_mqueue_qsize,
               "send \"hello\" and \"world!!\" (12 bytes); read /dev/mqueue/NAME; value = its QSIZE "
               "field (null and errno when the file cannot be opened); evidence.bytes_sent, "
               "evidence.line, evidence.path"),
    PROBE_CASE("rlimit-msgqueue-exceeded", rlimit_msgqueue_exceeded,
               "a helper lowers RLIMIT_MSGQUEUE to half of maxmsg*msgsize and creates such a queue; "
               "value = whether it opened, errno; evidence.rlimit_msgqueue (read back), requested_bytes, "
               "mq_maxmsg, mq_msgsize",
               OPTIONAL_PARAM("maxmsg", "mq_maxmsg of the queue (default 4)"),
               OPTIONAL_PARAM("msgsize", "mq_msgsize of the queue (default 4096)")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
