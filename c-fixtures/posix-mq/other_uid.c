/* posix-mq-probe, what another, unprivileged user may do (mq_open(3), mq_overview(7)): open a
 * queue whose mode denies it, create queues beyond the /proc/sys/fs/mqueue ceilings, open its
 * own read-only queue for writing. Each case runs the call in a helper dropped to uid 65534
 * (PROTOCOL.md, "Other uid") and needs root. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/sysctl.h"
#include "cases.h"

struct attempt {
    int created; /* the first mq_open succeeded (only meaningful with reopen_access) */
    int opened;
    int err;
};

struct open_request {
    const char *name;
    int oflag;
    mode_t mode;
    struct mq_attr attr; /* mq_maxmsg 0: attr NULL */
    int reopen_access;   /* after creating, open again with this access (-1: no) */
};

static void open_as_other_user(void *arg, void *report) {
    const struct open_request *request = arg;
    struct attempt *attempt = report;
    struct mq_attr attr = request->attr;
    mqd_t queue = mq_open(request->name, request->oflag, request->mode, attr.mq_maxmsg ? &attr : NULL);
    if (queue != (mqd_t)-1 && request->reopen_access >= 0) {
        attempt->created = 1;
        mq_close(queue);
        queue = mq_open(request->name, request->reopen_access);
    }
    attempt->opened = queue != (mqd_t)-1;
    attempt->err = attempt->opened ? 0 : errno;
    if (attempt->opened) mq_close(queue);
}

static struct attempt attempt_as_other_user(struct open_request *request, int *uid) {
    if (geteuid() != 0) probe_usage("needs root to act as uid %d", OTHER_UID);
    cleanup_posix_later(IPC_POSIX_MQ, request->name); /* whatever the helper made */
    struct attempt attempt;
    *uid = run_as_other_uid(open_as_other_user, request, &attempt, sizeof attempt, "uid-65534 helper");
    return attempt;
}

static void report_attempt(struct attempt attempt, int uid) {
    obs_value_bool(attempt.opened);
    obs_errno(attempt.err);
    obs_evidence_int("uid", uid);
}

void other_uid_mode_0600(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("owner-only");
    make_queue(name, 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    struct open_request request = {.name = name, .oflag = O_RDWR, .reopen_access = -1};
    int uid;
    struct attempt attempt = attempt_as_other_user(&request, &uid);
    report_attempt(attempt, uid);
    obs_evidence_int("mode", 0600);
    obs_emit();
}

/* One of /proc/sys/fs/mqueue/<name>, or the case ends with the errno of reading it. */
static long mqueue_sysctl(const char *file) {
    char path[96];
    unsigned long long value = 0;
    snprintf(path, sizeof path, "/proc/sys/fs/mqueue/%s", file);
    if (sysctl_numbers_or_report(path, &value, 1) != 1) setup_failed(path, EINVAL);
    return (long)value;
}

void other_uid_above_ceiling(int argc, char **argv) {
    const char *which = argc > 0 ? argv[0] : "";
    struct open_request request = {.name = probe_ipc_name("ceiling"),
                                   .oflag = O_CREAT | O_EXCL | O_RDWR,
                                   .mode = 0600,
                                   .reopen_access = -1};
    long ceiling;
    if (strcmp(which, "maxmsg") == 0) {
        ceiling = mqueue_sysctl("msg_max");
        request.attr = (struct mq_attr){.mq_maxmsg = ceiling + 1, .mq_msgsize = 16};
    } else if (strcmp(which, "msgsize") == 0) {
        ceiling = mqueue_sysctl("msgsize_max");
        request.attr = (struct mq_attr){.mq_maxmsg = 1, .mq_msgsize = ceiling + 1};
    } else {
        probe_usage("ATTRIBUTE is maxmsg or msgsize");
    }
    int uid;
    struct attempt attempt = attempt_as_other_user(&request, &uid);
    report_attempt(attempt, uid);
    obs_evidence_int("ceiling", ceiling);
    obs_evidence_int("mq_maxmsg", request.attr.mq_maxmsg);
    obs_evidence_int("mq_msgsize", request.attr.mq_msgsize);
    obs_emit();
}

void other_uid_read_only_mode(int argc, char **argv) {
    (void)argc, (void)argv;
    /* The user creates its own queue with mode 0400, then opens it for writing. */
    struct open_request request = {
        .name = probe_ipc_name("read-only"),
        .oflag = O_CREAT | O_EXCL | O_RDONLY,
        .mode = 0400,
        .attr = {.mq_maxmsg = SMALL_QUEUE_MAXMSG, .mq_msgsize = SMALL_QUEUE_MSGSIZE},
        .reopen_access = O_WRONLY};
    int uid;
    struct attempt attempt = attempt_as_other_user(&request, &uid);
    /* Refused creation would say nothing about opening for writing. */
    if (!attempt.created) setup_failed("the user's own mq_open(O_CREAT)", attempt.err);
    report_attempt(attempt, uid);
    obs_evidence_int("mode", 0400);
    obs_emit();
}
