/* udp-probe: observes UDP over the loopback interface (udp(7), ip(7), socket(7)): datagram
 * boundaries, errors from a closed port, size limits and blocking. The receive-buffer overflow
 * cases live in overflow.c. Every socket is on 127.0.0.1 or ::1 with an ephemeral port; the case table
 * below describes each case. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/loopback.h"
#include "common/probe.h"
#include "cases.h"

int udp_connected_sender(loopback_family family, uint16_t port) {
    int sender = loopback_socket(family, SOCK_DGRAM);
    if (loopback_connect(sender, family, port) != 0) loopback_setup_failed("connect", errno);
    return sender;
}

static void send_or_report(int fd, const char *text) {
    size_t length = strlen(text);
    if (send(fd, text, length, 0) != (ssize_t)length) loopback_setup_failed("send", errno);
}

static void two_sends_one_recv(int argc, char **argv) {
    loopback_family family = loopback_family_arg(argc, argv, 0);
    int receiver = loopback_bound(family, SOCK_DGRAM, 0);
    int sender = udp_connected_sender(family, loopback_port_of(receiver));
    /* Loopback delivers during send(), so both datagrams are queued before the first recv. */
    send_or_report(sender, "abc");
    send_or_report(sender, "defg");
    char data[65] = {0}, rest[65] = {0};
    guard_arm();
    ssize_t n = recv(receiver, data, 64, 0);
    int err = errno;
    guard_disarm();
    ssize_t second = recv(receiver, rest, 64, MSG_DONTWAIT);
    obs_value_int(n);
    obs_errno(n < 0 ? err : 0);
    obs_evidence_str("data", data);
    obs_evidence_int("second_read", second);
    obs_evidence_str("second_data", rest);
    obs_evidence_str("address", loopback_host(family));
    obs_emit();
}

static void short_buffer_discards_rest(int argc, char **argv) {
    (void)argc, (void)argv;
    int receiver = loopback_bound(LOOPBACK_IPV4, SOCK_DGRAM, 0);
    int sender = udp_connected_sender(LOOPBACK_IPV4, loopback_port_of(receiver));
    send_or_report(sender, "abcd");
    send_or_report(sender, "efg");
    char head[2], data[65] = {0};
    struct iovec part = {.iov_base = head, .iov_len = sizeof head};
    struct msghdr message = {.msg_iov = &part, .msg_iovlen = 1};
    guard_arm();
    ssize_t first = recvmsg(receiver, &message, 0);
    guard_disarm();
    /* The property: what did not fit is gone, so the next recv starts with the next datagram. */
    ssize_t n = recv(receiver, data, 64, MSG_DONTWAIT);
    obs_value_int(n);
    obs_errno(n < 0 ? errno : 0);
    obs_evidence_str("data", data);
    obs_evidence_int("first_read", first);
    obs_evidence_bool("first_msg_trunc", first >= 0 && (message.msg_flags & MSG_TRUNC));
    obs_emit();
}

static void connected_send_to_closed_port(int argc, char **argv) {
    loopback_family family = loopback_family_arg(argc, argv, 0);
    /* A port that was bound and closed again: nobody receives there, so the kernel answers the
     * first datagram with an ICMP port unreachable, which a connected socket reports later. */
    int gone = loopback_bound(family, SOCK_DGRAM, 0);
    uint16_t port = loopback_port_of(gone);
    close(gone);
    int sender = udp_connected_sender(family, port);
    ssize_t first = send(sender, "x", 1, 0);
    int first_errno = errno;
    /* POLLERR is always reported; wait (at most 1 s) until the error has arrived. */
    short revents = loopback_wait(sender, 0, 1000);
    ssize_t n = send(sender, "x", 1, 0);
    obs_value_int(n);
    obs_errno(n < 0 ? errno : 0);
    obs_evidence_int("first_send", first);
    if (first < 0) obs_evidence_str("first_send_errno", errno_name(first_errno));
    obs_evidence_bool("pollerr_before_second_send", revents & POLLERR);
    obs_evidence_int("port", port);
    obs_evidence_str("address", loopback_host(family));
    obs_emit();
}

