/* posix-mq-probe, the calls a queue refuses (mq_open(3), mq_send(3), mq_receive(3),
 * mq_unlink(3), mq_overview(7)): priorities beyond MQ_PRIO_MAX, sizes beyond mq_msgsize,
 * descriptors opened the wrong way, names that exist, do not exist or are too long, and
 * descriptors that are not queues. The value is the call's result, the errno why it failed. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

static mqd_t small_nonblocking_queue(const char *name) {
    return make_queue(name, O_NONBLOCK, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
}

static void report_result(long result, int err) {
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
}

/* sysconf(_SC_MQ_PRIO_MAX), or the case ends with that as its observation. */
static long mq_prio_max(void) {
    errno = 0;
    long limit = sysconf(_SC_MQ_PRIO_MAX);
    if (limit <= 0) setup_failed("sysconf(_SC_MQ_PRIO_MAX)", errno ? errno : EINVAL);
    return limit;
}

void send_priority_at_prio_max(int argc, char **argv) {
    (void)argc, (void)argv;
    long limit = mq_prio_max();
    mqd_t queue = small_nonblocking_queue(probe_ipc_name("prio"));
    int result = mq_send(queue, "m", 1, (unsigned)limit);
    report_result(result, errno);
    obs_evidence_int("mq_prio_max", limit);
    obs_emit();
}

