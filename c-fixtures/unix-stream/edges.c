/* Edges of UNIX stream connections: half-close (shutdown(2)), refusals and resets (unix(7),
 * connect(2)), names (getsockname(2), getpeername(2)), SO_PEERCRED of a socketpair, and
 * descriptors in flight (unix(7) SCM_RIGHTS, recvmsg(2) MSG_CTRUNC and MSG_CMSG_CLOEXEC). */
#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ancillary.h"
#include "common/probe.h"
#include "common/streams.h"
#include "common/unix_sockets.h"
#include "edges.h"

#define MSG_CTRUNC_SENT 4

static void pipe_or_fail(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
}

void shutdown_write_gives_peer_eof(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2];
    unix_socketpair(SOCK_STREAM, pair);
    if (shutdown(pair[0], SHUT_WR) != 0) probe_fail("shutdown: %s", strerror(errno));
    char byte;
    guard_arm();
    ssize_t n = recv(pair[1], &byte, 1, 0);
    int err = errno;
    /* The other direction stays open: the half that was shut is the only one that ended. */
    bool reverse = send(pair[1], "r", 1, 0) == 1 && recv(pair[0], &byte, 1, 0) == 1;
    guard_disarm();
    report_io(n, err);
    obs_evidence_bool("reverse_direction_open", reverse);
    obs_emit();
}

void connect_not_listening(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_enter_probe_directory();
    const char *name = "bound-not-listening";
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, name);
    int bound = unix_socket(SOCK_STREAM);
    cleanup_unlink_later(probe_path(name));
    if (bind(bound, (struct sockaddr *)&address, length) != 0) probe_fail("bind: %s", strerror(errno));
    guard_arm();
    int fd = unix_connect_to(SOCK_STREAM, 0, name);
    int err = errno;
    guard_disarm();
    obs_value_int(fd < 0 ? -1 : 0);
    obs_errno(fd < 0 ? err : 0);
    obs_evidence_bool("bound_socket_open", true);
    obs_emit();
}

void close_listener_resets_pending(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = "listener";
    int listener = unix_listener(SOCK_STREAM, name, 4);
    int client = unix_connect_to(SOCK_STREAM, 0, name);
    if (client < 0) probe_fail("connect: %s", strerror(errno));
    close(listener); /* the connection was queued, never accepted */
    char byte;
    guard_arm();
    ssize_t n = recv(client, &byte, 1, 0);
    int err = errno;
    guard_disarm();
    report_io(n, err);
    obs_emit();
}

void socketpair_peercred(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2];
    unix_socketpair(SOCK_STREAM, pair);
    struct ucred credentials;
    socklen_t length = sizeof credentials;
    if (getsockopt(pair[1], SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    struct unix_identity self = unix_own_identity();
    obs_value_bool(credentials.pid == self.pid && (int64_t)credentials.uid == self.uid &&
                   (int64_t)credentials.gid == self.gid);
    obs_evidence_int("peer_pid", credentials.pid);
    obs_evidence_int("peer_uid", credentials.uid);
    obs_evidence_int("peer_gid", credentials.gid);
    unix_identity_evidence("own", self);
    obs_emit();
}

void scm_rights_survives_sender_close(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2], data[2];
    unix_socketpair(SOCK_STREAM, pair);
    pipe_or_fail(data);
    if (!ancillary_send_fds(pair[0], &data[1], 1)) probe_fail("sendmsg: %s", strerror(errno));
    close(data[1]); /* the sender's only copy: the one in flight must keep the pipe's write end open */
    struct ancillary_received received = ancillary_receive(pair[1], CMSG_SPACE(sizeof(int)), 0);
    bool works = false;
    if (received.count == 1) {
        char text[8] = {0};
        works = write(received.fds[0], "alive", 5) == 5 && read_full(data[0], text, 5) == 5 &&
                strcmp(text, "alive") == 0;
        close(received.fds[0]);
    }
    obs_value_bool(works);
    obs_evidence_int("descriptors_received", received.count);
    obs_emit();
}

void msg_ctrunc(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2], pipes[MSG_CTRUNC_SENT][2], sent[MSG_CTRUNC_SENT];
    unix_socketpair(SOCK_STREAM, pair);
    for (int i = 0; i < MSG_CTRUNC_SENT; i++) pipe_or_fail(pipes[i]), sent[i] = pipes[i][1];
    if (!ancillary_send_fds(pair[0], sent, MSG_CTRUNC_SENT)) probe_fail("sendmsg: %s", strerror(errno));
    /* Room for one descriptor (padded, so perhaps two), four in flight. */
    struct ancillary_received received = ancillary_receive(pair[1], CMSG_SPACE(sizeof(int)), 0);
    if (received.result < 0)
        obs_errno(received.err);
    else
        obs_value_bool((received.msg_flags & MSG_CTRUNC) != 0);
    obs_evidence_int("descriptors_sent", MSG_CTRUNC_SENT);
    obs_evidence_int("descriptors_received", received.count);
    obs_evidence_int("control_room", CMSG_SPACE(sizeof(int)));
    for (int i = 0; i < received.count; i++) close(received.fds[i]);
    obs_emit();
}

