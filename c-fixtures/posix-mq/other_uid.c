/* posix-mq-probe, what another, unprivileged user may do (mq_open(3), mq_overview(7)): open a
 * queue whose mode denies it, create queues beyond the /proc/sys/fs/mqueue ceilings, open its
 * own read-only queue for writing. Each case runs the call in a helper dropped to uid 65534
 * (PROTOCOL.md, "Other uid") and needs root. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

struct unlink_attempt {
    int result;
    int err;
};

static void unlink_as_other_user(void *arg, void *report) {
    struct unlink_attempt *attempt = report;
    attempt->result = mq_unlink((const char *)arg);
    attempt->err = attempt->result == 0 ? 0 : errno;
}

void other_uid_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid %d", OTHER_UID);
    const char *name = probe_ipc_name("not-theirs");
    make_queue(name, 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    struct unlink_attempt attempt;
    int uid =
        run_as_other_uid(unlink_as_other_user, (void *)name, &attempt, sizeof attempt, "uid-65534 helper");
    /* Is the name still there? Asked the way a program would: mq_open without O_CREAT. */
    mqd_t again = mq_open(name, O_RDONLY);
    obs_value_bool(again != (mqd_t)-1);
    obs_errno(attempt.err);
    obs_evidence_int("unlink_returned", attempt.result);
    obs_evidence_int("uid", uid);
    obs_emit();
}

struct creation_count {
    int created;
    int err; /* why the next one was refused */
};

/* Distinct names for the queues the helper makes: "<probe name>-<n>". */
static const char *queues_base;
#define QUEUES_LIMIT 100000

static void queue_name_at(char *name, size_t size, int n) { snprintf(name, size, "%s-%d", queues_base, n); }

static void create_until_refused(void *arg, void *report) {
    (void)arg;
    struct creation_count *count = report;
    struct mq_attr tiny = {.mq_maxmsg = 1, .mq_msgsize = 1};
    char name[NAME_MAX + 1];
    for (count->created = 0; count->created < QUEUES_LIMIT; count->created++) {
        queue_name_at(name, sizeof name, count->created);
        mqd_t queue = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &tiny);
        if (queue == (mqd_t)-1) {
            count->err = errno;
            break;
        }
        mq_close(queue);
    }
    /* The helper removes what it made; the probe sweeps the names again afterwards. */
    for (int n = 0; n < count->created; n++) {
        queue_name_at(name, sizeof name, n);
        mq_unlink(name);
    }
}

void other_uid_queues_max(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid %d", OTHER_UID);
    long queues_max = mqueue_sysctl("queues_max");
    if (queues_max >= QUEUES_LIMIT) setup_failed("queues_max beyond what the case creates", EOVERFLOW);
    queues_base = probe_ipc_name("many");
    struct creation_count count;
    int uid = run_as_other_uid(create_until_refused, NULL, &count, sizeof count, "uid-65534 helper");
    char name[NAME_MAX + 1];
    for (long n = 0; n <= queues_max; n++) {
        queue_name_at(name, sizeof name, (int)n);
        mq_unlink(name);
    }
    obs_value_int(count.created);
    obs_errno(count.err);
    obs_evidence_int("queues_max", queues_max);
    obs_evidence_int("uid", uid);
    obs_emit();
}
