/* Queue helpers of the sysv_msg probe; see cases.h. */
#include "cases.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/sysctl.h"

#define MSGMAX_PATH "/proc/sys/kernel/msgmax"
#define MSGMNB_PATH "/proc/sys/kernel/msgmnb"

/* Sends the fill may make before it stops trusting the queue to ever refuse one. */
#define FILL_SEND_LIMIT 65536

int msg_queue_create(int slot) {
    int queue = msgget(probe_ipc_key(slot), IPC_CREAT | IPC_EXCL | 0600);
    if (queue < 0) probe_fail("msgget(IPC_CREAT|IPC_EXCL): %s", strerror(errno));
    cleanup_sysv_later(IPC_SYSV_MSG, queue);
    return queue;
}

struct msqid_ds msg_queue_stat(int queue) {
    struct msqid_ds status;
    if (msgctl(queue, IPC_STAT, &status) != 0) probe_fail("msgctl(IPC_STAT): %s", strerror(errno));
    return status;
}

long kernel_msgmax_or_report(void) {
    unsigned long long value = 0;
    if (sysctl_numbers_or_report(MSGMAX_PATH, &value, 1) != 1 || (long)value <= 0)
        probe_fail("%s holds no positive number", MSGMAX_PATH);
    return (long)value;
}

long kernel_msgmnb_or_unknown(void) {
    unsigned long long value = 0;
    return sysctl_numbers(MSGMNB_PATH, &value, 1) == 1 ? (long)value : -1;
}

/* msgsnd/msgrcv take a long type followed by the text; the buffer is sized per call because a
 * message may be as large as kernel.msgmax, which an administrator can raise. */
struct message {
    long mtype;
    char mtext[];
};

static struct message *message_alloc(size_t size) {
    struct message *message = malloc(sizeof *message + size + 1);
    if (!message) probe_fail("out of memory for a %zu-byte message", size);
    return message;
}

int msg_send(int queue, long type, const char *text, size_t size, int flags) {
    struct message *message = message_alloc(size);
    message->mtype = type;
    if (text)
        memcpy(message->mtext, text, size);
    else
        memset(message->mtext, 'm', size);
    int result = msgsnd(queue, message, size, flags);
    int err = errno;
    free(message);
    errno = err;
    return result;
}

ssize_t msg_receive(int queue, long type, char *text, size_t size, int flags, long *type_out) {
    struct message *message = message_alloc(size);
    message->mtype = 0;
    ssize_t received = msgrcv(queue, message, size, type, flags);
    int err = errno;
    if (received >= 0) {
        if (text) memcpy(text, message->mtext, (size_t)received);
        if (type_out) *type_out = message->mtype;
    }
    free(message);
    errno = err;
    return received;
}

/* Sends `size`-byte messages with IPC_NOWAIT until one is refused or `budget` runs out. */
static int64_t send_until_refused(int queue, long size, int *refused_errno, long *messages, long *budget) {
    int64_t accepted = 0;
    while ((*budget)-- > 0) {
        if (msg_send(queue, 1, NULL, (size_t)size, IPC_NOWAIT) != 0) {
            if (errno == EINTR) continue;
            *refused_errno = errno;
            return accepted;
        }
        accepted += size;
        (*messages)++;
    }
    *refused_errno = 0;
    return accepted;
}

int64_t msg_queue_fill(int queue, long msgmax, int *refused_errno) {
    long qbytes = (long)msg_queue_stat(queue).msg_qbytes;
    /* The largest message both the queue and the kernel allow, so the fill needs few sends; then
     * whatever room is left as one message, then single bytes until the queue says no. */
    long size = qbytes < msgmax ? qbytes : msgmax;
    if (size <= 0) probe_fail("the queue reports msg_qbytes %ld", qbytes);
    long messages = 0, budget = FILL_SEND_LIMIT;
    guard_arm();
    int64_t accepted = send_until_refused(queue, size, refused_errno, &messages, &budget);
    long rest = qbytes - (long)accepted;
    if (rest > 0 && rest < size && msg_send(queue, 1, NULL, (size_t)rest, IPC_NOWAIT) == 0) {
        accepted += rest;
        messages++;
    }
    accepted += send_until_refused(queue, 1, refused_errno, &messages, &budget);
    guard_disarm();
    obs_evidence_int("msg_qbytes", qbytes);
    obs_evidence_int("msgmax", msgmax);
    obs_evidence_int("message_size", size);
    obs_evidence_int("messages", messages);
    return accepted;
}
