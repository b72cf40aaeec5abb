/* unix-seqpacket-probe: observes UNIX-domain sequenced-packet sockets (unix(7), socket(2)): a
 * connection like a stream socket, carrying whole messages like a datagram socket. One case per
 * run; c-fixtures/cases/unix_seqpacket.json says what each case observes. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/unix_sockets.h"

static void two_sends_one_recv(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_two_sends_one_recv(SOCK_SEQPACKET);
    obs_emit();
}

static void short_read_discards_rest(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_short_receive(SOCK_SEQPACKET, RECEIVE_THEN_NEXT);
    obs_emit();
}

static void order_preserved(int argc, char **argv) {
    unix_observe_order(SOCK_SEQPACKET, arg_long(argc, argv, 0, 2000));
    obs_emit();
}

static void eof_after_peer_closed(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_eof_after_peer_closed(SOCK_SEQPACKET);
    obs_emit();
}

/* SIGPIPE stays at its default disposition: the case shows the errno and whether a signal came. */
static void write_after_peer_closed(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_write_after_peer_closed(SOCK_SEQPACKET, PEER_GONE_SIGPIPE_DEFAULT);
    obs_emit();
}

static void connect_full_backlog_blocks(int argc, char **argv) {
    unix_observe_connect_to_full_backlog(SOCK_SEQPACKET, false, arg_delay_ns(argc, argv, 0));
    obs_emit();
}

static void connect_full_backlog_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_connect_to_full_backlog(SOCK_SEQPACKET, true, 0);
    obs_emit();
}

static void connect_to_stream_listener(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = "stream-listener";
    unix_listener(SOCK_STREAM, path, 1);
    guard_arm();
    int fd = unix_connect_to(SOCK_SEQPACKET, 0, path);
    int err = errno;
    guard_disarm();
    obs_value_int(fd < 0 ? -1 : 0);
    obs_errno(fd < 0 ? err : 0);
    obs_evidence_str("listener_type", "SOCK_STREAM");
    obs_emit();
}

static const probe_case cases[] = {
    {"two-sends-one-recv", two_sends_one_recv},
    {"short-read-discards-rest", short_read_discards_rest},
    {"order-preserved", order_preserved},
    {"eof-after-peer-closed", eof_after_peer_closed},
    {"write-after-peer-closed", write_after_peer_closed},
    {"connect-full-backlog-blocks", connect_full_backlog_blocks},
    {"connect-full-backlog-nonblocking", connect_full_backlog_nonblocking},
    {"connect-to-stream-listener", connect_to_stream_listener},
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
