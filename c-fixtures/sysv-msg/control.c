/* Single-process sysv_msg cases about msgctl(2) and the msgget/msgrcv flags: what IPC_STAT shows of
 * a new queue and after a send or receive, IPC_SET by the owner, IPC_INFO against /proc, MSG_EXCEPT
 * and MSG_COPY, and msgget's key rules. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

#ifndef MSG_COPY
#define MSG_COPY 040000
#endif

/* Types and texts as receive-by-type queues them (probe.c): a queue where each rule differs. */
static const struct {
    long type;
    const char *text;
} typed[] = {{3, "first"}, {2, "second"}, {1, "third"}, {2, "fourth"}};
#define TYPED_COUNT (sizeof typed / sizeof *typed)

int msg_queue_typed(void) {
    int queue = msg_queue_create(0);
    for (size_t i = 0; i < TYPED_COUNT; i++)
        if (msg_send(queue, typed[i].type, typed[i].text, strlen(typed[i].text), IPC_NOWAIT) != 0)
            probe_fail("msgsnd: %s", strerror(errno));
    obs_evidence_str("queued", "3:first 2:second 1:third 2:fourth");
    return queue;
}

/* One msgrcv(IPC_NOWAIT | flags) on the typed queue: value "TYPE:TEXT" (null and errno when none),
 * evidence.messages_after. */
static void observe_typed_receive(long msgtyp, int flags) {
    int queue = msg_queue_typed();
    char text[32] = "";
    long type = 0;
    guard_arm();
    ssize_t received = msg_receive(queue, msgtyp, text, sizeof text - 1, IPC_NOWAIT | flags, &type);
    int err = errno;
    guard_disarm();
    if (received >= 0) {
        char value[64];
        text[received] = '\0';
        snprintf(value, sizeof value, "%ld:%s", type, text);
        obs_value_str(value);
    }
    obs_errno(received < 0 ? err : 0);
    obs_evidence_int("msgtyp", msgtyp);
    obs_evidence_int("messages_after", (int64_t)msg_queue_stat(queue).msg_qnum);
}

void receive_except(int argc, char **argv) {
    observe_typed_receive(arg_long(argc, argv, 0, 0), MSG_EXCEPT);
    obs_emit();
}

void copy_by_index(int argc, char **argv) {
    observe_typed_receive(arg_long(argc, argv, 0, 0), MSG_COPY);
    obs_emit();
}

void copy_keeps_messages(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_typed();
    char text[32];
    guard_arm();
    ssize_t received = msg_receive(queue, 0, text, sizeof text, IPC_NOWAIT | MSG_COPY, NULL);
    int err = errno;
    guard_disarm();
    obs_value_int((int64_t)msg_queue_stat(queue).msg_qnum);
    obs_errno(received < 0 ? err : 0);
    obs_evidence_int("queued_count", TYPED_COUNT);
    obs_emit();
}

void copy_without_nowait(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_typed();
    char text[32];
    /* Refused before any wait; the guard turns a wait into EINTR instead of a hang. */
    guard_arm();
    ssize_t received = msg_receive(queue, 0, text, sizeof text, MSG_COPY, NULL);
    int err = errno;
    guard_disarm();
    obs_value_int(received);
    obs_errno(received < 0 ? err : 0);
    obs_emit();
}

void new_queue_times_and_pids(int argc, char **argv) {
    (void)argc, (void)argv;
    struct msqid_ds status = msg_queue_stat(msg_queue_create(0));
    char value[96];
    snprintf(value, sizeof value, "%lld,%lld,%d,%d", (long long)status.msg_stime, (long long)status.msg_rtime,
             (int)status.msg_lspid, (int)status.msg_lrpid);
    obs_value_str(value);
    obs_evidence_str("fields", "msg_stime,msg_rtime,msg_lspid,msg_lrpid");
    obs_evidence_int("msg_ctime", (int64_t)status.msg_ctime);
    obs_emit();
}

/* Runs act(queue) until time(2) reads the same second before and after it (at most 5 tries), so
 * the second it returns is the one the kernel's timestamp must show. */
static time_t within_one_second(int queue, void (*act)(int queue)) {
    for (int attempt = 0; attempt < 5; attempt++) {
        time_t before = time(NULL);
        act(queue);
        if (time(NULL) == before) return before;
    }
    probe_fail("the clock kept crossing a second boundary");
}

static void send_one_now(int queue) {
    if (msg_send(queue, 1, "now", 3, IPC_NOWAIT) != 0) probe_fail("msgsnd: %s", strerror(errno));
}

