/* Channel mechanisms that are not descriptors you read and write: a System V message queue, two
 * POSIX message queues, a System V semaphore pair, and signals (standard and real-time). */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <unistd.h>

#include "channels.h"
#include "common/probe.h"

static void nothing_to_close(bench_channel *channel) { (void)channel; }
static int keep_everything(bench_channel *channel) {
    (void)channel;
    return 0;
}

/* ---- sysv-msg: one queue, one message type per direction -------------------------------------- */

#define MTYPE_DOWN 1 /* probe → peer */
#define MTYPE_UP   2 /* peer → probe */

struct sysv_message {
    long mtype;
    unsigned char text[];
};

static void sysv_msg_open(bench_channel *channel) {
    channel->sysv_id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (channel->sysv_id < 0) probe_fail("msgget: %s", errno_name(errno));
    cleanup_sysv_later(IPC_SYSV_MSG, channel->sysv_id);
    /* msgsnd takes the type and the text in one buffer, so every message is copied into it. */
    channel->scratch = malloc(sizeof(struct sysv_message) + channel->size);
    if (!channel->scratch) probe_fail("out of memory for a %zu-byte message", channel->size);
}

static int sysv_msg_send(bench_channel *channel, const void *data) {
    struct sysv_message *message = channel->scratch;
    message->mtype = channel->side == SIDE_PROBE ? MTYPE_DOWN : MTYPE_UP;
    memcpy(message->text, data, channel->size);
    return msgsnd(channel->sysv_id, message, channel->size, 0) == 0 ? 0 : errno;
}

static int sysv_msg_receive(bench_channel *channel, void *data) {
    struct sysv_message *message = channel->scratch;
    ssize_t got = msgrcv(channel->sysv_id, message, channel->size,
                         channel->side == SIDE_PROBE ? MTYPE_UP : MTYPE_DOWN, 0);
    if (got < 0) return errno;
    if ((size_t)got != channel->size) return EBADMSG;
    memcpy(data, message->text, channel->size);
    return 0;
}

static void sysv_msg_close(bench_channel *channel) {
    msgctl(channel->sysv_id, IPC_RMID, NULL);
    free(channel->scratch);
}

const channel_mechanism channel_sysv_msg = {
    .name = "sysv-msg",
    .uses = USE_RTT | USE_RATE,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = sysv_msg_open,
    .take_side = keep_everything,
    .send = sysv_msg_send,
    .receive = sysv_msg_receive,
    .close = sysv_msg_close,
};

/* ---- posix-mq: two queues, one per direction -------------------------------------------------- */

/* Queue depth: the default fs.mqueue.msg_max, so that it works unprivileged too. */
#define POSIX_MQ_DEPTH 10

static void posix_mq_open(bench_channel *channel) {
    const char *tags[2] = {"bench-down", "bench-up"};
    struct mq_attr attributes = {.mq_maxmsg = POSIX_MQ_DEPTH, .mq_msgsize = (long)channel->size};
    for (int i = 0; i < 2; i++) {
        const char *name = probe_ipc_name(tags[i]);
        cleanup_posix_later(IPC_POSIX_MQ, name);
        channel->fds[i] = mq_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &attributes);
        if (channel->fds[i] < 0) probe_fail("mq_open %s: %s", name, errno_name(errno));
        /* The peer inherits the descriptor across fork: the name is not needed any more, and
         * unlinking it now means that nothing is left behind whatever happens next. */
        mq_unlink(name);
    }
}

static int posix_mq_send(bench_channel *channel, const void *data) {
    mqd_t queue = channel->fds[channel->side == SIDE_PROBE ? 0 : 1];
    return mq_send(queue, data, channel->size, 0) == 0 ? 0 : errno;
}

static int posix_mq_receive(bench_channel *channel, void *data) {
    mqd_t queue = channel->fds[channel->side == SIDE_PROBE ? 1 : 0];
    ssize_t got = mq_receive(queue, data, channel->size, NULL);
    if (got < 0) return errno;
    return (size_t)got == channel->size ? 0 : EBADMSG;
}

const channel_mechanism channel_posix_mq = {
    .name = "posix-mq",
    .uses = USE_RTT | USE_RATE,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = posix_mq_open,
    .take_side = keep_everything,
    .send = posix_mq_send,
    .receive = posix_mq_receive,
    .close = nothing_to_close,
};

/* ---- sysv-sem: two semaphores, each side waits on its own and posts the other's ---------------- */

#define SEM_PROBE 0 /* the probe waits on it */
#define SEM_PEER  1

