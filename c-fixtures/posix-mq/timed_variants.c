/* posix-mq-probe, mq_timedsend and mq_timedreceive where the timeout plays no part
 * (mq_send(3), mq_receive(3)): POSIX gives the timed calls the rules of mq_send and mq_receive,
 * so each refusal is observed again through the timed call, and a call that need not wait
 * succeeds even with a deadline already past. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

/* CLOCK_REALTIME now plus `seconds` (negative: in the past). */
static struct timespec deadline_in(int seconds) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += seconds;
    return deadline;
}

static mqd_t timed_queue(const char *tag) {
    return make_queue(probe_ipc_name(tag), O_NONBLOCK, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
}

static mqd_t second_descriptor(mqd_t queue, const char *tag, int access) {
    (void)queue;
    mqd_t again = mq_open(probe_ipc_name(tag), access | O_NONBLOCK);
    if (again == (mqd_t)-1) setup_failed("mq_open of the existing queue", errno);
    return again;
}

static void report_call(long result, int err, const char *condition) {
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_str("condition", condition);
    obs_emit();
}

void timedreceive_refused(int argc, char **argv) {
    const char *condition = argc > 0 ? argv[0] : "";
    mqd_t queue = timed_queue("timed");
    send_or_fail(queue, "abc", 0); /* a message waits: only the condition stands in the way */
    size_t buffer = SMALL_QUEUE_MSGSIZE;
    if (strcmp(condition, "small-buffer") == 0)
        buffer = SMALL_QUEUE_MSGSIZE - 1;
    else if (strcmp(condition, "write-only") == 0)
        queue = second_descriptor(queue, "timed", O_WRONLY);
    else
        probe_usage("CONDITION is small-buffer or write-only");
    char text[SMALL_QUEUE_MSGSIZE];
    struct timespec deadline = deadline_in(1);
    guard_arm();
    ssize_t n = mq_timedreceive(queue, text, buffer, NULL, &deadline);
    int err = errno;
    guard_disarm();
    report_call(n, err, condition);
}

void timedsend_refused(int argc, char **argv) {
    const char *condition = argc > 0 ? argv[0] : "";
    mqd_t queue = timed_queue("timed");
    char text[SMALL_QUEUE_MSGSIZE + 1];
    memset(text, 'x', sizeof text);
    size_t length = 1;
    unsigned priority = 0;
    if (strcmp(condition, "oversized") == 0) {
        length = SMALL_QUEUE_MSGSIZE + 1;
    } else if (strcmp(condition, "read-only") == 0) {
        queue = second_descriptor(queue, "timed", O_RDONLY);
    } else if (strcmp(condition, "prio-max") == 0) {
        errno = 0;
        long limit = sysconf(_SC_MQ_PRIO_MAX);
        if (limit <= 0) setup_failed("sysconf(_SC_MQ_PRIO_MAX)", errno ? errno : EINVAL);
        priority = (unsigned)limit;
        obs_evidence_int("mq_prio_max", limit);
    } else if (strcmp(condition, "full-nonblocking") == 0) {
        for (int i = 0; i < SMALL_QUEUE_MAXMSG; i++) send_or_fail(queue, "x", 0);
    } else {
        probe_usage("CONDITION is oversized, read-only, prio-max or full-nonblocking");
    }
    struct timespec deadline = deadline_in(1);
    guard_arm();
    int result = mq_timedsend(queue, text, length, priority, &deadline);
    int err = errno;
    guard_disarm();
    report_call(result, err, condition);
}

void timedreceive_past_deadline_with_message(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = timed_queue("timed");
    send_or_fail(queue, "low", 1);
    send_or_fail(queue, "high", 7);
    char text[SMALL_QUEUE_MSGSIZE + 1] = {0};
    unsigned priority = 0;
    struct timespec past = deadline_in(-1);
    ssize_t n = mq_timedreceive(queue, text, SMALL_QUEUE_MSGSIZE, &priority, &past);
    if (n < 0) {
        obs_errno(errno);
    } else {
        char seen[SMALL_QUEUE_MSGSIZE + 16];
        snprintf(seen, sizeof seen, "%s@%u", text, priority);
        obs_value_str(seen);
        obs_evidence_int("returned", n);
    }
    obs_evidence_str("sent", "low@1,high@7");
    obs_emit();
}

void timedsend_past_deadline_with_room(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = timed_queue("timed");
    struct timespec past = deadline_in(-1);
    int result = mq_timedsend(queue, "x", 1, 0, &past);
    int err = errno;
    obs_evidence_int("curmsgs_after", attributes_or_fail(queue).mq_curmsgs);
    report_call(result, err, "room, deadline one second ago");
}

void timedsend_priority_order(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = timed_queue("timed");
    static const unsigned sent[] = {2, 9, 0, 5};
    struct timespec deadline = deadline_in(1);
    for (size_t i = 0; i < sizeof sent / sizeof *sent; i++)
        if (mq_timedsend(queue, "m", 1, sent[i], &deadline) != 0) setup_failed("mq_timedsend", errno);
    char joined[64] = "", text[SMALL_QUEUE_MSGSIZE];
    unsigned priority;
    for (int count = 0; mq_receive(queue, text, sizeof text, &priority) >= 0; count++) {
        size_t used = strlen(joined);
        snprintf(joined + used, sizeof joined - used, "%s%u", count ? "," : "", priority);
    }
    if (errno != EAGAIN) setup_failed("mq_receive", errno);
    obs_value_str(joined);
    obs_evidence_str("sent_priorities", "2,9,0,5");
    obs_emit();
}
