/* sysv-msg-probe: observes System V message queues (msgget(2), msgsnd(2)/msgrcv(2), msgctl(2),
 * sysvipc(7)). One case per run; the case table below says what each case observes.
 * Single-process cases live here, cases with helpers in process.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

static void queue_bytes(int argc, char **argv) {
    (void)argc, (void)argv;
    struct msqid_ds status = msg_queue_stat(msg_queue_create(0));
    obs_value_int((int64_t)status.msg_qbytes);
    obs_evidence_int("kernel_msgmnb", kernel_msgmnb_or_unknown());
    obs_emit();
}

static void fill_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    long msgmax = kernel_msgmax_or_report();
    int refused = 0;
    obs_value_int(msg_queue_fill(msg_queue_create(0), msgmax, &refused));
    obs_errno(refused);
    obs_emit();
}

static void receive_empty_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    char text[16];
    guard_arm();
    ssize_t received = msg_receive(queue, 0, text, sizeof text, IPC_NOWAIT, NULL);
    int err = errno;
    guard_disarm();
    obs_value_int(received);
    obs_errno(received < 0 ? err : 0);
    obs_emit();
}

/* Types and texts in the order they are queued: the lowest type (1) is neither first nor last,
 * and type 2 appears twice, so each selection rule picks a different message. */
static const struct {
    long type;
    const char *text;
} typed_queue[] = {{3, "first"}, {2, "second"}, {1, "third"}, {2, "fourth"}};

/* A msgtyp argument may be negative, which arg_long refuses. */
static long msgtyp_arg(int argc, char **argv) {
    if (argc < 1) probe_usage("receive-by-type needs MSGTYP (0, positive or negative)");
    char *end = NULL;
    errno = 0;
    long value = strtol(argv[0], &end, 10);
    if (errno || end == argv[0] || *end) probe_usage("MSGTYP '%s' is not an integer", argv[0]);
    return value;
}

static void receive_by_type(int argc, char **argv) {
    long msgtyp = msgtyp_arg(argc, argv);
    int queue = msg_queue_create(0);
    for (size_t i = 0; i < sizeof typed_queue / sizeof *typed_queue; i++) {
        if (msg_send(queue, typed_queue[i].type, typed_queue[i].text, strlen(typed_queue[i].text),
                     IPC_NOWAIT) != 0)
            probe_fail("msgsnd: %s", strerror(errno));
    }
    char text[32] = "";
    long type = 0;
    /* Every message is already queued, so IPC_NOWAIT changes nothing but the absent-type case. */
    guard_arm();
    ssize_t received = msg_receive(queue, msgtyp, text, sizeof text - 1, IPC_NOWAIT, &type);
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
    obs_evidence_str("queued", "3:first 2:second 1:third 2:fourth");
    obs_emit();
}

static void boundaries_kept(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    if (msg_send(queue, 1, "abc", 3, IPC_NOWAIT) != 0 || msg_send(queue, 1, "defg", 4, IPC_NOWAIT) != 0)
        probe_fail("msgsnd: %s", strerror(errno));
    char first[64], second[64];
    guard_arm();
    /* Buffers far larger than both messages: a stream would hand over all seven bytes at once. */
    ssize_t n1 = msg_receive(queue, 0, first, sizeof first, IPC_NOWAIT, NULL);
    ssize_t n2 = msg_receive(queue, 0, second, sizeof second, IPC_NOWAIT, NULL);
    int err = errno;
    guard_disarm();
    char value[64];
    snprintf(value, sizeof value, "%zd,%zd", n1, n2);
    obs_value_str(value);
    obs_errno(n1 < 0 || n2 < 0 ? err : 0);
    obs_emit();
}

/* Queues one 10-byte message and receives it into 4 bytes with `flags`; reports what came back
 * and how many messages the queue still holds. */