static void send_and_receive_now(int queue) {
    send_one_now(queue);
    char text[8];
    if (msg_receive(queue, 0, text, sizeof text, IPC_NOWAIT, NULL) < 0)
        probe_fail("msgrcv: %s", strerror(errno));
}

void send_time(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    time_t sent_at = within_one_second(queue, send_one_now);
    obs_value_int((int64_t)msg_queue_stat(queue).msg_stime);
    obs_evidence_int("sent_at", (int64_t)sent_at);
    obs_emit();
}

void receive_time(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    time_t received_at = within_one_second(queue, send_and_receive_now);
    obs_value_int((int64_t)msg_queue_stat(queue).msg_rtime);
    obs_evidence_int("received_at", (int64_t)received_at);
    obs_emit();
}

void ipc_set_mode(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    struct msqid_ds status = msg_queue_stat(queue);
    status.msg_perm.mode = 0640;
    int result = msgctl(queue, IPC_SET, &status);
    int err = errno;
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", msg_queue_stat(queue).msg_perm.mode & 0777);
    obs_value_str(mode);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_str("requested", "0640");
    obs_emit();
}

void ipc_set_uid(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    struct msqid_ds status = msg_queue_stat(queue);
    status.msg_perm.uid = 65534;
    /* Group read for the creator's group: without CAP_IPC_OWNER (a container's root) the creator
     * needs it to IPC_STAT what it gave away; IPC_RMID stays the creator's (cuid) right. */
    status.msg_perm.mode = 0640;
    int result = msgctl(queue, IPC_SET, &status);
    int err = errno;
    struct msqid_ds after = msg_queue_stat(queue);
    obs_value_int((int64_t)after.msg_perm.uid);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_int("requested_uid", 65534);
    obs_evidence_int("cuid", (int64_t)after.msg_perm.cuid);
    obs_emit();
}

void ipc_info(int argc, char **argv) {
    if (argc < 1) probe_usage("ipc-info needs FIELD (msgmni, msgmax or msgmnb)");
    struct msginfo info;
    int result = msgctl(0, IPC_INFO, (struct msqid_ds *)&info);
    int err = errno;
    if (result >= 0) {
        if (strcmp(argv[0], "msgmni") == 0)
            obs_value_int(info.msgmni);
        else if (strcmp(argv[0], "msgmax") == 0)
            obs_value_int(info.msgmax);
        else if (strcmp(argv[0], "msgmnb") == 0)
            obs_value_int(info.msgmnb);
        else
            probe_usage("FIELD '%s' is not msgmni, msgmax or msgmnb", argv[0]);
    }
    obs_errno(result < 0 ? err : 0);
    obs_evidence_str("field", argv[0]);
    obs_emit();
}

void private_always_new(int argc, char **argv) {
    (void)argc, (void)argv;
    /* Without IPC_CREAT: IPC_PRIVATE makes a new queue all the same. */
    int first = msgget(IPC_PRIVATE, 0600);
    int first_errno = errno;
    if (first >= 0) cleanup_sysv_later(IPC_SYSV_MSG, first);
    int second = msgget(IPC_PRIVATE, 0600);
    int second_errno = errno;
    if (second >= 0) cleanup_sysv_later(IPC_SYSV_MSG, second);
    obs_value_bool(first >= 0 && second >= 0 && first != second);
    obs_errno(first < 0 ? first_errno : second < 0 ? second_errno : 0);
    obs_evidence_bool("both_made", first >= 0 && second >= 0);
    obs_emit();
}

void existing_key_excl(int argc, char **argv) {
    (void)argc, (void)argv;
    msg_queue_create(0);
    int again = msgget(probe_ipc_key(0), IPC_CREAT | IPC_EXCL | 0600);
    int err = errno;
    if (again >= 0) cleanup_sysv_later(IPC_SYSV_MSG, again);
    obs_value_int(again < 0 ? -1 : again);
    obs_errno(again < 0 ? err : 0);
    obs_emit();
}

void absent_key(int argc, char **argv) {
    (void)argc, (void)argv;
    int found = msgget(probe_ipc_key(1), 0600);
    int err = errno;
    if (found >= 0) cleanup_sysv_later(IPC_SYSV_MSG, found);
    obs_value_int(found < 0 ? -1 : found);
    obs_errno(found < 0 ? err : 0);
    obs_emit();
}

void send_type_zero(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    guard_arm();
    int result = msg_send(queue, 0, "zero", 4, IPC_NOWAIT);
    int err = errno;
    guard_disarm();
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_int("messages_after", (int64_t)msg_queue_stat(queue).msg_qnum);
    obs_emit();
}