void send_highest_priority(int argc, char **argv) {
    (void)argc, (void)argv;
    long limit = mq_prio_max();
    obs_evidence_int("highest_priority", limit - 1); /* first: a refused step still carries it */
    mqd_t queue = small_nonblocking_queue(probe_ipc_name("prio"));
    if (mq_send(queue, "m", 1, (unsigned)(limit - 1)) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    char text[SMALL_QUEUE_MSGSIZE];
    unsigned priority = 0;
    if (mq_receive(queue, text, sizeof text, &priority) < 0) setup_failed("mq_receive", errno);
    obs_value_int(priority);
    obs_evidence_int("mq_prio_max", limit);
    obs_emit();
}

void receive_small_buffer(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_nonblocking_queue(probe_ipc_name("small"));
    send_or_fail(queue, "abc", 0); /* a short message: the buffer is too small for the queue, not it */
    char text[SMALL_QUEUE_MSGSIZE];
    ssize_t n = mq_receive(queue, text, SMALL_QUEUE_MSGSIZE - 1, NULL);
    int err = errno;
    struct mq_attr attr = attributes_or_fail(queue);
    report_result(n, err);
    obs_evidence_int("buffer", SMALL_QUEUE_MSGSIZE - 1);
    obs_evidence_int("mq_msgsize", attr.mq_msgsize);
    obs_evidence_int("curmsgs_after", attr.mq_curmsgs);
    obs_emit();
}

void failed_receive_keeps_message(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_nonblocking_queue(probe_ipc_name("small"));
    send_or_fail(queue, "abc", 0);
    char text[SMALL_QUEUE_MSGSIZE];
    ssize_t n = mq_receive(queue, text, SMALL_QUEUE_MSGSIZE - 1, NULL);
    int err = errno;
    struct mq_attr attr = attributes_or_fail(queue);
    /* The value is meaningful only when the receive did fail. */
    if (n < 0) obs_value_int(attr.mq_curmsgs);
    obs_evidence_str("receive_errno", n < 0 ? errno_name(err) : "none");
    obs_evidence_int("messages_sent", 1);
    obs_emit();
}

void send_exactly_msgsize(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_nonblocking_queue(probe_ipc_name("full-size"));
    char text[SMALL_QUEUE_MSGSIZE];
    memset(text, 'x', sizeof text);
    int result = mq_send(queue, text, sizeof text, 0);
    report_result(result, errno);
    obs_evidence_int("message_bytes", sizeof text);
    obs_emit();
}

/* A second descriptor on the same queue, opened with `access` only. */
static mqd_t reopen(const char *name, int access) {
    mqd_t again = mq_open(name, access | O_NONBLOCK);
    if (again == (mqd_t)-1) setup_failed("mq_open of the existing queue", errno);
    return again;
}

void send_on_read_only(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("rdonly");
    small_nonblocking_queue(name);
    mqd_t reader = reopen(name, O_RDONLY);
    int result = mq_send(reader, "m", 1, 0);
    report_result(result, errno);
    obs_emit();
}

void receive_on_write_only(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("wronly");
    mqd_t queue = small_nonblocking_queue(name);
    send_or_fail(queue, "m", 0); /* a message waits: only the access mode stands in the way */
    mqd_t writer = reopen(name, O_WRONLY);
    char text[SMALL_QUEUE_MSGSIZE];
    ssize_t n = mq_receive(writer, text, sizeof text, NULL);
    report_result(n, errno);
    obs_emit();
}

void create_exclusive_existing(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("excl");
    small_nonblocking_queue(name);
    struct mq_attr attr = {.mq_maxmsg = SMALL_QUEUE_MAXMSG, .mq_msgsize = SMALL_QUEUE_MSGSIZE};
    mqd_t again = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    obs_value_bool(again != (mqd_t)-1);
    obs_errno(again == (mqd_t)-1 ? errno : 0);
    obs_emit();
}

void open_missing(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("never-made");
    cleanup_posix_later(IPC_POSIX_MQ, name); /* should it open (or be made) after all */
    mqd_t queue = mq_open(name, O_RDWR);
    obs_value_bool(queue != (mqd_t)-1);
    obs_errno(queue == (mqd_t)-1 ? errno : 0);
    obs_emit();
}

void creat_existing_opens_it(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("shared");
    mqd_t queue = small_nonblocking_queue(name);
    send_or_fail(queue, "first", 0);
    /* O_CREAT without O_EXCL, with other attributes: the existing queue, unchanged, is opened. */
    struct mq_attr other = {.mq_maxmsg = 2, .mq_msgsize = 16};
    mqd_t again = mq_open(name, O_CREAT | O_RDWR | O_NONBLOCK, 0600, &other);
    if (again == (mqd_t)-1) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    struct mq_attr attr = attributes_or_fail(again);
    obs_value_int(attr.mq_curmsgs);
    obs_evidence_int("mq_maxmsg", attr.mq_maxmsg);
    obs_evidence_int("mq_msgsize", attr.mq_msgsize);
    obs_evidence_int("messages_sent", 1);
    obs_emit();
}

/* "/" followed by NAME_MAX + 1 letters: one component longer than NAME_MAX. */
static const char *overlong_name(void) {
    static char name[NAME_MAX + 3];
    name[0] = '/';
    memset(name + 1, 'q', NAME_MAX + 1);
    name[NAME_MAX + 2] = '\0';
    return name;
}

void open_name_too_long(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = overlong_name();
    cleanup_posix_later(IPC_POSIX_MQ, name);
    struct mq_attr attr = {.mq_maxmsg = SMALL_QUEUE_MAXMSG, .mq_msgsize = SMALL_QUEUE_MSGSIZE};
    mqd_t queue = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    obs_value_bool(queue != (mqd_t)-1);
    obs_errno(queue == (mqd_t)-1 ? errno : 0);
    obs_evidence_int("name_bytes", (int64_t)strlen(name) - 1);
    obs_evidence_int("name_max", NAME_MAX);
    obs_emit();
}

void unlink_name_too_long(int argc, char **argv) {
    (void)argc, (void)argv;
    int result = mq_unlink(overlong_name());
    report_result(result, errno);
    obs_evidence_int("name_max", NAME_MAX);
    obs_emit();
}

void unlink_missing(int argc, char **argv) {
    (void)argc, (void)argv;
    int result = mq_unlink(probe_ipc_name("never-made"));
    report_result(result, errno);
    obs_emit();
}

void maxmsg_zero(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("zero");
    cleanup_posix_later(IPC_POSIX_MQ, name);
    struct mq_attr attr = {.mq_maxmsg = 0, .mq_msgsize = SMALL_QUEUE_MSGSIZE};
    mqd_t queue = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    obs_value_bool(queue != (mqd_t)-1);
    obs_errno(queue == (mqd_t)-1 ? errno : 0);
    obs_emit();
}

/* A descriptor that is open but is no queue: /dev/null. */
void call_on_non_queue(int argc, char **argv) {
    const char *call = argc > 0 ? argv[0] : "";
    int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fd < 0) setup_failed("open /dev/null", errno);
    struct mq_attr attr = {0};
    int result;
    if (strcmp(call, "mq_getattr") == 0)
        result = mq_getattr((mqd_t)fd, &attr);
    else if (strcmp(call, "mq_setattr") == 0)
        result = mq_setattr((mqd_t)fd, &attr, NULL);
    else if (strcmp(call, "mq_notify") == 0)
        result = mq_notify((mqd_t)fd, NULL);
    else if (strcmp(call, "mq_send") == 0)
        result = mq_send((mqd_t)fd, "m", 1, 0);
    else
        probe_usage("CALL is one of mq_getattr, mq_setattr, mq_notify, mq_send");
    int err = errno;
    close(fd);
    report_result(result, err);
    obs_evidence_str("call", call);
    obs_emit();
}

