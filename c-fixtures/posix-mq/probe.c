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
    PROBE_CASE("getattr-maxmsg", getattr_maxmsg,
               "queue created with mq_maxmsg 8, mq_msgsize 64; value = mq_maxmsg from mq_getattr; "
               "evidence.requested_maxmsg and every attribute"),
    PROBE_CASE("getattr-msgsize", getattr_msgsize,
               "queue created with mq_maxmsg 8, mq_msgsize 64; value = mq_msgsize from mq_getattr; "
               "evidence.requested_msgsize and every attribute"),
    PROBE_CASE("getattr-curmsgs", getattr_curmsgs,
               "send 3 messages; value = mq_curmsgs from mq_getattr; evidence.messages_sent"),
    PROBE_CASE("curmsgs-after-receive", curmsgs_after_receive,
               "send 3 messages, receive 1; value = mq_curmsgs from mq_getattr"),
    PROBE_CASE("getattr-nonblock-flag", getattr_nonblock_flag,
               "queue opened with O_NONBLOCK; value = whether mq_getattr's mq_flags has O_NONBLOCK"),
    PROBE_CASE("setattr-sets-nonblock", setattr_sets_nonblock,
               "queue opened blocking; mq_setattr(mq_flags O_NONBLOCK); mq_receive on the empty queue; "
               "value = return, errno (EAGAIN expected; EINTR after 1 s if it blocked)"),
    PROBE_CASE("setattr-clears-nonblock", setattr_clears_nonblock,
               "queue opened with O_NONBLOCK; mq_setattr(mq_flags 0); value = whether mq_getattr's "
               "mq_flags still has O_NONBLOCK"),
    PROBE_CASE("setattr-ignores-sizes", setattr_ignores_sizes,
               "queue of 8 x 64 bytes, empty; mq_setattr asking mq_maxmsg 2, mq_msgsize 16, mq_curmsgs 5; "
               "value = mq_maxmsg,mq_msgsize,mq_curmsgs from mq_getattr afterwards"),
    PROBE_CASE("setattr-returns-old", setattr_returns_old,
               "queue of 8 x 64 bytes opened O_NONBLOCK holding 1 message; mq_setattr(mq_flags 0, "
               "&old); value = old as flags,mq_maxmsg,mq_msgsize,mq_curmsgs (flags O_NONBLOCK or 0)"),
    PROBE_CASE("setattr-unknown-flag", setattr_unknown_flag,
               "queue opened blocking; mq_setattr(mq_flags O_NONBLOCK|O_APPEND); value = return, errno "
               "(EINVAL expected); evidence.nonblock_after"),
    PROBE_CASE("failed-setattr-changes-nothing", failed_setattr_changes_nothing,
               "queue opened blocking; mq_setattr(mq_flags O_NONBLOCK|O_APPEND) fails; value = whether "
               "mq_getattr then shows O_NONBLOCK (null when mq_setattr did not fail)"),
    PROBE_CASE("created-with-mode", created_with_mode,
               "mq_open(O_CREAT, 0600); fstat on the descriptor; value = its permission bits; "
               "evidence.requested_mode, owner_is_euid, group_is_egid"),
    PROBE_CASE("send-priority-at-prio-max", send_priority_at_prio_max,
               "mq_send with priority sysconf(_SC_MQ_PRIO_MAX); value = return, errno (EINVAL "
               "expected); evidence.mq_prio_max"),
    PROBE_CASE("send-highest-priority", send_highest_priority,
               "mq_send with priority sysconf(_SC_MQ_PRIO_MAX) - 1, then mq_receive; value = the "
               "priority received; evidence.highest_priority, mq_prio_max"),
    PROBE_CASE("receive-small-buffer", receive_small_buffer,
               "queue with mq_msgsize 64 holding a 3-byte message; mq_receive with a 63-byte buffer; "
               "value = return, errno (EMSGSIZE expected); evidence.curmsgs_after"),
    PROBE_CASE("failed-receive-keeps-message", failed_receive_keeps_message,
               "queue with mq_msgsize 64 holding 1 message; mq_receive with a 63-byte buffer fails; "
               "value = mq_curmsgs afterwards (null when the receive did not fail); "
               "evidence.receive_errno"),
    PROBE_CASE("send-exactly-msgsize", send_exactly_msgsize,
               "queue with mq_msgsize 64; mq_send of 64 bytes; value = return, errno"),
    PROBE_CASE("send-on-read-only", send_on_read_only,
               "a second descriptor of the queue opened O_RDONLY; mq_send on it; value = return, errno "
               "(EBADF expected)"),
    PROBE_CASE("receive-on-write-only", receive_on_write_only,
               "queue holding 1 message; a second descriptor opened O_WRONLY; mq_receive on it; value "
               "= return, errno (EBADF expected)"),
    PROBE_CASE("create-exclusive-existing", create_exclusive_existing,
               "mq_open(O_CREAT|O_EXCL) of a name that exists; value = whether it opened, errno "
               "(EEXIST expected)"),
    PROBE_CASE("open-missing", open_missing,
               "mq_open(O_RDWR) without O_CREAT of a name never created; value = whether it opened, "
               "errno (ENOENT expected)"),
    PROBE_CASE("creat-existing-opens-it", creat_existing_opens_it,
               "queue of 8 x 64 bytes holding 1 message; mq_open(O_CREAT) of its name with other "
               "attributes (2 x 16); value = mq_curmsgs through the new descriptor; "
               "evidence.mq_maxmsg, mq_msgsize"),
    PROBE_CASE("open-name-too-long", open_name_too_long,
               "mq_open(O_CREAT) of \"/\" and NAME_MAX + 1 letters; value = whether it opened, errno "
               "(ENAMETOOLONG expected); evidence.name_bytes, name_max"),
    PROBE_CASE("unlink-name-too-long", unlink_name_too_long,
               "mq_unlink of \"/\" and NAME_MAX + 1 letters; value = return, errno (ENAMETOOLONG "
               "expected)"),
    PROBE_CASE("unlink-missing", unlink_missing,
               "mq_unlink of a name never created; value = return, errno (ENOENT expected)"),
    PROBE_CASE("maxmsg-zero", maxmsg_zero,
               "mq_open(O_CREAT) with mq_maxmsg 0; value = whether it opened, errno (EINVAL expected)"),
    PROBE_CASE("call-on-non-queue", call_on_non_queue,
               "CALL on a descriptor of /dev/null, open but no queue; value = return, errno (EBADF "
               "expected)",
               PARAM("call", "mq_getattr, mq_setattr, mq_notify or mq_send")),
    PROBE_CASE("timedsend-full", timedsend_full,
               "mq_timedsend on a full blocking queue with a deadline timeout_ms from now; value = ns "
               "the call took, errno (ETIMEDOUT expected); evidence.timeout_ns, evidence.returned",
               OPTIONAL_PARAM("timeout_ms", "the deadline, in milliseconds from now (default 200)")),
    PROBE_CASE("timedreceive-deadline", timedreceive_deadline,
               "mq_timedreceive on an empty blocking queue with the deadline DEADLINE names; value = "
               "return, errno, elapsed_ns",
               PARAM("deadline", "nsec-too-big (tv_nsec 1e9), nsec-negative (tv_nsec -1) or past "
                                 "(one second ago)")),
    PROBE_CASE("timedsend-deadline", timedsend_deadline,
               "mq_timedsend on a full blocking queue with the deadline DEADLINE names; value = return, "
               "errno, elapsed_ns",
               PARAM("deadline", "nsec-too-big (tv_nsec 1e9), nsec-negative (tv_nsec -1) or past "
                                 "(one second ago)")),
    PROBE_CASE("timedreceive-nonblocking-empty", timedreceive_nonblocking_empty,
               "mq_timedreceive on an empty O_NONBLOCK queue with a deadline 5 s away; value = return, "
               "errno (EAGAIN expected), elapsed_ns"),
    PROBE_CASE("receive-interrupted", receive_interrupted,
               "blocking mq_receive on an empty queue; a helper sends SIGUSR1 (handler without "
               "SA_RESTART) after delay_ms; value = return, errno (EINTR expected), elapsed_ns, "
               "delay_ns; evidence.handler_ran",
               DELAY_PARAM),
    PROBE_CASE("send-interrupted", send_interrupted,
               "blocking mq_send on a full queue; a helper sends SIGUSR1 (handler without SA_RESTART) "
               "after delay_ms; value = return, errno (EINTR expected), elapsed_ns, delay_ns; "
               "evidence.handler_ran",
               DELAY_PARAM),
    PROBE_CASE("timedreceive-refused", timedreceive_refused,
               "queue holding a 3-byte message; mq_timedreceive (deadline 1 s away) with a 63-byte buffer "
               "(small-buffer) or on a second descriptor opened O_WRONLY (write-only); value = return, "
               "errno",
               PARAM("condition", "small-buffer or write-only")),
    PROBE_CASE("timedsend-refused", timedsend_refused,
               "mq_timedsend (deadline 1 s away) of 65 bytes to a 64-byte queue (oversized), on a "
               "descriptor opened O_RDONLY (read-only), with priority sysconf(_SC_MQ_PRIO_MAX) "
               "(prio-max) or to a full O_NONBLOCK queue (full-nonblocking); value = return, errno",
               PARAM("condition", "oversized, read-only, prio-max or full-nonblocking")),
    PROBE_CASE("timedreceive-past-deadline-with-message", timedreceive_past_deadline_with_message,
               "send \"low\"@1 and \"high\"@7; mq_timedreceive with a deadline one second ago; value = "
               "text@priority received (null and errno when it failed)"),
    PROBE_CASE("timedsend-past-deadline-with-room", timedsend_past_deadline_with_room,
               "mq_timedsend to an empty queue with a deadline one second ago; value = return, errno; "
               "evidence.curmsgs_after"),
    PROBE_CASE("timedsend-priority-order", timedsend_priority_order,
               "mq_timedsend priorities 2, 9, 0, 5; receive until EAGAIN; value = the received "
               "priorities joined with commas"),
    PROBE_CASE("timedreceive-interrupted", timedreceive_interrupted,
               "mq_timedreceive (deadline 5 s away) on an empty queue; a helper sends SIGUSR1 (handler "
               "without SA_RESTART) after delay_ms; value = return, errno (EINTR expected), elapsed_ns",
               DELAY_PARAM),
    PROBE_CASE("timedsend-interrupted", timedsend_interrupted,
               "mq_timedsend (deadline 5 s away) on a full queue; a helper sends SIGUSR1 (handler "
               "without SA_RESTART) after delay_ms; value = return, errno (EINTR expected), elapsed_ns",
               DELAY_PARAM),
    PROBE_CASE("other-uid-mode-0600", other_uid_mode_0600,
               "needs root: a queue created 0600; a helper as uid 65534 opens it O_RDWR; value = "
               "whether it opened, errno (EACCES expected); evidence.uid"),
    PROBE_CASE("other-uid-above-ceiling", other_uid_above_ceiling,
               "needs root: a helper as uid 65534 (no CAP_SYS_RESOURCE) creates a queue one above "
               "/proc/sys/fs/mqueue/msg_max (maxmsg) or msgsize_max (msgsize); value = whether it "
               "opened, errno (EINVAL expected); evidence.ceiling, mq_maxmsg, mq_msgsize",
               PARAM("attribute", "maxmsg or msgsize")),
    PROBE_CASE("other-uid-read-only-mode", other_uid_read_only_mode,
               "needs root: a helper as uid 65534 creates its own queue with mode 0400, then opens it "
               "O_WRONLY; value = whether that opened, errno (EACCES expected)"),
    PROBE_CASE("close-twice", close_twice,
               "mq_close a queue descriptor, then mq_close the same number again; value = return of the "
               "second, errno (EBADF expected)"),
    PROBE_CASE("read-write-both-ways", read_write_both_ways,
               "a second descriptor opened O_RDWR sends \"both\" and receives it; value = the text "
               "received (null and errno when a call failed; evidence.failed_call)"),
    PROBE_CASE("open-beyond-rlimit-nofile", open_beyond_rlimit_nofile,
               "a helper lowers RLIMIT_NOFILE to 3 (descriptors 0-2 already open) and mq_opens an "
               "existing queue; value = whether it opened, errno (EMFILE expected)"),
    PROBE_CASE("other-uid-unlink", other_uid_unlink,
               "needs root: a queue created 0600; a helper as uid 65534 calls mq_unlink on it; value = "
               "whether the name still opens afterwards, errno of the mq_unlink (EACCES expected)"),
    PROBE_CASE("other-uid-queues-max", other_uid_queues_max,
               "needs root: a helper as uid 65534 (no CAP_SYS_RESOURCE) creates 1 x 1-byte queues until "
               "refused, then removes them; value = how many it created, errno of the refusal (ENOSPC "
               "expected); evidence.queues_max"),
    PROBE_CASE("notify-freed-by-close", notify_freed_by_close,
               "a helper process registers with mq_notify(SIGEV_NONE), mq_closes its descriptor and "
               "stays; then this process calls mq_notify; value = return, errno (0 expected)"),
    PROBE_CASE("notify-unregistered-by-null", notify_unregistered_by_null,
               "mq_notify(SIGEV_SIGNAL), then mq_notify(NULL); a helper sends one message; value = "
               "notifications within 50 ms after the send returned (0 expected)"),
    PROBE_CASE("notify-not-for-nonempty-queue", notify_not_for_nonempty_queue,
               "queue holding 1 message; mq_notify(SIGEV_SIGNAL); a helper sends a second; value = "
               "notifications within 50 ms after the send returned (0 expected)"),
    PROBE_CASE("notify-blocked-receiver-first", notify_blocked_receiver_first,
               "mq_notify(SIGEV_SIGNAL); a helper blocks in mq_receive; after 100 ms one message is "
               "sent; value = notifications within 50 ms (0 expected; null when the receiver got "
               "nothing); evidence.receiver_received"),
    PROBE_CASE("notify-free-after-delivery", notify_free_after_delivery,
               "mq_notify(SIGEV_SIGNAL); a helper sends; once the notification came, another helper "
               "process calls mq_notify(SIGEV_NONE); value = its return, errno (0 expected)"),
    PROBE_CASE("notify-si-code", notify_si_code,
               "mq_notify(SIGEV_SIGNAL); a helper sends one message; value = the signal's si_code "
               "(\"SI_MESGQ\" or its number; null when none came); evidence.sival_int, "
               "si_pid_is_sender"),
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
    PROBE_CASE("exclusive-create-race", exclusive_create_race,
               "4 helper processes, released together, each mq_open(O_CREAT|O_EXCL) the same name; "
               "value = how many created it (1 expected); evidence.refused_with_eexist, "
               "refused_otherwise"),
    PROBE_CASE("rlimit-msgqueue-exceeded", rlimit_msgqueue_exceeded,
               "a helper lowers RLIMIT_MSGQUEUE to half of maxmsg*msgsize and creates such a queue; "
               "value = whether it opened, errno; evidence.rlimit_msgqueue (read back), requested_bytes, "
               "mq_maxmsg, mq_msgsize",
               OPTIONAL_PARAM("maxmsg", "mq_maxmsg of the queue (default 4)"),
               OPTIONAL_PARAM("msgsize", "mq_msgsize of the queue (default 4096)")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