void ctrunc_dropped_descriptor_is_closed(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2], data[2];
    unix_socketpair(SOCK_STREAM, pair);
    pipe_or_fail(data);
    if (!ancillary_send_fds(pair[0], &data[1], 1)) probe_fail("sendmsg: %s", strerror(errno));
    close(data[1]);
    /* No control buffer at all: the descriptor cannot be delivered and must be released. */
    struct ancillary_received received = ancillary_receive(pair[1], 0, 0);
    obs_evidence_bool("msg_ctrunc", (received.msg_flags & MSG_CTRUNC) != 0);
    set_nonblocking(data[0], true);
    char byte;
    ssize_t n = read(data[0], &byte, 1); /* 0 = no write end left anywhere; EAGAIN = one leaked */
    report_io(n, errno);
    obs_emit();
}

void cmsg_cloexec(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2], data[2];
    unix_socketpair(SOCK_STREAM, pair);
    pipe_or_fail(data);
    int twice[2] = {data[1], data[1]};
    if (!ancillary_send_fds(pair[0], twice, 1) || !ancillary_send_fds(pair[0], twice + 1, 1))
        probe_fail("sendmsg: %s", strerror(errno));
    struct ancillary_received plain = ancillary_receive(pair[1], CMSG_SPACE(sizeof(int)), 0);
    struct ancillary_received flagged = ancillary_receive(pair[1], CMSG_SPACE(sizeof(int)), MSG_CMSG_CLOEXEC);
    if (flagged.count != 1 || plain.count != 1) probe_fail("a descriptor did not arrive");
    bool with = (fcntl(flagged.fds[0], F_GETFD) & FD_CLOEXEC) != 0;
    bool without = (fcntl(plain.fds[0], F_GETFD) & FD_CLOEXEC) != 0;
    obs_value_bool(with);
    obs_evidence_bool("cloexec_without_flag", without);
    close(flagged.fds[0]);
    close(plain.fds[0]);
    obs_emit();
}

/* The sun_path of an address as a string ("" for an unnamed one), and its length as evidence. */
static void report_name(int result, int err, const struct sockaddr_un *address, socklen_t length) {
    if (result != 0) {
        obs_errno(err);
        return;
    }
    obs_evidence_int("addrlen", length);
    if (length > sizeof(sa_family_t)) {
        char path[sizeof address->sun_path + 1] = {0};
        memcpy(path, address->sun_path, length - sizeof(sa_family_t));
        obs_value_str(path);
    } else {
        obs_value_str("");
    }
}

void socket_names(int argc, char **argv) {
    if (argc < 1) probe_usage("names needs WHICH");
    const char *which = argv[0];
    const char *name = "named-listener";
    int listener = unix_listener(SOCK_STREAM, name, 1);
    int client = unix_connect_to(SOCK_STREAM, 0, name);
    if (client < 0) probe_fail("connect: %s", strerror(errno));
    int server = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (server < 0) probe_fail("accept: %s", strerror(errno));
    struct sockaddr_un address = {0};
    socklen_t length = sizeof address;
    int result;
    if (strcmp(which, "listener-own") == 0)
        result = getsockname(listener, (struct sockaddr *)&address, &length);
    else if (strcmp(which, "client-peer") == 0)
        result = getpeername(client, (struct sockaddr *)&address, &length);
    else if (strcmp(which, "server-peer") == 0)
        result = getpeername(server, (struct sockaddr *)&address, &length);
    else
        probe_usage("names: WHICH is listener-own, client-peer or server-peer, not %s", which);
    int err = errno;
    report_name(result, err, &address, length);
    obs_evidence_str("bound", name);
    obs_emit();
}

void server_peer_addrlen(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = "named-listener";
    int listener = unix_listener(SOCK_STREAM, name, 1);
    int client = unix_connect_to(SOCK_STREAM, 0, name);
    if (client < 0) probe_fail("connect: %s", strerror(errno));
    struct sockaddr_un address = {0};
    socklen_t length = sizeof address;
    int server = accept4(listener, (struct sockaddr *)&address, &length, SOCK_CLOEXEC);
    if (server < 0) probe_fail("accept: %s", strerror(errno));
    obs_value_int(length);
    obs_evidence_int("sizeof_sa_family_t", sizeof(sa_family_t));
    obs_emit();
}

void socketpair_inet(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2];
    int result = socketpair(AF_INET, SOCK_STREAM, 0, pair);
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    if (result == 0) close(pair[0]), close(pair[1]);
    obs_emit();
}

void recv_dontwait_empty(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2];
    unix_socketpair(SOCK_STREAM, pair);
    char byte;
    guard_arm();
    ssize_t n = recv(pair[1], &byte, 1, MSG_DONTWAIT);
    int err = errno;
    guard_disarm();
    report_io(n, err);
    obs_emit();
}

void siocinq(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2];
    unix_socketpair(SOCK_STREAM, pair);
    static const char data[123];
    if (send(pair[0], data, sizeof data, 0) != sizeof data) probe_fail("send: %s", strerror(errno));
    int unread = -1;
    int result = ioctl(pair[1], SIOCINQ, &unread);
    if (result == 0) obs_value_int(unread);
    obs_errno(result < 0 ? errno : 0);
    obs_evidence_int("sent", sizeof data);
    obs_emit();
}