static void receive_into_short_buffer(int flags) {
    int queue = msg_queue_create(0);
    if (msg_send(queue, 1, "0123456789", 10, IPC_NOWAIT) != 0) probe_fail("msgsnd: %s", strerror(errno));
    char text[8] = "";
    guard_arm();
    ssize_t received = msg_receive(queue, 0, text, 4, flags | IPC_NOWAIT, NULL);
    int err = errno;
    guard_disarm();
    obs_value_int(received);
    obs_errno(received < 0 ? err : 0);
    if (received >= 0) {
        text[received] = '\0';
        obs_evidence_str("text", text);
    }
    obs_evidence_int("sent_size", 10);
    obs_evidence_int("buffer_size", 4);
    obs_evidence_int("messages_left", (int64_t)msg_queue_stat(queue).msg_qnum);
}

static void noerror_truncates(int argc, char **argv) {
    (void)argc, (void)argv;
    receive_into_short_buffer(MSG_NOERROR);
    obs_emit();
}

static void too_long_gives_e2big(int argc, char **argv) {
    (void)argc, (void)argv;
    receive_into_short_buffer(0);
    obs_emit();
}

static void fill_after_truncated_receive(int argc, char **argv) {
    (void)argc, (void)argv;
    long msgmax = kernel_msgmax_or_report();
    int queue = msg_queue_create(0);
    /* Half the queue in one message, received into 4 bytes: the other bytes are discarded, and
     * the room they took must come back with them. */
    long size = (long)msg_queue_stat(queue).msg_qbytes / 2;
    if (size > msgmax) size = msgmax;
    if (msg_send(queue, 1, NULL, (size_t)size, IPC_NOWAIT) != 0) probe_fail("msgsnd: %s", strerror(errno));
    char text[4];
    if (msg_receive(queue, 0, text, sizeof text, MSG_NOERROR | IPC_NOWAIT, NULL) != sizeof text)
        probe_fail("msgrcv(MSG_NOERROR): %s", strerror(errno));
    int refused = 0;
    obs_value_int(msg_queue_fill(queue, msgmax, &refused));
    obs_errno(refused);
    obs_evidence_int("truncated_message_size", size);
    obs_emit();
}

/* Sends one message of `size` bytes with IPC_NOWAIT and reports the outcome. */
static void observe_send_of_size(int queue, long size) {
    guard_arm();
    int result = msg_send(queue, 1, NULL, (size_t)size, IPC_NOWAIT);
    int err = errno;
    guard_disarm();
    if (result == 0) obs_value_int(size);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_int("size", size);
}

static void send_above_msgmax(int argc, char **argv) {
    (void)argc, (void)argv;
    long msgmax = kernel_msgmax_or_report();
    observe_send_of_size(msg_queue_create(0), msgmax + 1);
    obs_evidence_int("msgmax", msgmax);
    obs_emit();
}

static void send_msgmax(int argc, char **argv) {
    (void)argc, (void)argv;
    long msgmax = kernel_msgmax_or_report();
    int queue = msg_queue_create(0);
    struct msqid_ds status = msg_queue_stat(queue);
    if ((long)status.msg_qbytes < msgmax) {
        /* A queue smaller than one message would say "full", not "too large": make room if the
         * caller may (raising msg_qbytes above msgmnb needs CAP_SYS_RESOURCE). */
        status.msg_qbytes = (msglen_t)msgmax;
        msgctl(queue, IPC_SET, &status);
    }
    observe_send_of_size(queue, msgmax);
    obs_evidence_int("msgmax", msgmax);
    obs_evidence_int("msg_qbytes", (int64_t)msg_queue_stat(queue).msg_qbytes);
    obs_emit();
}

