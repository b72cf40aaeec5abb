/* udp-probe: observes UDP over the loopback interface (udp(7), ip(7), socket(7)): datagram
 * boundaries, errors from a closed port, size limits and blocking. The receive-buffer overflow
 * cases live in overflow.c. Every socket is on 127.0.0.1 or ::1 with an ephemeral port; see
 * c-fixtures/cases/udp.json for each case. */
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
    {"two-sends-one-recv", two_sends_one_recv},
    {"short-buffer-discards-rest", short_buffer_discards_rest},
    {"overflow-dropped", udp_overflow_dropped},
    {"overflow-damaged", udp_overflow_damaged},
    {"connected-send-to-closed-port", connected_send_to_closed_port},
    {"send-size", send_size},
    {"recv-empty-blocks", recv_empty_blocks},
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