void close_twice(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_nonblocking_queue(probe_ipc_name("closed"));
    if (mq_close(queue) != 0) setup_failed("the first mq_close", errno);
    /* This program opens nothing in between, so the number cannot have been reused. */
    int result = mq_close(queue);
    report_result(result, errno);
    obs_emit();
}

void read_write_both_ways(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("both");
    small_nonblocking_queue(name);
    mqd_t both = mq_open(name, O_RDWR | O_NONBLOCK);
    if (both == (mqd_t)-1) setup_failed("mq_open(O_RDWR) of the existing queue", errno);
    if (mq_send(both, "both", 4, 0) != 0) {
        obs_errno(errno);
        obs_evidence_str("failed_call", "mq_send");
        obs_emit();
        return;
    }
    char text[SMALL_QUEUE_MSGSIZE + 1] = {0};
    ssize_t n = mq_receive(both, text, SMALL_QUEUE_MSGSIZE, NULL);
    if (n >= 0) obs_value_str(text);
    obs_errno(n < 0 ? errno : 0);
    obs_emit();
}

struct descriptor_attempt {
    int opened;
    int err;
    long limit;
};

/* Lowers RLIMIT_NOFILE to the descriptors already open (0, 1, 2), in this helper only. */
static void open_without_free_descriptor(void *arg, void *report) {
    struct descriptor_attempt *attempt = report;
    struct rlimit none = {.rlim_cur = 3, .rlim_max = 3};
    if (setrlimit(RLIMIT_NOFILE, &none) != 0) {
        attempt->err = errno;
        attempt->limit = -1;
        return;
    }
    attempt->limit = 3;
    mqd_t queue = mq_open((const char *)arg, O_RDWR);
    attempt->opened = queue != (mqd_t)-1;
    attempt->err = attempt->opened ? 0 : errno;
}

void open_beyond_rlimit_nofile(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("nofile");
    small_nonblocking_queue(name);
    struct descriptor_attempt attempt;
    run_reporting_helper(open_without_free_descriptor, (void *)name, &attempt, sizeof attempt,
                         "rlimit helper");
    if (attempt.limit < 0) setup_failed("setrlimit(RLIMIT_NOFILE)", attempt.err);
    obs_value_bool(attempt.opened);
    obs_errno(attempt.err);
    obs_evidence_int("rlimit_nofile", attempt.limit);
    obs_emit();
}
