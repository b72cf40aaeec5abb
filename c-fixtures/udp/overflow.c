/* udp-probe cases about a full receive buffer (udp(7), socket(7) SO_RCVBUF): a sender floods a
 * receiver whose buffer is made small and that reads nothing meanwhile; then the receiver drains
 * what the kernel kept. UDP has no flow control, so the surplus is dropped — and what arrives must
 * still be whole datagrams, never pieces or two glued together. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/loopback.h"
#include "common/probe.h"
#include "cases.h"

struct overflow_result {
    int64_t sent, refused, received, damaged;
    int rcvbuf;
    int64_t kernel_drops; /* SO_RXQ_OVFL's count, or -1 when the runtime does not supply it */
};

/* Datagram `seq` is its number (4 bytes, network order) followed by a filler derived from it, so a
 * truncated, merged or mixed datagram cannot pass for a whole one. */
static unsigned char filler_of(uint32_t seq) { return (unsigned char)(seq * 7 + 1); }

static void stamp(unsigned char *datagram, size_t size, uint32_t seq) {
    uint32_t wire = htonl(seq);
    memcpy(datagram, &wire, sizeof wire);
    memset(datagram + sizeof wire, filler_of(seq), size - sizeof wire);
}

static bool whole(const unsigned char *datagram, ssize_t length, size_t size, long count) {
    if (length != (ssize_t)size) return false;
    uint32_t wire;
    memcpy(&wire, datagram, sizeof wire);
    uint32_t seq = ntohl(wire);
    if (seq >= (uint32_t)count) return false;
    for (size_t i = sizeof wire; i < size; i++)
        if (datagram[i] != filler_of(seq)) return false;
    return true;
}

/* The kernel's own count of datagrams dropped on the receiver (SO_RXQ_OVFL) travels with each
 * datagram queued after the drops, so one marker datagram (number `count`, not part of the flood)
 * is sent once the queue is drained and read back with it. -1 when none arrives. */
static int64_t drops_seen_by_marker(int sender, int receiver, unsigned char *datagram, size_t size,
                                    long count) {
    stamp(datagram, size, (uint32_t)count);
    if (send(sender, datagram, size, MSG_DONTWAIT) != (ssize_t)size) return -1;
    char control[CMSG_SPACE(sizeof(uint32_t))];
    struct iovec buffer = {.iov_base = datagram, .iov_len = size};
    struct msghdr message = {
        .msg_iov = &buffer, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    if (recvmsg(receiver, &message, MSG_DONTWAIT) < 0) return -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
            uint32_t drops;
            memcpy(&drops, CMSG_DATA(c), sizeof drops);
            return drops;
        }
    }
    return -1;
}

static struct overflow_result flood_then_drain(long count, size_t size) {
    struct overflow_result result = {.kernel_drops = -1};
    int receiver = loopback_bound(LOOPBACK_IPV4, SOCK_DGRAM, 0);
    /* Room for a few dozen datagrams (the kernel doubles the request): enough to see that the kept
     * ones are whole, far too little for the whole flood. */
    int small = (int)size * 64;
    if (setsockopt(receiver, SOL_SOCKET, SO_RCVBUF, &small, sizeof small) != 0)
        loopback_setup_failed("SO_RCVBUF", errno);
    socklen_t length = sizeof result.rcvbuf;
    getsockopt(receiver, SOL_SOCKET, SO_RCVBUF, &result.rcvbuf, &length);
    int on = 1;
    bool drops_reported = setsockopt(receiver, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on) == 0;
    int sender = udp_connected_sender(LOOPBACK_IPV4, loopback_port_of(receiver));

    unsigned char *datagram = malloc(2 * size + 1);
    if (!datagram) probe_fail("out of memory");
    for (long seq = 0; seq < count; seq++) {
        stamp(datagram, size, (uint32_t)seq);
        /* MSG_DONTWAIT: a sender that is itself short of buffer is counted, never waited for. */
        if (send(sender, datagram, size, MSG_DONTWAIT) == (ssize_t)size)
            result.sent++;
        else
            result.refused++;
    }
    /* Drain with room for two datagrams: a merged pair would show its true length. */
    for (long reads = 0; reads <= count; reads++) {
        struct iovec buffer = {.iov_base = datagram, .iov_len = 2 * size + 1};
        struct msghdr message = {.msg_iov = &buffer, .msg_iovlen = 1};
        ssize_t n = recvmsg(receiver, &message, MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break; /* EAGAIN: the queue is empty */
        result.received++;
        if (!whole(datagram, n, size, count) || (message.msg_flags & MSG_TRUNC)) result.damaged++;
    }
    if (drops_reported) result.kernel_drops = drops_seen_by_marker(sender, receiver, datagram, size, count);
    free(datagram);
    return result;
}

static void observe_overflow(int argc, char **argv, bool report_damaged) {
    long count = arg_long(argc, argv, 0, 1000);
    long size = arg_long(argc, argv, 1, 256);
    if (count < 1 || count > 100000 || size < 8 || size > 8192)
        probe_usage("COUNT must be 1..100000, SIZE 8..8192");
    struct overflow_result result = flood_then_drain(count, (size_t)size);
    obs_value_int(report_damaged ? result.damaged : result.sent - result.received);
    obs_evidence_int("datagrams", count);
    obs_evidence_int("datagram_size", size);
    obs_evidence_int("sent", result.sent);
    obs_evidence_int("refused_by_sender", result.refused);
    obs_evidence_int("received", result.received);
    obs_evidence_int("dropped", result.sent - result.received);
    obs_evidence_int("damaged", result.damaged);
    obs_evidence_int("rcvbuf", result.rcvbuf);
    if (result.kernel_drops >= 0) obs_evidence_int("kernel_drop_count", result.kernel_drops);
    obs_emit();
}

void udp_overflow_dropped(int argc, char **argv) { observe_overflow(argc, argv, false); }
void udp_overflow_damaged(int argc, char **argv) { observe_overflow(argc, argv, true); }
