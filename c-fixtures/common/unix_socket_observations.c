/* Observations that more than one UNIX socket type shares (see unix_sockets.h): each takes the
 * socket type, and the probes decide which of them their type is documented to pass. */
#include "unix_sockets.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "probe.h"

#define PERMISSION_NODE "node"

void unix_observe_write_permission_needed(int type) {
    if (geteuid() != 0) probe_usage("needs root to act as uid %d", UNIX_OTHER_UID);
    const char *path = PERMISSION_NODE;
    unix_listener(type, path, 4);
    /* Others may read and search but not write; the directory lets the other uid through. */
    if (chmod(probe_tmpdir(), 0711) != 0 || chmod(path, 0755) != 0) probe_fail("chmod: %s", strerror(errno));
    struct unix_attempt denied = unix_attempt_as_other_uid(type, PERMISSION_NODE);
    /* The same uid with the write bit added gets through: the refusal was about that bit alone. */
    if (chmod(path, 0757) != 0) probe_fail("chmod: %s", strerror(errno));
    struct unix_attempt granted = unix_attempt_as_other_uid(type, PERMISSION_NODE);
    obs_value_int(denied.result < 0 ? -1 : denied.result);
    obs_errno(denied.err);
    obs_evidence_str("node_mode", "0755");
    obs_evidence_int("uid", UNIX_OTHER_UID);
    obs_evidence_str("with_write_permission", granted.result >= 0 ? "accepted" : errno_name(granted.err));
}

void unix_observe_two_sends_one_recv(int type) {
    int fds[2];
    char data[65] = {0};
    unix_socketpair(type, fds);
    if (send(fds[0], "abc", 3, 0) != 3 || send(fds[0], "defg", 4, 0) != 4)
        probe_fail("send: %s", strerror(errno));
    guard_arm();
    ssize_t n = recv(fds[1], data, 64, 0);
    int err = errno;
    guard_disarm();
    obs_value_int(n);
    obs_errno(n < 0 ? err : 0);
    obs_evidence_str("data", n > 0 ? data : "");
}

#define LONG_MESSAGE "0123456789"
#define SHORT_BUFFER 4

void unix_observe_short_receive(int type, short_receive how) {
    int fds[2];
    char buffer[64] = {0}, next[64] = {0};
    unix_socketpair(type, fds);
    if (send(fds[0], LONG_MESSAGE, strlen(LONG_MESSAGE), 0) != (ssize_t)strlen(LONG_MESSAGE) ||
        send(fds[0], "next", 4, 0) != 4)
        probe_fail("send: %s", strerror(errno));
    guard_arm();
    ssize_t n;
    int flags = 0;
    if (how == RECEIVE_WITH_MSG_TRUNC) {
        n = recv(fds[1], buffer, SHORT_BUFFER, MSG_TRUNC);
    } else if (how == RECEIVE_THEN_NEXT) {
        n = read(fds[1], buffer, SHORT_BUFFER);
    } else {
        struct iovec part = {.iov_base = buffer, .iov_len = SHORT_BUFFER};
        struct msghdr message = {.msg_iov = &part, .msg_iovlen = 1};
        n = recvmsg(fds[1], &message, 0);
        flags = message.msg_flags;
    }
    int err = errno;
    /* Whatever was cut off the first message must not come back: the next receive is "next". */
    set_nonblocking(fds[1], true);
    ssize_t second = read(fds[1], next, sizeof next - 1);
    guard_disarm();
    if (n < 0) obs_errno(err);
    switch (how) {
        case RECEIVE_WITH_MSG_TRUNC: obs_value_int(n); break;
        case RECEIVE_FLAGS: obs_value_bool(n >= 0 && (flags & MSG_TRUNC)); break;
        case RECEIVE_THEN_NEXT: obs_value_str(second > 0 ? next : ""); break;
    }
    obs_evidence_int("datagram_size", (int64_t)strlen(LONG_MESSAGE));
    obs_evidence_int("buffer_size", SHORT_BUFFER);
    obs_evidence_int("first_receive", n);
    obs_evidence_bool("msg_trunc_flag", flags & MSG_TRUNC);
    obs_evidence_str("next_receive", second > 0 ? next : "");
}

static void send_byte_and_exit(void *arg) {
    int *fds = arg;
    close(fds[0]);
    if (send(fds[1], "x", 1, 0) != 1) _exit(1);
}

void unix_observe_eof_after_peer_closed(int type) {
    int fds[2];
    char byte;
    unix_socketpair(type, fds);
    reap(spawn_helper(send_byte_and_exit, fds), NULL);
    close(fds[1]); /* the child's copy died with it: no process holds the peer now */
    ssize_t first = recv(fds[0], &byte, 1, 0);
    guard_arm();
    ssize_t second = recv(fds[0], &byte, 1, 0);
    int err = errno;
    guard_disarm();
    obs_value_int(second);
    obs_errno(second < 0 ? err : 0);
    obs_evidence_int("first_receive", first);
}

struct gone_peer_job {
    int fd;
    peer_gone_write how;
    int report;
};