static void sysv_sem_open(bench_channel *channel) {
    channel->sysv_id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    if (channel->sysv_id < 0) probe_fail("semget: %s", errno_name(errno));
    cleanup_sysv_later(IPC_SYSV_SEM, channel->sysv_id);
    unsigned short zero[2] = {0, 0}; /* POSIX leaves new semaphore values unspecified */
    if (semctl(channel->sysv_id, 0, SETALL, zero) != 0) probe_fail("semctl SETALL: %s", errno_name(errno));
}

static int sysv_sem_send(bench_channel *channel, const void *data) {
    (void)data;
    struct sembuf post = {.sem_num = channel->side == SIDE_PROBE ? SEM_PEER : SEM_PROBE, .sem_op = 1};
    return semop(channel->sysv_id, &post, 1) == 0 ? 0 : errno;
}

static int sysv_sem_receive(bench_channel *channel, void *data) {
    (void)data;
    struct sembuf wait = {.sem_num = channel->side == SIDE_PROBE ? SEM_PROBE : SEM_PEER, .sem_op = -1};
    return semop(channel->sysv_id, &wait, 1) == 0 ? 0 : errno;
}

static void sysv_sem_close(bench_channel *channel) { semctl(channel->sysv_id, 0, IPC_RMID); }

const channel_mechanism channel_sysv_sem = {
    .name = "sysv-sem",
    .uses = USE_RTT,
    .min_size = 0,
    .max_size = 0,
    .open = sysv_sem_open,
    .take_side = keep_everything,
    .send = sysv_sem_send,
    .receive = sysv_sem_receive,
    .close = sysv_sem_close,
};

/* ---- signals: blocked in both processes and taken with sigwaitinfo ----------------------------- */
/* Blocked before the fork, so the peer starts with it blocked too: a signal that arrives before a
 * side waits stays pending instead of running the default action (which would end the process). */

static int channel_signal_number(const bench_channel *channel) {
    return channel->mechanism == &channel_signal ? SIGUSR1 : SIGRTMIN;
}

static void signal_open(bench_channel *channel) {
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, channel_signal_number(channel));
    sigprocmask(SIG_BLOCK, &only, &channel->mask_before);
}

static int signal_send(bench_channel *channel, const void *data) {
    (void)data;
    return kill(channel->other, SIGUSR1) == 0 ? 0 : errno;
}

/* Waits for the channel's signal; EINTR when another signal (the peer's SIGCHLD) came first. */
static int await_signal(bench_channel *channel, siginfo_t *info) {
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, channel_signal_number(channel));
    return sigwaitinfo(&only, info) < 0 ? errno : 0;
}

static int signal_receive(bench_channel *channel, void *data) {
    (void)data;
    siginfo_t info;
    return await_signal(channel, &info);
}

/* A real-time signal carries an int: up to 4 bytes of the message travel in it. */
static int signal_rt_send(bench_channel *channel, const void *data) {
    union sigval value = {.sival_int = 0};
    memcpy(&value.sival_int, data, channel->size);
    return sigqueue(channel->other, SIGRTMIN, value) == 0 ? 0 : errno;
}

static int signal_rt_receive(bench_channel *channel, void *data) {
    siginfo_t info;
    int err = await_signal(channel, &info);
    if (err) return err;
    if (info.si_code != SI_QUEUE) return EBADMSG;
    memcpy(data, &info.si_value.sival_int, channel->size);
    return 0;
}

/* Takes any instance still pending (none should be), then unblocks: a signal left pending would
 * otherwise be delivered with its default action, which ends the process. */
static void signal_close(bench_channel *channel) {
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, channel_signal_number(channel));
    struct timespec now = {0};
    while (sigtimedwait(&only, NULL, &now) > 0) {
    }
    sigprocmask(SIG_SETMASK, &channel->mask_before, NULL);
}

const channel_mechanism channel_signal = {
    .name = "signal",
    .uses = USE_RTT,
    .min_size = 0,
    .max_size = 0,
    .open = signal_open,
    .take_side = keep_everything,
    .send = signal_send,
    .receive = signal_receive,
    .close = signal_close,
};
const channel_mechanism channel_signal_rt = {
    .name = "signal-rt",
    .uses = USE_RTT | USE_RATE,
    .min_size = 0,
    .max_size = sizeof(int),
    .open = signal_open,
    .take_side = keep_everything,
    .send = signal_rt_send,
    .receive = signal_rt_receive,
    .close = signal_close,
};
