/* unix-seqpacket-probe: observes UNIX-domain sequenced-packet sockets (unix(7), socket(2)): a
 * connection like a stream socket, carrying whole messages like a datagram socket. One case per
 * run; the case table below says what each case observes. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/unix_sockets.h"
#include "edges.h"

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
    PROBE_CASE("short-recvmsg-flags", short_recvmsg_flags,
               "socketpair(SOCK_SEQPACKET); send a 10-byte packet; recvmsg into 4 bytes; value = whether "
               "msg_flags has MSG_TRUNC; evidence.datagram_size, buffer_size"),
    PROBE_CASE("recv-msg-trunc", recv_msg_trunc,
               "socketpair(SOCK_SEQPACKET); send a 10-byte packet; recv(MSG_TRUNC) into 4 bytes; value = "
               "the length returned; evidence.datagram_size, buffer_size"),
    PROBE_CASE("shutdown-write-gives-peer-eof", shutdown_write_gives_peer_eof,
               "socketpair(SOCK_SEQPACKET); shutdown(first, SHUT_WR); recv(second) under a 1 s guard; value "
               "= its return (0 = EOF), errno; evidence.reverse_direction_open"),
    PROBE_CASE("nosignal-after-peer-closed", nosignal_after_peer_closed,
               "a child sends with MSG_NOSIGNAL (SIGPIPE at its default) on a socket whose peer is closed; "
               "value = return, errno (EPIPE expected), signal = what ended the child (none expected)"),
    PROBE_CASE("connect-not-listening", connect_not_listening,
               "bind a sequenced-packet socket to a path, no listen(); connect to it; value = -1 or 0, "
               "errno (ECONNREFUSED expected)"),
    PROBE_CASE("two-sends-one-recv", two_sends_one_recv,
               "socketpair(SOCK_SEQPACKET); send(\"abc\"), send(\"defg\"), one recv(64); value = bytes "
               "returned; evidence.data"),
    PROBE_CASE("short-read-discards-rest", short_read_discards_rest,
               "socketpair(SOCK_SEQPACKET); send a 10-byte packet, then \"next\"; read(4), then read "
               "again; value = what the second read returns; evidence.first_receive, datagram_size, "
               "buffer_size"),
    PROBE_CASE("order-preserved", order_preserved,
               "a child sends `messages` numbered packets of 4..1003 bytes over a socketpair; value = "
               "packets lost, out of order or of the wrong size (0 expected); evidence.messages, "
               "received",
               OPTIONAL_PARAM("messages", "packets to send (default 2000)")),
    PROBE_CASE("eof-after-peer-closed", eof_after_peer_closed,
               "socketpair; a child sends 1 byte on its end and exits, the parent closes its copy of "
               "that end, reads the packet and reads again; value = return of the second recv (0 = EOF); "
               "evidence.first_receive"),
    PROBE_CASE("write-after-peer-closed", write_after_peer_closed,
               "socketpair, one end closed; a child with SIGPIPE at SIG_DFL sends 1 byte on the other; "
               "value = send's return, errno, signal = what ended the child (null when it survived)"),
    PROBE_CASE("connect-full-backlog-blocks", connect_full_backlog_blocks,
               "listener with backlog 1 filled by non-blocking connects until EAGAIN; a blocking connect "
               "while a helper accepts one connection after delay_ms; value = connect's return, "
               "elapsed_ns, delay_ns; evidence.backlog, queued_before_full",
               DELAY_PARAM),
    PROBE_CASE("connect-full-backlog-nonblocking", connect_full_backlog_nonblocking,
               "listener with backlog 1 filled by non-blocking connects until EAGAIN, then one more "
               "non-blocking connect; value = its return, errno; evidence.backlog, queued_before_full"),
    PROBE_CASE("connect-to-stream-listener", connect_to_stream_listener,
               "a SOCK_STREAM listener in the temp dir; a SOCK_SEQPACKET socket connects to it; value = "
               "connect's return, errno"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