static void send_to_gone_peer(void *arg) {
    struct gone_peer_job *job = arg;
    /* The disposition is the point of the case, so the child sets it itself (SIG_DFL on fork). */
    signal(SIGPIPE, job->how == PEER_GONE_SIGPIPE_IGNORED ? SIG_IGN : SIG_DFL);
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigprocmask(SIG_UNBLOCK, &pipe_only, NULL);
    struct unix_attempt attempt = {
        .result = send(job->fd, "x", 1, job->how == PEER_GONE_MSG_NOSIGNAL ? MSG_NOSIGNAL : 0)};
    attempt.err = attempt.result < 0 ? errno : 0;
    if (write(job->report, &attempt, sizeof attempt) != sizeof attempt) _exit(1);
}

void unix_observe_write_after_peer_closed(int type, peer_gone_write how) {
    int fds[2], channel[2], sig = 0;
    unix_socketpair(type, fds);
    close(fds[1]);
    if (pipe2(channel, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    struct gone_peer_job job = {.fd = fds[0], .how = how, .report = channel[1]};
    pid_t child = spawn_helper(send_to_gone_peer, &job);
    close(channel[1]);
    struct unix_attempt attempt;
    bool reported = read_full(channel[0], &attempt, sizeof attempt) == sizeof attempt;
    int status = reap(child, &sig);
    if (reported) { /* a child the signal ended reported nothing: value and errno stay null */
        obs_value_int(attempt.result);
        obs_errno(attempt.err);
    }
    obs_signal(sig);
    obs_evidence_int("child_status", status);
    obs_evidence_str("sigpipe", how == PEER_GONE_SIGPIPE_IGNORED ? "ignored" : "default");
    obs_evidence_bool("msg_nosignal", how == PEER_GONE_MSG_NOSIGNAL);
}

#define LISTENER_NAME "listener"
#define BACKLOG       1

struct delayed_accept {
    int listener;
    int64_t delay_ns;
};

static void accept_after_delay(void *arg) {
    struct delayed_accept *job = arg;
    sleep_ns(job->delay_ns);
    if (accept(job->listener, NULL, NULL) < 0) _exit(1);
}

void unix_observe_connect_to_full_backlog(int type, bool nonblocking, int64_t delay_ns) {
    const char *path = LISTENER_NAME;
    int listener = unix_listener(type, path, BACKLOG);
    /* Queue connections nobody accepts until the kernel refuses one: the backlog is then full. */
    int64_t queued = 0;
    guard_arm();
    while (unix_connect_to(type, SOCK_NONBLOCK, path) >= 0) queued++;
    int refused = errno;
    guard_disarm();
    if (refused != EAGAIN) {
        /* The backlog never filled the documented way: that errno is the observation. */
        obs_errno(refused);
    } else if (nonblocking) {
        guard_arm();
        int fd = unix_connect_to(type, SOCK_NONBLOCK, path);
        int err = errno;
        guard_disarm();
        obs_value_int(fd < 0 ? -1 : 0);
        obs_errno(fd < 0 ? err : 0);
    } else {
        struct delayed_accept job = {.listener = listener, .delay_ns = delay_ns};
        int64_t started = monotonic_ns();
        pid_t helper = spawn_helper(accept_after_delay, &job);
        int fd = unix_connect_to(type, 0, path);
        int err = errno;
        int64_t elapsed = monotonic_ns() - started;
        reap(helper, NULL);
        obs_value_int(fd < 0 ? -1 : 0);
        obs_errno(fd < 0 ? err : 0);
        obs_elapsed_ns(elapsed);
        obs_delay_ns(delay_ns);
    }
    obs_evidence_int("backlog", BACKLOG);
    obs_evidence_int("queued_before_full", queued);
}

/* Message i carries i in its first 4 bytes and is 4 + (i * 37) % 1000 bytes long. */
static size_t message_size(uint32_t i) { return 4 + (i * 37u) % 1000u; }

struct ordered_messages {
    int fd;
    long count;
};

static void send_numbered(void *arg) {
    struct ordered_messages *job = arg;
    static char message[1024];
    for (uint32_t i = 0; i < (uint32_t)job->count; i++) {
        memset(message, (int)(i & 0xff), sizeof message);
        memcpy(message, &i, sizeof i);
        if (send(job->fd, message, message_size(i), 0) != (ssize_t)message_size(i)) _exit(1);
    }
}

void unix_observe_order(int type, long messages) {
    int fds[2];
    unix_socketpair(type, fds);
    struct ordered_messages job = {.fd = fds[1], .count = messages};
    pid_t sender = spawn_helper(send_numbered, &job);
    close(fds[1]);
    /* A datagram socket never reports EOF, so a silence of 4 s ends the reading instead (the
     * watchdog fires at 8). */
    struct timeval patience = {.tv_sec = 4};
    setsockopt(fds[0], SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    static char message[2048];
    long received = 0, misplaced = 0;
    uint32_t expected = 0;
    ssize_t n;
    while (received < messages && (n = recv(fds[0], message, sizeof message, 0)) > 0) {
        uint32_t number;
        memcpy(&number, message, sizeof number);
        if (number != expected || (size_t)n != message_size(number)) misplaced++;
        expected = number + 1;
        received++;
    }
    reap(sender, NULL);
    obs_value_int(misplaced + (messages - received));
    obs_evidence_int("messages", messages);
    obs_evidence_int("received", received);
}
