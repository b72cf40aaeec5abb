/* Channel mechanisms over file descriptors: pipes, FIFOs, UNIX-domain sockets, TCP and UDP on the
 * loopback. Streams move a message with as many read/write calls as it takes; datagram and
 * seqpacket sockets with exactly one send and one receive. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "channels.h"
#include "common/loopback.h"
#include "common/probe.h"

/* fds[0..1] carry probe → peer, fds[2..3] peer → probe; index `keep` stays, its partner closes. */
static void keep_ends(bench_channel *channel, int down_keep, int up_keep) {
    close_fd(&channel->fds[down_keep ^ 1]);
    close_fd(&channel->fds[2 + (up_keep ^ 1)]);
}

/* ---- pipe: two pipes, one per direction -------------------------------------------------------- */

static void pipe_open(bench_channel *channel) {
    if (pipe2(&channel->fds[0], O_CLOEXEC) != 0 || pipe2(&channel->fds[2], O_CLOEXEC) != 0)
        probe_fail("pipe2: %s", errno_name(errno));
}

static int pipe_take_side(bench_channel *channel) {
    if (channel->side == SIDE_PROBE) {
        keep_ends(channel, 1, 0); /* writes down, reads up */
        channel->send_fd = channel->fds[1];
        channel->receive_fd = channel->fds[2];
    } else {
        keep_ends(channel, 0, 1);
        channel->receive_fd = channel->fds[0];
        channel->send_fd = channel->fds[3];
    }
    return 0;
}

static void nothing_to_close(bench_channel *channel) { (void)channel; }

const channel_mechanism channel_pipe = {
    .name = "pipe",
    .uses = USE_RTT | USE_THROUGHPUT,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = pipe_open,
    .take_side = pipe_take_side,
    .send = stream_send,
    .receive = stream_receive,
    .close = nothing_to_close,
};

/* ---- fifo: two FIFOs in the probe's private directory ------------------------------------------ */

static void fifo_open(bench_channel *channel) {
    const char *names[2] = {"bench-down.fifo", "bench-up.fifo"};
    for (int i = 0; i < 2; i++) {
        snprintf(channel->paths[i], sizeof channel->paths[i], "%s", probe_path(names[i]));
        if (mkfifo(channel->paths[i], 0600) != 0)
            probe_fail("mkfifo %s: %s", channel->paths[i], errno_name(errno));
        cleanup_unlink_later(channel->paths[i]);
    }
}

/* Opens path into fds[slot] unless done already; an open of a FIFO waits for the other end. */
static int fifo_open_end(bench_channel *channel, int slot, const char *path, int mode) {
    if (channel->fds[slot] >= 0) return 0;
    int fd = open(path, mode | O_CLOEXEC);
    if (fd < 0) return errno;
    channel->fds[slot] = fd;
    return 0;
}

/* Both sides open "down" first and "up" second, so neither waits for an open the other has not
 * reached yet. A repeat after EINTR skips the ends already open. */
static int fifo_take_side(bench_channel *channel) {
    bool probe = channel->side == SIDE_PROBE;
    int err = fifo_open_end(channel, probe ? 1 : 0, channel->paths[0], probe ? O_WRONLY : O_RDONLY);
    if (!err && !channel->one_way)
        err = fifo_open_end(channel, probe ? 2 : 3, channel->paths[1], probe ? O_RDONLY : O_WRONLY);
    if (err) return err;
    channel->send_fd = channel->fds[probe ? 1 : 3];
    channel->receive_fd = channel->fds[probe ? 2 : 0];
    /* Both ends are open in both processes now: the names have done their job. */
    if (probe) {
        unlink(channel->paths[0]);
        unlink(channel->paths[1]);
    }
    return 0;
}

const channel_mechanism channel_fifo = {
    .name = "fifo",
    .uses = USE_RTT | USE_THROUGHPUT,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = fifo_open,
    .take_side = fifo_take_side,
    .send = stream_send,
    .receive = stream_receive,
    .close = nothing_to_close,
};

/* ---- UNIX-domain sockets: one socketpair, both directions --------------------------------------- */

static void socketpair_open(bench_channel *channel, int type) {
    if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, &channel->fds[0]) != 0)
        probe_fail("socketpair: %s", errno_name(errno));
}
static void unix_stream_open(bench_channel *channel) { socketpair_open(channel, SOCK_STREAM); }
static void unix_dgram_open(bench_channel *channel) { socketpair_open(channel, SOCK_DGRAM); }
static void unix_seqpacket_open(bench_channel *channel) { socketpair_open(channel, SOCK_SEQPACKET); }

/* fds[0] is the probe's socket, fds[1] the peer's (socketpair, TCP and UDP alike). */
static int socket_take_side(bench_channel *channel) {
    int mine = channel->side == SIDE_PROBE ? 0 : 1;
    close_fd(&channel->fds[mine ^ 1]);
    channel->send_fd = channel->receive_fd = channel->fds[mine];
    return 0;
}