static void send_size(int argc, char **argv) {
    if (argc < 1) probe_usage("send-size needs BYTES");
    long size = arg_long(argc, argv, 0, 0);
    if (size < 1 || size > 1 << 20) probe_usage("BYTES must be 1..1048576");
    int receiver = loopback_bound(LOOPBACK_IPV4, SOCK_DGRAM, 0);
    int sender = udp_connected_sender(LOOPBACK_IPV4, loopback_port_of(receiver));
    char *payload = calloc(1, (size_t)size);
    if (!payload) probe_fail("out of memory");
    guard_arm();
    ssize_t n = send(sender, payload, (size_t)size, 0);
    int err = errno;
    guard_disarm();
    ssize_t received = n > 0 ? recv(receiver, payload, (size_t)size, MSG_DONTWAIT) : -1;
    free(payload);
    obs_value_int(n);
    obs_errno(n < 0 ? err : 0);
    obs_evidence_int("requested", size);
    obs_evidence_int("received", received);
    obs_emit();
}

static void recv_empty_blocks(int argc, char **argv) {
    int receiver = loopback_bound(LOOPBACK_IPV4, SOCK_DGRAM, 0);
    int sender = udp_connected_sender(LOOPBACK_IPV4, loopback_port_of(receiver));
    loopback_observe_blocking_recv(receiver, sender, arg_delay_ns(argc, argv, 0));
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("two-sends-one-recv", two_sends_one_recv,
               "a sender connected to a bound loopback receiver sends \"abc\" then \"defg\"; one "
               "recv(64); value = bytes that recv returned; evidence.data, evidence.second_read, "
               "evidence.second_data",
               OPTIONAL_PARAM("family", "ipv4 or ipv6 (default ipv4)")),
    PROBE_CASE("short-buffer-discards-rest", short_buffer_discards_rest,
               "the sender sends \"abcd\" then \"efg\"; recvmsg with a 2-byte buffer, then recv(64); "
               "value = bytes of that second recv; evidence.data, evidence.first_read, "
               "evidence.first_msg_trunc"),
    PROBE_CASE("overflow-dropped", udp_overflow_dropped,
               "a receiver with SO_RCVBUF = 64 * size reads nothing while `count` numbered datagrams of "
               "`size` bytes are sent to it (MSG_DONTWAIT), then drains its queue; value = datagrams "
               "sent minus received; evidence.sent, received, damaged, rcvbuf, kernel_drop_count "
               "(SO_RXQ_OVFL, when supplied)",
               OPTIONAL_PARAM("count", "datagrams to send (default 1000)"),
               OPTIONAL_PARAM("size", "bytes per datagram (default 256)")),
    PROBE_CASE("overflow-damaged", udp_overflow_damaged,
               "as overflow-dropped, but value = received datagrams that are not one whole datagram as "
               "sent (wrong length, MSG_TRUNC, or content not matching its number)",
               OPTIONAL_PARAM("count", "datagrams to send (default 1000)"),
               OPTIONAL_PARAM("size", "bytes per datagram (default 256)")),
    PROBE_CASE("connected-send-to-closed-port", connected_send_to_closed_port,
               "a loopback port is bound and closed again; a UDP socket connect()ed to it sends 1 byte, "
               "waits up to 1 s for POLLERR, sends again; value = return of the second send, errno "
               "(ECONNREFUSED expected); evidence.first_send, evidence.pollerr_before_second_send",
               OPTIONAL_PARAM("family", "ipv4 or ipv6 (default ipv4)")),
    PROBE_CASE("send-size", send_size,
               "a connected UDP socket sends one datagram of `bytes` bytes to a bound 127.0.0.1 "
               "receiver; value = return of send, errno; evidence.received = length the receiver got",
               PARAM("bytes", "the datagram's size")),
    PROBE_CASE("recv-empty-blocks", recv_empty_blocks,
               "blocking recv(1) on a bound receiver while a helper sends a 1-byte datagram after "
               "delay_ms; value = bytes received, elapsed_ns, delay_ns",
               DELAY_PARAM),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
