/* posix-mq-probe, a queue's attributes (mq_getattr(3), mq_setattr(3)): what mq_getattr reports
 * of a queue and of an open description, and what mq_setattr changes (O_NONBLOCK only), returns
 * (the previous attributes) and ignores (every other field). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

/* The messages the curmsgs cases queue before they look. */
#define QUEUED_MESSAGES 3

static mqd_t small_queue_with(int extra_flags) {
    return make_queue(probe_ipc_name("attr"), extra_flags, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
}

struct mq_attr attributes_or_fail(mqd_t queue) {
    struct mq_attr attr;
    if (mq_getattr(queue, &attr) != 0) setup_failed("mq_getattr", errno);
    return attr;
}

/* The call under test is mq_getattr itself: its failure is the observation. */
static bool observe_getattr(mqd_t queue, struct mq_attr *attr) {
    if (mq_getattr(queue, attr) == 0) return true;
    obs_errno(errno);
    obs_emit();
    return false;
}

static void attributes_evidence(const struct mq_attr *attr) {
    obs_evidence_int("mq_flags", attr->mq_flags);
    obs_evidence_int("mq_maxmsg", attr->mq_maxmsg);
    obs_evidence_int("mq_msgsize", attr->mq_msgsize);
    obs_evidence_int("mq_curmsgs", attr->mq_curmsgs);
}

/* The evidence a relation compares with goes out first, so that a refused call still carries it. */
void getattr_maxmsg(int argc, char **argv) {
    (void)argc, (void)argv;
    obs_evidence_int("requested_maxmsg", SMALL_QUEUE_MAXMSG);
    struct mq_attr attr;
    if (!observe_getattr(small_queue_with(0), &attr)) return;
    obs_value_int(attr.mq_maxmsg);
    attributes_evidence(&attr);
    obs_emit();
}

void getattr_msgsize(int argc, char **argv) {
    (void)argc, (void)argv;
    obs_evidence_int("requested_msgsize", SMALL_QUEUE_MSGSIZE);
    struct mq_attr attr;
    if (!observe_getattr(small_queue_with(0), &attr)) return;
    obs_value_int(attr.mq_msgsize);
    attributes_evidence(&attr);
    obs_emit();
}

void getattr_curmsgs(int argc, char **argv) {
    (void)argc, (void)argv;
    obs_evidence_int("messages_sent", QUEUED_MESSAGES);
    mqd_t queue = small_queue_with(O_NONBLOCK);
    for (int i = 0; i < QUEUED_MESSAGES; i++) send_or_fail(queue, "m", 0);
    struct mq_attr attr;
    if (!observe_getattr(queue, &attr)) return;
    obs_value_int(attr.mq_curmsgs);
    attributes_evidence(&attr);
    obs_emit();
}

void curmsgs_after_receive(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue_with(O_NONBLOCK);
    for (int i = 0; i < QUEUED_MESSAGES; i++) send_or_fail(queue, "m", 0);
    char text[SMALL_QUEUE_MSGSIZE];
    if (mq_receive(queue, text, sizeof text, NULL) < 0) setup_failed("mq_receive", errno);
    struct mq_attr attr;
    if (!observe_getattr(queue, &attr)) return;
    obs_value_int(attr.mq_curmsgs);
    obs_evidence_int("messages_sent", QUEUED_MESSAGES);
    obs_evidence_int("messages_received", 1);
    attributes_evidence(&attr);
    obs_emit();
}

void getattr_nonblock_flag(int argc, char **argv) {
    (void)argc, (void)argv;
    struct mq_attr attr;
    if (!observe_getattr(small_queue_with(O_NONBLOCK), &attr)) return;
    obs_value_bool((attr.mq_flags & O_NONBLOCK) != 0);
    attributes_evidence(&attr);
    obs_emit();
}

/* mq_setattr(flags) on the queue opened with `opened_flags`; false (observation emitted) when the
 * call under test failed. `old` receives the previous attributes. */
static bool observe_setattr(mqd_t queue, long flags, struct mq_attr *old) {
    struct mq_attr wanted = {.mq_flags = flags};
    if (mq_setattr(queue, &wanted, old) == 0) return true;
    obs_errno(errno);
    obs_emit();
    return false;
}

void setattr_sets_nonblock(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue_with(0);
    if (!observe_setattr(queue, O_NONBLOCK, NULL)) return;
    char text[SMALL_QUEUE_MSGSIZE];
    guard_arm(); /* should the receive block anyway, EINTR ends it */
    ssize_t n = mq_receive(queue, text, sizeof text, NULL);
    int err = errno;
    guard_disarm();
    obs_value_int(n);
    obs_errno(n < 0 ? err : 0);
    obs_emit();
}

void setattr_clears_nonblock(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue_with(O_NONBLOCK);
    if (!observe_setattr(queue, 0, NULL)) return;
    struct mq_attr attr = attributes_or_fail(queue);
    obs_value_bool((attr.mq_flags & O_NONBLOCK) != 0);
    attributes_evidence(&attr);
    obs_emit();
}

void setattr_ignores_sizes(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue_with(O_NONBLOCK);
    /* Every field but mq_flags asks for something else; only mq_flags may take effect. */
    struct mq_attr wanted = {.mq_flags = O_NONBLOCK, .mq_maxmsg = 2, .mq_msgsize = 16, .mq_curmsgs = 5};
    if (mq_setattr(queue, &wanted, NULL) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    struct mq_attr attr = attributes_or_fail(queue);
    char joined[96];
    snprintf(joined, sizeof joined, "%ld,%ld,%ld", (long)attr.mq_maxmsg, (long)attr.mq_msgsize,
             (long)attr.mq_curmsgs);
    obs_value_str(joined);
    obs_evidence_str("asked", "mq_maxmsg 2, mq_msgsize 16, mq_curmsgs 5");
    attributes_evidence(&attr);
    obs_emit();
}

void setattr_returns_old(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue_with(O_NONBLOCK);
    send_or_fail(queue, "m", 0);
    struct mq_attr old;
    memset(&old, 0, sizeof old);
    if (!observe_setattr(queue, 0, &old)) return;
    /* The previous state: O_NONBLOCK set, the sizes asked for, the one queued message. */
    char joined[96];
    snprintf(joined, sizeof joined, "%s,%ld,%ld,%ld", (old.mq_flags & O_NONBLOCK) ? "O_NONBLOCK" : "0",
             (long)old.mq_maxmsg, (long)old.mq_msgsize, (long)old.mq_curmsgs);
    obs_value_str(joined);
    attributes_evidence(&old);
    obs_emit();
}

void created_with_mode(int argc, char **argv) {
    (void)argc, (void)argv;
    obs_evidence_int("requested_mode", 0600);
    mqd_t queue = small_queue_with(0);
    struct stat status;
    /* On Linux a queue descriptor is a file descriptor of the mqueue filesystem. */
    if (fstat((int)queue, &status) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    obs_value_int(status.st_mode & 07777);
    obs_evidence_bool("owner_is_euid", status.st_uid == geteuid());
    obs_evidence_bool("group_is_egid", status.st_gid == getegid());
    obs_emit();
}

/* A flag bit other than O_NONBLOCK that mq_setattr must refuse (O_APPEND means nothing here). */
#define UNKNOWN_FLAG O_APPEND

void setattr_unknown_flag(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue_with(0);
    struct mq_attr wanted = {.mq_flags = O_NONBLOCK | UNKNOWN_FLAG};
    int result = mq_setattr(queue, &wanted, NULL);
    int err = errno;
    struct mq_attr after = attributes_or_fail(queue);
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    /* Refused as a whole: O_NONBLOCK, asked for together with the unknown bit, must not be set. */
    obs_evidence_bool("nonblock_after", (after.mq_flags & O_NONBLOCK) != 0);
    obs_emit();
}

void failed_setattr_changes_nothing(int argc, char **argv) {
    (void)argc, (void)argv;
    mqd_t queue = small_queue_with(0);
    struct mq_attr wanted = {.mq_flags = O_NONBLOCK | UNKNOWN_FLAG};
    int result = mq_setattr(queue, &wanted, NULL);
    int err = errno;
    struct mq_attr after = attributes_or_fail(queue);
    /* The value is meaningful only when mq_setattr did fail. */
    if (result < 0) obs_value_bool((after.mq_flags & O_NONBLOCK) != 0);
    obs_evidence_str("setattr_errno", result < 0 ? errno_name(err) : "none");
    attributes_evidence(&after);
    obs_emit();
}