/* One datagram (or seqpacket record) of exactly channel->size bytes each way. */
static int packet_send(bench_channel *channel, const void *data) {
    ssize_t sent = send(channel->send_fd, data, channel->size, MSG_NOSIGNAL);
    if (sent < 0) return errno;
    return sent == (ssize_t)channel->size ? 0 : EBADMSG;
}

static int packet_receive(bench_channel *channel, void *data) {
    /* MSG_TRUNC: the real length even if it was longer than asked, so a wrong size is seen. */
    ssize_t got = recv(channel->receive_fd, data, channel->size, MSG_TRUNC);
    if (got < 0) return errno == EAGAIN ? ETIMEDOUT : errno;
    if (got == 0 && channel->size > 0) return EPIPE;
    return got == (ssize_t)channel->size ? 0 : EBADMSG;
}

const channel_mechanism channel_unix_stream = {
    .name = "unix-stream",
    .uses = USE_RTT | USE_THROUGHPUT,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = unix_stream_open,
    .take_side = socket_take_side,
    .send = stream_send,
    .receive = stream_receive,
    .close = nothing_to_close,
};
const channel_mechanism channel_unix_dgram = {
    .name = "unix-dgram",
    .uses = USE_RTT | USE_RATE,
    .min_size = 1,
    .max_size = 65536,
    .open = unix_dgram_open,
    .take_side = socket_take_side,
    .send = packet_send,
    .receive = packet_receive,
    .close = nothing_to_close,
};
const channel_mechanism channel_unix_seqpacket = {
    .name = "unix-seqpacket",
    .uses = USE_RTT | USE_RATE,
    .min_size = 1,
    .max_size = 65536,
    .open = unix_seqpacket_open,
    .take_side = socket_take_side,
    .send = packet_send,
    .receive = packet_receive,
    .close = nothing_to_close,
};

/* ---- TCP and UDP on 127.0.0.1 ---------------------------------------------------------------- */

static int inet_socket(int type) {
    int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0) probe_fail("socket AF_INET: %s", errno_name(errno));
    return fd;
}

static void enable(int fd, int level, int option, const char *what) {
    int on = 1;
    if (setsockopt(fd, level, option, &on, sizeof on) != 0)
        probe_fail("setsockopt %s: %s", what, errno_name(errno));
}

static void tcp_open(bench_channel *channel) {
    int listener = inet_socket(SOCK_STREAM);
    /* Port 0: an ephemeral port, so measurements running side by side never collide. */
    if (loopback_bind(listener, LOOPBACK_IPV4, 0) != 0 || listen(listener, 1) != 0)
        probe_fail("bind/listen on 127.0.0.1: %s", errno_name(errno));
    channel->fds[0] = inet_socket(SOCK_STREAM);
    if (loopback_connect(channel->fds[0], LOOPBACK_IPV4, loopback_port_of(listener)) != 0)
        probe_fail("connect to 127.0.0.1: %s", errno_name(errno));
    channel->fds[1] = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (channel->fds[1] < 0) probe_fail("accept: %s", errno_name(errno));
    close(listener);
    /* Without TCP_NODELAY, Nagle's algorithm holds a small reply back until the previous segment
     * is acknowledged, and a ping-pong would measure the delayed-ACK timer instead of TCP. */
    enable(channel->fds[0], IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
    enable(channel->fds[1], IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
}

const channel_mechanism channel_tcp = {
    .name = "tcp",
    .uses = USE_RTT | USE_THROUGHPUT,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = tcp_open,
    .take_side = socket_take_side,
    .send = stream_send,
    .receive = stream_receive,
    .close = nothing_to_close,
};

static void udp_open(bench_channel *channel) {
    for (int i = 0; i < 2; i++) {
        channel->fds[i] = inet_socket(SOCK_DGRAM);
        if (loopback_bind(channel->fds[i], LOOPBACK_IPV4, 0) != 0)
            probe_fail("bind 127.0.0.1: %s", errno_name(errno));
    }
    /* Connected both ways: each socket sends with send() and accepts datagrams from its partner only. */
    for (int i = 0; i < 2; i++)
        if (loopback_connect(channel->fds[i], LOOPBACK_IPV4, loopback_port_of(channel->fds[i ^ 1])) != 0)
            probe_fail("connect UDP socket: %s", errno_name(errno));
}

static int udp_take_side(bench_channel *channel) {
    socket_take_side(channel);
    if (channel->side == SIDE_PROBE && !channel->one_way) {
        /* A lost reply would stall a ping-pong for good; loopback does not lose one in practice,
         * but if it ever does, this turns the stall into a clear failure (ETIMEDOUT). */
        struct timeval limit = {.tv_sec = 2};
        if (setsockopt(channel->receive_fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit) != 0) return errno;
    }
    return 0;
}

const channel_mechanism channel_udp = {
    .name = "udp",
    .uses = USE_RTT | USE_RATE,
    .min_size = 1,
    .max_size = 65507,
    .open = udp_open,
    .take_side = udp_take_side,
    .send = packet_send,
    .receive = packet_receive,
    .close = nothing_to_close,
};