static void rmid_removes_at_once(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    if (msg_send(queue, 1, "unread", 6, IPC_NOWAIT) != 0) probe_fail("msgsnd: %s", strerror(errno));
    if (msgctl(queue, IPC_RMID, NULL) != 0) probe_fail("msgctl(IPC_RMID): %s", strerror(errno));
    /* The key no longer names a queue, although a message was still unread. */
    int found = msgget(probe_ipc_key(0), 0);
    int err = errno;
    obs_value_int(found);
    obs_errno(found < 0 ? err : 0);
    if (found >= 0) cleanup_sysv_later(IPC_SYSV_MSG, found);
    char text[8];
    ssize_t old = msg_receive(queue, 0, text, sizeof text, IPC_NOWAIT, NULL);
    obs_evidence_str("old_id_receive_errno", old < 0 ? errno_name(errno) : "none");
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("queue-bytes", queue_bytes,
               "value = msg_qbytes (IPC_STAT) of a new queue; evidence.kernel_msgmnb as /proc shows it "
               "(-1 when unreadable)"),
    PROBE_CASE("fill-nonblocking", fill_nonblocking,
               "IPC_NOWAIT sends of min(msg_qbytes, msgmax) bytes until refused, the remaining room as "
               "one message, then 1-byte sends until refused; value = text bytes accepted, errno = errno "
               "of the last refused send; evidence.msg_qbytes, msgmax, message_size, messages"),
    PROBE_CASE("send-full-blocks", send_full_blocks,
               "fill the queue as fill-nonblocking does, then a blocking 1-byte msgsnd; a helper "
               "receives one message after delay_ms; value = msgsnd result, elapsed_ns, delay_ns; "
               "evidence.filled",
               DELAY_PARAM),
    PROBE_CASE("receive-empty-blocks", receive_empty_blocks,
               "blocking msgrcv(type 0) on an empty queue; a helper sends a 4-byte message after "
               "delay_ms; value = bytes received, elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("receive-empty-nonblocking", receive_empty_nonblocking,
               "msgrcv(type 0, IPC_NOWAIT) on an empty queue; value = return, errno (ENOMSG expected)"),
    PROBE_CASE("receive-by-type", receive_by_type,
               "queue (3,first) (2,second) (1,third) (2,fourth), then msgrcv(msgtyp, IPC_NOWAIT); value "
               "= \"TYPE:TEXT\" of the message received (null and errno when none); evidence.msgtyp, "
               "evidence.queued",
               PARAM("msgtyp", "msgrcv's msgtyp: 0, positive or negative")),
    PROBE_CASE("boundaries-kept", boundaries_kept,
               "send \"abc\" then \"defg\"; two msgrcv calls with 64-byte buffers; value = \"N1,N2\", "
               "the byte counts they returned"),
    PROBE_CASE("msg-noerror-truncates", noerror_truncates,
               "queue a 10-byte message; msgrcv into 4 bytes with MSG_NOERROR; value = bytes returned; "
               "evidence.text, sent_size, buffer_size, messages_left (the rest of the text is not kept)"),
    PROBE_CASE("receive-too-long-e2big", too_long_gives_e2big,
               "queue a 10-byte message; msgrcv into 4 bytes without MSG_NOERROR; value = return, errno "
               "(E2BIG expected); evidence.messages_left (the message stays queued)"),
    PROBE_CASE("fill-after-truncated-receive", fill_after_truncated_receive,
               "send one message of min(msg_qbytes / 2, msgmax) bytes, receive it into 4 bytes with "
               "MSG_NOERROR, then fill the queue as fill-nonblocking does; value = text bytes the fill "
               "accepted, errno of its last refused send; evidence.truncated_message_size, msg_qbytes, "
               "msgmax, message_size, messages"),
    PROBE_CASE("send-above-msgmax", send_above_msgmax,
               "msgsnd(IPC_NOWAIT) of /proc/sys/kernel/msgmax + 1 bytes; value = bytes sent or null, "
               "errno (EINVAL expected); evidence.size, msgmax"),
    PROBE_CASE("send-msgmax", send_msgmax,
               "msgsnd(IPC_NOWAIT) of exactly /proc/sys/kernel/msgmax bytes (msg_qbytes raised first if "
               "it is smaller and the caller may); value = bytes sent or null, errno; evidence.size, "
               "msgmax, msg_qbytes"),
    PROBE_CASE("outlives-creator", outlives_creator,
               "a child creates a queue under a known key, sends a type-7 message and exits; the parent "
               "reaps it, finds the queue by key and receives; value = true when the text arrives "
               "intact; evidence.creator_pid, creator_exit_status, last_sender_pid (msg_lspid), "
               "messages_waiting"),
    PROBE_CASE("rmid-removes-at-once", rmid_removes_at_once,
               "queue a message, IPC_RMID, then msgget(key, 0); value = msgget result, errno (ENOENT "
               "expected); evidence.old_id_receive_errno"),
    PROBE_CASE("rmid-wakes-receiver", rmid_wakes_receiver,
               "blocking msgrcv on an empty queue; a helper removes the queue (IPC_RMID) after delay_ms; "
               "value = return, errno (EIDRM expected), elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("other-uid-send", other_uid_send,
               "needs root; a 0600 queue owned by the caller holds one message; a child as uid 65534 "
               "tries msgsnd and msgrcv with IPC_NOWAIT; value = msgsnd result, errno (EACCES expected); "
               "evidence.receive_errno, uid, owner_uid, mode, messages_after"),
    PROBE_CASE("many-writers-many-readers", many_writers_many_readers,
               "writer children send `messages` tagged messages each, reader children receive until a "
               "stop message; value = messages lost + duplicated + malformed (0 expected); "
               "evidence.writers, readers, messages_sent, lost, duplicated, strays, left_in_queue",
               OPTIONAL_PARAM("writers", "writer children (default 4)"),
               OPTIONAL_PARAM("readers", "reader children (default 4)"),
               OPTIONAL_PARAM("messages", "messages per writer (default 1000)")),
    PROBE_CASE("receive-except", receive_except,
               "queue (3,first) (2,second) (1,third) (2,fourth), then msgrcv(msgtyp, MSG_EXCEPT | "
               "IPC_NOWAIT); value = \"TYPE:TEXT\" received (null and errno when none); evidence.msgtyp, "
               "queued, messages_after",
               PARAM("msgtyp", "the type MSG_EXCEPT passes over (positive)")),
    PROBE_CASE("copy-by-index", copy_by_index,
               "the same typed queue, then msgrcv(index, MSG_COPY | IPC_NOWAIT); value = \"TYPE:TEXT\" of "
               "the copy (null and errno when none: ENOMSG past the end, ENOSYS without "
               "CONFIG_CHECKPOINT_RESTORE); evidence.msgtyp (the index), queued, messages_after",
               PARAM("index", "the position (from 0) of the message to copy")),
    PROBE_CASE("copy-keeps-messages", copy_keeps_messages,
               "the same typed queue, msgrcv(0, MSG_COPY | IPC_NOWAIT); value = msg_qnum afterwards, errno "
               "of the copy; evidence.queued_count (messages queued before)"),
    PROBE_CASE("copy-without-nowait", copy_without_nowait,
               "the same typed queue, msgrcv(0, MSG_COPY) without IPC_NOWAIT; value = return, errno "
               "(EINVAL expected)"),
    PROBE_CASE("new-queue-times-and-pids", new_queue_times_and_pids,
               "IPC_STAT of a new queue; value = \"msg_stime,msg_rtime,msg_lspid,msg_lrpid\"; "
               "evidence.msg_ctime"),
    PROBE_CASE("send-time", send_time,
               "msgsnd bracketed by time(2) until both read the same second; value = msg_stime; "
               "evidence.sent_at (that second)"),
    PROBE_CASE("receive-time", receive_time,
               "msgsnd then msgrcv bracketed by time(2) until both read the same second; value = "
               "msg_rtime; evidence.received_at (that second)"),
    PROBE_CASE("ipc-set-mode", ipc_set_mode,
               "the owner sets msg_perm.mode 0640 with IPC_SET; value = mode from IPC_STAT (\"%04o\"), "
               "errno of IPC_SET; evidence.requested"),
    PROBE_CASE("ipc-set-uid", ipc_set_uid,
               "the owner sets msg_perm.uid 65534 (and mode 0640) with IPC_SET; value = msg_perm.uid from "
               "IPC_STAT, errno "
               "of IPC_SET; evidence.requested_uid, cuid"),
    PROBE_CASE("ipc-info", ipc_info,
               "msgctl(0, IPC_INFO); value = the struct msginfo field named, errno; evidence.field",
               PARAM("field", "msgmni, msgmax or msgmnb")),
    PROBE_CASE("private-always-new", private_always_new,
               "msgget(IPC_PRIVATE, 0600) twice, without IPC_CREAT; value = true when both made distinct "
               "queues; errno of a failed msgget"),
    PROBE_CASE("existing-key-excl", existing_key_excl,
               "a queue under a per-run key, then msgget(key, IPC_CREAT | IPC_EXCL) again; value = id (-1 "
               "on failure), errno (EEXIST expected)"),
    PROBE_CASE("absent-key", absent_key,
               "msgget(per-run key no queue has, 0600) without IPC_CREAT; value = id (-1 on failure), "
               "errno (ENOENT expected)"),
    PROBE_CASE("send-type-zero", send_type_zero,
               "msgsnd(IPC_NOWAIT) of a message with mtype 0; value = return, errno (EINVAL expected); "
               "evidence.messages_after"),
    PROBE_CASE("last-sender-pid", last_sender_pid,
               "a helper sends one message and exits; value = msg_lspid; evidence.sender_pid (the "
               "helper), probe_pid, msg_lrpid"),
    PROBE_CASE("last-receiver-pid", last_receiver_pid,
               "the probe sends, a helper receives and exits; value = msg_lrpid; evidence.receiver_pid "
               "(the helper), msg_lspid, probe_pid"),
    PROBE_CASE("send-interrupted", send_interrupted,
               "fill the queue, then a blocking 1-byte msgsnd; a helper sends the probe SIGUSR1 (handler "
               "without SA_RESTART) after delay_ms; value = return, errno (EINTR expected), elapsed_ns, "
               "delay_ns; evidence.filled",
               DELAY_PARAM),
    PROBE_CASE("receive-interrupted", receive_interrupted,
               "blocking msgrcv on an empty queue; a helper sends the probe SIGUSR1 (handler without "
               "SA_RESTART) after delay_ms; value = return, errno (EINTR expected), elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("rmid-wakes-sender", rmid_wakes_sender,
               "fill the queue, then a blocking 1-byte msgsnd; a helper removes the queue (IPC_RMID) "
               "after delay_ms; value = return, errno (EIDRM expected), elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("other-uid-ipc-set", other_uid_ipc_set,
               "needs root; a 0600 queue of the caller; a child as uid 65534 tries IPC_SET mode 0666; "
               "value = msgctl result, errno (EPERM expected); evidence.uid, owner_uid, mode_after"),
    PROBE_CASE("other-uid-raise-qbytes", other_uid_raise_qbytes,
               "needs root; a child as uid 65534 makes its own queue and sets msg_qbytes to "
               "kernel.msgmnb + 1 with IPC_SET; value = msgctl result, errno (EPERM expected); "
               "evidence.uid, requested, kernel_msgmnb"),
    PROBE_CASE("raise-qbytes", raise_qbytes,
               "the probe itself sets msg_qbytes of its own queue to kernel.msgmnb + 1 with IPC_SET; "
               "value = whether the call succeeded and IPC_STAT shows the new size, errno of the call; "
               "evidence.requested, msg_qbytes_after, kernel_msgmnb"),
    PROBE_CASE("queues-in-new-namespace", queues_in_new_namespace,
               "needs root; a child enters a new IPC namespace (unshare; without CAP_SYS_ADMIN inside a new "
               "user namespace it maps to its own uid), sets kernel.msgmni there to "
               "msgmni and makes IPC_PRIVATE queues until refused (at most msgmni + 5); value = queues "
               "made, errno of the refusal (ENOSPC expected); the errno of unshare or of the write "
               "when the limit cannot be lowered; evidence.msgmni, failed_step",
               OPTIONAL_PARAM("msgmni", "the limit set inside the namespace (default 4)")),
    PROBE_CASE(
        "lspid-across-pid-namespace", lspid_across_pid_namespace,
        "a helper makes a PID namespace (same IPC namespace) whose init is pid 1; one queue (made by the "
        "probe); `sender` sends one message (msgsnd, IPC_NOWAIT), "
        "inside (the init) or outside (the helper, in the parent namespace); then both read "
        "msg_lspid (msgctl IPC_STAT) while the init lives; value = what `reader` read, errno of that read; "
        "evidence.act_errno, inside_pid_in_own_namespace, inside_pid_in_parent_namespace, "
        "outside_pid_in_parent_namespace",
        PARAM("sender", "inside or outside"), PARAM("reader", "inside or outside")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
