/* posix-mq-probe, a queue's life and limits: it outlives its creator, its name goes with
 * mq_unlink while open descriptors keep working, it shows in /dev/mqueue, and the bytes its user
 * may allocate are bounded by RLIMIT_MSGQUEUE (mq_overview(7), mq_unlink(3), getrlimit(2)). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/creator.h"
#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

static const char persisted_text[] = "persisted";

/* The creator's exit status says what failed: errno for mq_open, 128 + errno for mq_send. */
#define CREATOR_SEND_FAILED 128

static void create_send_and_exit(void *arg) {
    const char *name = arg;
    struct mq_attr attr = {.mq_maxmsg = SMALL_QUEUE_MAXMSG, .mq_msgsize = SMALL_QUEUE_MSGSIZE};
    mqd_t queue = mq_open(name, O_CREAT | O_EXCL | O_WRONLY, 0600, &attr);
    if (queue == (mqd_t)-1) _exit(errno & 127);
    if (mq_send(queue, persisted_text, strlen(persisted_text), 0) != 0)
        _exit(CREATOR_SEND_FAILED + (errno & 127));
    mq_close(queue);
}

void outlives_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    struct posix_creation made = posix_made_by_exited_child(IPC_POSIX_MQ, "persist", create_send_and_exit);
    int status = made.creator_status;
    if (status > CREATOR_SEND_FAILED) setup_failed("the creator's mq_send", status - CREATOR_SEND_FAILED);
    if (status != 0) setup_failed("the creator's mq_open", status);
    /* This process never had the queue open: only the name leads to it now. */
    mqd_t queue = mq_open(made.name, O_RDONLY | O_NONBLOCK);
    if (queue == (mqd_t)-1) {
        obs_errno(errno);
    } else {
        char text[SMALL_QUEUE_MSGSIZE + 1] = {0};
        ssize_t n = mq_receive(queue, text, SMALL_QUEUE_MSGSIZE, NULL);
        if (n >= 0) obs_value_str(text);
        obs_errno(n < 0 ? errno : 0);
    }
    obs_evidence_bool("creator_exited", true);
    obs_emit();
}

void open_after_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("unlinked");
    make_queue(name, 0, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    /* Not setup_failed: an ENOENT here would read as the very errno the property expects. */
    if (mq_unlink(name) != 0) probe_fail("mq_unlink: %s", strerror(errno));
    mqd_t again = mq_open(name, O_RDONLY);
    obs_value_bool(again != (mqd_t)-1);
    obs_errno(again == (mqd_t)-1 ? errno : 0);
    obs_emit();
}

