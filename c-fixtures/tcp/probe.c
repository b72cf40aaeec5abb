/* tcp-probe: observes TCP over the loopback interface (tcp(7), socket(7), shutdown(2)): the byte
 * stream, its two directions and its options. Port cases live in port.c. Every socket is
 * on 127.0.0.1 or ::1 with an ephemeral port; the case table below describes each case. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/loopback.h"
#include "common/probe.h"
#include "cases.h"

static void record_family(loopback_family family) { obs_evidence_str("address", loopback_host(family)); }

/* Waits (at most 1 s) until `bytes` are queued for reading on fd; returns how many are. */
static int wait_until_queued(int fd, int bytes) {
    int queued = 0;
    int64_t deadline = monotonic_ns() + 1000000000;
    while (ioctl(fd, FIONREAD, &queued) == 0 && queued < bytes && monotonic_ns() < deadline)
        sleep_ns(1000000);
    return queued;
}

static void two_sends_one_recv(int argc, char **argv) {
    loopback_family family = loopback_family_arg(argc, argv, 0);
    int client, server;
    loopback_tcp_pair(family, 0, &client, &server);
    if (send(client, "abc", 3, MSG_NOSIGNAL) != 3 || send(client, "defg", 4, MSG_NOSIGNAL) != 4)
        loopback_setup_failed("send", errno);
    /* Both sends must have arrived before the one recv, or a short read would say nothing about
     * boundaries: wait until all 7 bytes are queued (Nagle may hold the second send for an ACK). */
    int queued = wait_until_queued(server, 7);
    char data[65] = {0};
    guard_arm();
    ssize_t n = recv(server, data, 64, 0);
    int err = errno;
    guard_disarm();
    obs_value_int(n);
    obs_errno(n < 0 ? err : 0);
    obs_evidence_str("data", data);
    obs_evidence_int("queued_before_recv", queued);
    record_family(family);
    obs_emit();
}

/* The stream the writer helper sends: chunk sizes that vary from one byte to more than a segment. */
static const size_t chunk_sizes[] = {1, 3, 1000, 7, 4096, 65536, 251, 17000, 2, 32768};

struct stream_job {
    int fd;
    int64_t bytes;
};

static void send_known_stream(void *arg) {
    const struct stream_job *job = arg;
    static unsigned char chunk[65536];
    int64_t offset = 0;
    for (size_t turn = 0; offset < job->bytes; turn++) {
        size_t size = chunk_sizes[turn % (sizeof chunk_sizes / sizeof *chunk_sizes)];
        if ((int64_t)size > job->bytes - offset) size = (size_t)(job->bytes - offset);
        for (size_t i = 0; i < size; i++) chunk[i] = loopback_stream_byte((uint64_t)(offset + (int64_t)i));
        /* One send() per chunk (a short send is finished by the next ones): how the kernel cuts
         * and joins segments is its business, the order of the bytes is the property. */
        size_t done = 0;
        while (done < size) {
            ssize_t n = send(job->fd, chunk + done, size - done, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) _exit(1);
            done += (size_t)n;
        }
        offset += (int64_t)size;
    }
}

static void stream_order(int argc, char **argv) {
    loopback_family family = loopback_family_arg(argc, argv, 0);
    struct stream_job job = {.bytes = arg_long(argc, argv, 1, 1 << 20)};
    if (job.bytes < 1 || job.bytes > 64 << 20) probe_usage("BYTES must be 1..67108864");
    int client, server;
    loopback_tcp_pair(family, 0, &client, &server);
    job.fd = client;
    pid_t writer = spawn_helper(send_known_stream, &job);
    close(client); /* the writer holds the only sending end: its exit is the end of the stream */
    static unsigned char buffer[65536];
    int64_t received = 0, misplaced = 0;
    for (;;) {
        ssize_t n = recv(server, buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) probe_fail("recv: %s", strerror(errno));
        if (n == 0) break;
        for (ssize_t i = 0; i < n; i++)
            if (buffer[i] != loopback_stream_byte((uint64_t)(received + i))) misplaced++;
        received += n;
    }
    int writer_status = reap(writer, NULL);
    /* Missing or surplus bytes count as misplaced too: "complete and in order" is one number. */
    int64_t difference = received > job.bytes ? received - job.bytes : job.bytes - received;
    obs_value_int(misplaced + difference);
    obs_evidence_int("bytes_sent", job.bytes);
    obs_evidence_int("bytes_received", received);
    obs_evidence_int("misplaced_bytes", misplaced);
    obs_evidence_int("writer_status", writer_status);
    record_family(family);
    obs_emit();
}

static void nodelay(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = loopback_socket(LOOPBACK_IPV4, SOCK_STREAM);
    int before = -1, after = -1;
    socklen_t length = sizeof before;
    if (getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &before, &length) != 0)
        loopback_setup_failed("getsockopt TCP_NODELAY", errno);
    int on = 1;
    int result = setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    int err = errno;
    length = sizeof after;
    if (result == 0 && getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &after, &length) != 0)
        loopback_setup_failed("getsockopt TCP_NODELAY", errno);
    if (result == 0) obs_value_int(after); /* on failure the value stays null */
    obs_errno(result != 0 ? err : 0);
    obs_evidence_int("default_value", before);
    obs_emit();
}

