/* Edges of sequenced-packet connections (socket(2), recv(2), send(2), shutdown(2), unix(7)): the
 * rules a message type shares with datagrams (MSG_TRUNC) and a connection with streams. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/streams.h"
#include "common/unix_sockets.h"
#include "edges.h"

void short_recvmsg_flags(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_short_receive(SOCK_SEQPACKET, RECEIVE_FLAGS);
    obs_emit();
}

void recv_msg_trunc(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_short_receive(SOCK_SEQPACKET, RECEIVE_WITH_MSG_TRUNC);
    obs_emit();
}

void shutdown_write_gives_peer_eof(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2];
    unix_socketpair(SOCK_SEQPACKET, pair);
    if (shutdown(pair[0], SHUT_WR) != 0) probe_fail("shutdown: %s", strerror(errno));
    char byte;
    guard_arm();
    ssize_t n = recv(pair[1], &byte, 1, 0);
    int err = errno;
    bool reverse = send(pair[1], "r", 1, 0) == 1 && recv(pair[0], &byte, 1, 0) == 1;
    guard_disarm();
    report_io(n, err);
    obs_evidence_bool("reverse_direction_open", reverse);
    obs_emit();
}

void nosignal_after_peer_closed(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_write_after_peer_closed(SOCK_SEQPACKET, PEER_GONE_MSG_NOSIGNAL);
    obs_emit();
}

void connect_not_listening(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_enter_probe_directory();
    const char *name = "bound-not-listening";
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, name);
    int bound = unix_socket(SOCK_SEQPACKET);
    cleanup_unlink_later(probe_path(name));
    if (bind(bound, (struct sockaddr *)&address, length) != 0) probe_fail("bind: %s", strerror(errno));
    guard_arm();
    int fd = unix_connect_to(SOCK_SEQPACKET, 0, name);
    int err = errno;
    guard_disarm();
    obs_value_int(fd < 0 ? -1 : 0);
    obs_errno(fd < 0 ? err : 0);
    obs_emit();
}