void unlinked_queue_still_usable(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("unlinked");
    mqd_t queue = make_queue(name, O_NONBLOCK, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    send_or_fail(queue, "kept", 0);
    if (mq_unlink(name) != 0) probe_fail("mq_unlink: %s", strerror(errno));
    char text[SMALL_QUEUE_MSGSIZE + 1] = {0};
    ssize_t n = mq_receive(queue, text, SMALL_QUEUE_MSGSIZE, NULL);
    if (n >= 0) obs_value_str(text);
    obs_errno(n < 0 ? errno : 0);
    obs_emit();
}

void dev_mqueue_qsize(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("listed");
    mqd_t queue = make_queue(name, O_NONBLOCK, SMALL_QUEUE_MAXMSG, SMALL_QUEUE_MSGSIZE);
    send_or_fail(queue, "hello", 0);
    send_or_fail(queue, "world!!", 3);
    char path[256], line[256] = "";
    snprintf(path, sizeof path, "/dev/mqueue%s", name); /* the name keeps its leading slash */
    obs_evidence_str("path", path);
    obs_evidence_int("bytes_sent", 12);
    FILE *file = fopen(path, "r");
    if (!file) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    if (!fgets(line, sizeof line, file)) line[0] = '\0';
    fclose(file);
    line[strcspn(line, "\n")] = '\0';
    long qsize;
    if (sscanf(line, "QSIZE:%ld", &qsize) == 1) obs_value_int(qsize);
    obs_evidence_str("line", line);
    obs_emit();
}

struct rlimit_attempt {
    long limit_read_back; /* RLIMIT_MSGQUEUE as getrlimit reports it after lowering */
    int opened;
    int err;
    bool limit_refused; /* setrlimit or getrlimit failed: err is theirs, not mq_open's */
};

static struct mq_attr requested_attr;
static const char *rlimit_queue_name;

/* Lowers the limit in this helper only, so the probe and everything else keep theirs. */
static void open_under_lowered_limit(void *arg, void *report) {
    (void)arg;
    struct rlimit_attempt *attempt = report;
    rlim_t payload = (rlim_t)requested_attr.mq_maxmsg * (rlim_t)requested_attr.mq_msgsize;
    struct rlimit lowered = {.rlim_cur = payload / 2, .rlim_max = payload / 2};
    struct rlimit now;
    if (setrlimit(RLIMIT_MSGQUEUE, &lowered) != 0 || getrlimit(RLIMIT_MSGQUEUE, &now) != 0) {
        attempt->limit_refused = true;
        attempt->err = errno;
        return;
    }
    attempt->limit_read_back = (long)now.rlim_cur;
    mqd_t queue = mq_open(rlimit_queue_name, O_CREAT | O_EXCL | O_RDWR, 0600, &requested_attr);
    attempt->opened = queue != (mqd_t)-1;
    attempt->err = attempt->opened ? 0 : errno;
}

void rlimit_msgqueue_exceeded(int argc, char **argv) {
    requested_attr.mq_maxmsg = arg_long(argc, argv, 0, 4);
    requested_attr.mq_msgsize = arg_long(argc, argv, 1, 4096);
    if (requested_attr.mq_maxmsg < 1 || requested_attr.mq_msgsize < 2)
        probe_usage("MAXMSG ≥ 1 and MSGSIZE ≥ 2");
    rlimit_queue_name = probe_ipc_name("rlimit");
    cleanup_posix_later(IPC_POSIX_MQ, rlimit_queue_name); /* in case the limit does not hold */
    struct rlimit_attempt attempt;
    run_reporting_helper(open_under_lowered_limit, NULL, &attempt, sizeof attempt, "rlimit helper");
    if (attempt.limit_refused) setup_failed("setrlimit(RLIMIT_MSGQUEUE)", attempt.err);
    obs_value_bool(attempt.opened);
    obs_errno(attempt.err);
    obs_evidence_int("rlimit_msgqueue", attempt.limit_read_back);
    obs_evidence_int("requested_bytes", requested_attr.mq_maxmsg * requested_attr.mq_msgsize);
    obs_evidence_int("mq_maxmsg", requested_attr.mq_maxmsg);
    obs_evidence_int("mq_msgsize", requested_attr.mq_msgsize);
    obs_emit();
}

#define RACERS 4

struct race {
    const char *name;
    int start[2]; /* EOF on start[0] releases every racer at once */
};

/* Exit status: 0 created it, 1 EEXIST, 2 any other refusal. */
static void race_to_create(void *arg) {
    struct race *race = arg;
    close(race->start[1]);
    char byte;
    while (read(race->start[0], &byte, 1) < 0 && errno == EINTR) {
    }
    struct mq_attr attr = {.mq_maxmsg = SMALL_QUEUE_MAXMSG, .mq_msgsize = SMALL_QUEUE_MSGSIZE};
    mqd_t queue = mq_open(race->name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    if (queue != (mqd_t)-1) _exit(0);
    _exit(errno == EEXIST ? 1 : 2);
}

void exclusive_create_race(int argc, char **argv) {
    (void)argc, (void)argv;
    struct race race = {.name = probe_ipc_name("race")};
    cleanup_posix_later(IPC_POSIX_MQ, race.name);
    channel_create(race.start);
    pid_t racers[RACERS];
    for (int i = 0; i < RACERS; i++) racers[i] = spawn_helper(race_to_create, &race);
    close(race.start[1]); /* the start signal */
    int created = 0, refused_eexist = 0, other = 0;
    for (int i = 0; i < RACERS; i++) {
        int status = reap(racers[i], NULL);
        if (status == 0)
            created++;
        else if (status == 1)
            refused_eexist++;
        else
            other++;
    }
    obs_value_int(created);
    obs_evidence_int("racers", RACERS);
    obs_evidence_int("refused_with_eexist", refused_eexist);
    obs_evidence_int("refused_otherwise", other);
    obs_emit();
}