/* One side shuts down writing; what the peer reads, and whether the way back still works. */
static void observe_half_close(bool report_reverse_direction) {
    int client, server;
    loopback_tcp_pair(LOOPBACK_IPV4, 0, &client, &server);
    if (shutdown(client, SHUT_WR) != 0) loopback_setup_failed("shutdown SHUT_WR", errno);
    char data[65] = {0};
    guard_arm();
    ssize_t peer_read = recv(server, data, 64, 0);
    int peer_errno = errno;
    guard_disarm();
    ssize_t sent_back = send(server, "pong", 4, MSG_NOSIGNAL);
    int back_errno = errno;
    ssize_t reverse_read = -1;
    int reverse_errno = 0;
    if (sent_back == 4) {
        loopback_wait(client, POLLIN, 1000);
        guard_arm();
        reverse_read = recv(client, data, 64, 0);
        reverse_errno = errno;
        guard_disarm();
    }
    if (report_reverse_direction) {
        obs_value_int(reverse_read);
        obs_errno(reverse_read < 0 ? (sent_back != 4 ? back_errno : reverse_errno) : 0);
        obs_evidence_int("peer_read", peer_read);
    } else {
        obs_value_int(peer_read);
        obs_errno(peer_read < 0 ? peer_errno : 0);
        obs_evidence_int("reverse_read", reverse_read);
    }
    obs_evidence_int("sent_back", sent_back);
    obs_emit();
}

static void half_close_peer_eof(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_half_close(false);
}

static void half_close_reverse(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_half_close(true);
}

static void send_after_shut_wr(int argc, char **argv) {
    (void)argc, (void)argv;
    int client, server;
    loopback_tcp_pair(LOOPBACK_IPV4, 0, &client, &server);
    if (shutdown(client, SHUT_WR) != 0) loopback_setup_failed("shutdown SHUT_WR", errno);
    /* MSG_NOSIGNAL: the errno is the observation, not the SIGPIPE that would otherwise end us. */
    ssize_t n = send(client, "x", 1, MSG_NOSIGNAL);
    obs_value_int(n);
    obs_errno(n < 0 ? errno : 0);
    obs_emit();
}

static void recv_empty_blocks(int argc, char **argv) {
    int client, server;
    loopback_tcp_pair(LOOPBACK_IPV4, 0, &client, &server);
    loopback_observe_blocking_recv(server, client, arg_delay_ns(argc, argv, 0));
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("two-sends-one-recv", two_sends_one_recv,
               "a connected loopback pair; the client sends \"abc\" then \"defg\"; once 7 bytes are "
               "queued (FIONREAD, at most 1 s) the server makes one recv(64); value = bytes that recv "
               "returned; evidence.data, evidence.queued_before_recv",
               OPTIONAL_PARAM("family", "ipv4 or ipv6 (default ipv4)")),
    PROBE_CASE("stream-order", stream_order,
               "a writer child sends a known byte sequence of `bytes` bytes in chunks of 1 to 65536 "
               "bytes and exits; the parent reads to EOF; value = bytes missing, surplus or out of place "
               "(0 expected); evidence.bytes_sent, bytes_received, misplaced_bytes. A missing ::1 is the "
               "observation: errno of the failed step, evidence.failed_step",
               OPTIONAL_PARAM("family", "ipv4 or ipv6 (default ipv4)"),
               OPTIONAL_PARAM("bytes", "bytes to send (default 1048576)")),
    PROBE_CASE("connect-no-listener", tcp_connect_no_listener,
               "a socket holds an ephemeral loopback port without listening; connect() to that port; "
               "value = return of connect, errno (ECONNREFUSED expected); evidence.port",
               OPTIONAL_PARAM("family", "ipv4 or ipv6 (default ipv4)")),
    PROBE_CASE("rebind-time-wait", tcp_rebind_time_wait,
               "a connection accepted by a listener with SO_REUSEADDR; the server closes first, the "
               "client reads EOF and closes (the server end is then in TIME_WAIT); a new socket (with "
               "SO_REUSEADDR when mode is reuseaddr) binds that port; value = return of bind, errno; "
               "evidence.time_wait_listed (from /proc/net/tcp, when readable), evidence.port",
               OPTIONAL_PARAM("mode", "plain or reuseaddr (default plain)")),
    PROBE_CASE("second-listener", tcp_second_listener,
               "a listener on an ephemeral 127.0.0.1 port, with the option when mode names one; a second "
               "socket with the same option binds that port and listens; value = 0 when both succeed, "
               "else -1 and the errno of the refusing call; evidence.refused_by = bind|listen|none",
               OPTIONAL_PARAM("mode", "plain, reuseaddr or reuseport (default plain)")),
    PROBE_CASE("nodelay", nodelay,
               "setsockopt(TCP_NODELAY, 1) on a new TCP socket, then getsockopt; value = the option read "
               "back (null and errno when setting fails); evidence.default_value = the option before"),
    PROBE_CASE("half-close-peer-eof", half_close_peer_eof,
               "a connected pair; the client calls shutdown(SHUT_WR); value = what the server's recv "
               "returns (0 = EOF); evidence.sent_back, evidence.reverse_read = what the client then "
               "reads of the server's 4-byte reply"),
    PROBE_CASE("half-close-reverse", half_close_reverse,
               "as half-close-peer-eof, but value = bytes the client receives of the server's 4-byte "
               "reply after its own shutdown(SHUT_WR); evidence.peer_read"),
    PROBE_CASE("send-after-shut-wr", send_after_shut_wr,
               "a connected pair; the client calls shutdown(SHUT_WR), then send(1 byte, MSG_NOSIGNAL); "
               "value = return of send, errno (EPIPE expected)"),
    PROBE_CASE("recv-empty-blocks", recv_empty_blocks,
               "a connected pair; blocking recv(1) on the server while a helper sends 1 byte from the "
               "client after delay_ms; value = bytes received, elapsed_ns, delay_ns",
               DELAY_PARAM),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
