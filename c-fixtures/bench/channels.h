/* One channel abstraction for every mechanism the benchmark compares, so that each workload (rtt,
 * throughput, rate, the context-switch reference) is written once: the probe opens a connected
 * pair before it forks its peer, each process then takes its side, and both move whole messages
 * of the channel's size. Mechanisms live in channels_fd.c (descriptors), channels_ipc.c
 * (System V, POSIX queues, signals), channels_shm.c (shared memory) and dbus.c. */
#ifndef BENCH_CHANNELS_H
#define BENCH_CHANNELS_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef enum { SIDE_PROBE, SIDE_PEER } channel_side;

/* The workloads a mechanism takes part in. */
enum { USE_RTT = 1u, USE_THROUGHPUT = 2u, USE_RATE = 4u, USE_CTXSWITCH = 8u };

typedef struct bench_channel bench_channel;

typedef struct {
    const char *name;
    unsigned uses;
    size_t min_size, max_size; /* bytes a message may carry (0..0: a bare notification) */
    /* In the probe, before the fork. Fails the probe when the mechanism cannot be set up. */
    void (*open)(bench_channel *channel);
    /* In each process after the fork: keep this side's ends, drop the others. 0, or an errno
     * (EINTR: interrupted, call again — it resumes where it stopped). */
    int (*take_side)(bench_channel *channel);
    /* One whole message of channel->size bytes. 0 or an errno: EINTR means interrupted, and
     * calling again completes the same message (never a second one); EPIPE the other side is
     * gone; EBADMSG a wrong message. */
    int (*send)(bench_channel *channel, const void *data);
    int (*receive)(bench_channel *channel, void *data);
    /* In the probe, after the peer was reaped: releases and removes everything. */
    void (*close)(bench_channel *channel);
} channel_mechanism;

struct bench_channel {
    const channel_mechanism *mechanism;
    size_t size;  /* bytes in every message (the dbus mechanism may lower it when opening) */
    bool one_way; /* only the probe sends: no channel back from the peer is needed */
    channel_side side;
    pid_t other; /* the other side's process (signals are sent to it) */
    int fds[4];  /* what open made; -1 when unused or closed */
    int send_fd, receive_fd;
    int sysv_id;
    char paths[2][PATH_MAX];
    void *shared; /* a MAP_SHARED region both processes inherit */
    size_t shared_size;
    void *scratch;        /* a message buffer a mechanism needs for itself */
    uint64_t sequence[2]; /* per-process counters (ring positions, futex sequences) */
    sigset_t mask_before; /* the signal mechanisms block their signal; this is restored */
    void *dbus;           /* dbus.c's connection state */
};

/* The mechanism called `name`, or NULL. */
const channel_mechanism *channel_mechanism_named(const char *name);
/* The names of the mechanisms with `use`, comma-separated, for usage messages. */
const char *channel_mechanism_names(unsigned use);

/* Opens a channel of `mechanism` carrying `size`-byte messages (fails the probe on error). */
void channel_open(bench_channel *channel, const channel_mechanism *mechanism, size_t size, bool one_way);
/* Takes `side` in the calling process; `other` is the other process. 0 or an errno (EINTR: call
 * again once the peer is known to be alive). */
int channel_take_side(bench_channel *channel, channel_side side, pid_t other);
void channel_close(bench_channel *channel);

static inline int channel_send(bench_channel *channel, const void *data) {
    return channel->mechanism->send(channel, data);
}
static inline int channel_receive(bench_channel *channel, void *data) {
    return channel->mechanism->receive(channel, data);
}

/* The mechanisms (channels_*.c, dbus.c). */
extern const channel_mechanism channel_pipe, channel_fifo, channel_unix_stream, channel_unix_dgram,
    channel_unix_seqpacket, channel_tcp, channel_udp, channel_sysv_msg, channel_posix_mq, channel_sysv_sem,
    channel_signal, channel_signal_rt, channel_shm_sem, channel_shm_spin, channel_futex, channel_dbus;

/* Shared by the descriptor mechanisms: one whole message over a stream or a datagram socket. */
int stream_send(bench_channel *channel, const void *data);
int stream_receive(bench_channel *channel, void *data);
/* Closes fd when it is open and marks it -1. */
void close_fd(int *fd);

#endif
