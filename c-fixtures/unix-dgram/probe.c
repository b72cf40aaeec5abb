/* unix-dgram-probe: observes UNIX-domain datagram sockets (unix(7), socket(2), recv(2)). One case
 * per run; the case table below says what each case observes. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/unix_sockets.h"
#include "edges.h"

#define RECEIVER       "receiver"
#define ABSTRACT_TAG   "abstract"
#define DEFAULT_SNDBUF 16384

static bool pass_datagram(int from, int to, const char *text) {
    char received[16] = {0};
    size_t length = strlen(text);
    return send(from, text, length, 0) == (ssize_t)length &&
           recv(to, received, sizeof received - 1, 0) == (ssize_t)length && strcmp(received, text) == 0;
}

static void socketpair_both_ways(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    unix_socketpair(SOCK_DGRAM, fds);
    guard_arm();
    bool first_to_second = pass_datagram(fds[0], fds[1], "ping");
    bool second_to_first = pass_datagram(fds[1], fds[0], "pong");
    guard_disarm();
    obs_value_bool(first_to_second && second_to_first);
    obs_evidence_bool("first_to_second", first_to_second);
    obs_evidence_bool("second_to_first", second_to_first);
    obs_emit();
}

static void two_sends_one_recv(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_two_sends_one_recv(SOCK_DGRAM);
    obs_emit();
}

static void truncated_flag(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_short_receive(SOCK_DGRAM, RECEIVE_FLAGS);
    obs_emit();
}

static void recv_msg_trunc(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_short_receive(SOCK_DGRAM, RECEIVE_WITH_MSG_TRUNC);
    obs_emit();
}

static void order_preserved(int argc, char **argv) {
    unix_observe_order(SOCK_DGRAM, arg_long(argc, argv, 0, 2000));
    obs_emit();
}

static void send_without_write_permission(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_write_permission_needed(SOCK_DGRAM);
    obs_emit();
}

/* Whether /proc/net/unix lists the abstract name (shown there as "@name"); -1 when unreadable. */
static int listed_in_proc_net_unix(const char *name) {
    FILE *table = fopen("/proc/net/unix", "r");
    if (!table) return -1;
    char line[512], wanted[128];
    snprintf(wanted, sizeof wanted, "@%s", name);
    int found = 0;
    while (!found && fgets(line, sizeof line, table)) {
        line[strcspn(line, "\n")] = '\0';
        size_t length = strlen(line), tail = strlen(wanted);
        found = length >= tail && strcmp(line + length - tail, wanted) == 0;
    }
    fclose(table);
    return found;
}

static int64_t entries_in_working_directory(void) {
    DIR *directory = opendir(".");
    if (!directory) probe_fail("opendir: %s", strerror(errno));
    int64_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(directory)))
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) count++;
    closedir(directory);
    return count;
}

static void abstract_no_node(int argc, char **argv) {
    (void)argc, (void)argv;
    /* Bound from inside an empty directory: a name taken as a relative path would appear here. */
    unix_enter_probe_directory();
    struct sockaddr_un address;
    socklen_t length = unix_abstract_address(&address, ABSTRACT_TAG);
    int fd = unix_socket(SOCK_DGRAM);
    if (bind(fd, (struct sockaddr *)&address, length) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    obs_value_int(entries_in_working_directory());
    const char *name = address.sun_path + 1;
    obs_evidence_str("name", name);
    struct sockaddr_un returned = {0};
    socklen_t returned_length = sizeof returned;
    if (getsockname(fd, (struct sockaddr *)&returned, &returned_length) == 0)
        obs_evidence_bool("getsockname_abstract", returned_length == length && returned.sun_path[0] == '\0');
    int listed = listed_in_proc_net_unix(name);
    if (listed >= 0) obs_evidence_bool("listed_in_proc_net_unix", listed);
    obs_emit();
}

static void abstract_free_after_close(int argc, char **argv) {
    (void)argc, (void)argv;
    struct sockaddr_un address;
    socklen_t length = unix_abstract_address(&address, ABSTRACT_TAG);
    int first = unix_socket(SOCK_DGRAM);
    if (bind(first, (struct sockaddr *)&address, length) != 0)
        probe_fail("bind abstract: %s", strerror(errno));
    /* A duplicate descriptor is a second reference: closing the original does not free the name. */
    int copy = dup(first);
    close(first);
    int second = unix_socket(SOCK_DGRAM);
    int while_referenced = bind(second, (struct sockaddr *)&address, length);
    obs_evidence_str("bind_while_referenced", while_referenced == 0 ? "bound" : errno_name(errno));
    if (while_referenced != 0) {
        close(copy);
        int result = bind(second, (struct sockaddr *)&address, length);
        obs_value_int(result);
        obs_errno(result < 0 ? errno : 0);
    }
    obs_emit();
}

static void tell_identity_by_datagram(void *arg) {
    bool *drop = arg;
    unix_become_distinct_peer(*drop);
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, RECEIVER);
    int fd = unix_socket(SOCK_DGRAM);
    struct unix_identity self = unix_own_identity();
    /* No SCM_CREDENTIALS is attached: the kernel must fill in the sender's own pid, uid and gid. */
    if (sendto(fd, &self, sizeof self, 0, (struct sockaddr *)&address, length) != sizeof self) _exit(1);
}

static void sender_credentials(int argc, char **argv) {
    if (argc < 1) probe_usage("sender-credentials needs FIELD (pid, uid or gid)");
    const char *field = argv[0];
    unix_identity_field(unix_own_identity(), field); /* rejects an unknown FIELD up front */
    int receiver = unix_listener(SOCK_DGRAM, RECEIVER, 0);
    int on = 1;
    if (setsockopt(receiver, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0)
        probe_fail("SO_PASSCRED: %s", strerror(errno));
    struct timeval patience = {.tv_sec = 3}; /* a sender that never sends breaks the probe, not the run */
    setsockopt(receiver, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    bool drop = unix_prepare_distinct_peer(RECEIVER);
    pid_t helper = spawn_helper(tell_identity_by_datagram, &drop);
    struct unix_identity truth = {0};
    char control[CMSG_SPACE(sizeof(struct ucred))] = {0};
    struct iovec payload = {.iov_base = &truth, .iov_len = sizeof truth};
    struct msghdr message = {
        .msg_iov = &payload, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t n = recvmsg(receiver, &message, 0);
    if (n != sizeof truth)
        probe_fail("the sender's datagram did not arrive: %s", n < 0 ? strerror(errno) : "short");
    reap(helper, NULL);
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    if (header && header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_CREDENTIALS) {
        struct ucred reported;
        memcpy(&reported, CMSG_DATA(header), sizeof reported);
        struct unix_identity kernel_says = {.pid = reported.pid, .uid = reported.uid, .gid = reported.gid};
        obs_value_int(unix_identity_field(kernel_says, field));
        unix_identity_evidence("reported", kernel_says);
    } else {
        obs_evidence_str("credentials", "absent");
    }
    unix_identity_evidence("peer", truth);
    unix_identity_evidence("observer", unix_own_identity());
    obs_evidence_bool("peer_changed_uid", drop);
    obs_emit();
}

/* Sends a datagram of `size` bytes and drains it again, so every attempt starts from an empty
 * buffer; returns whether it was accepted and stores the errno of a refusal. */
static bool datagram_fits(int fds[2], const char *data, size_t size, int *refused) {
    ssize_t n = send(fds[0], data, size, 0);
    if (n != (ssize_t)size) {
        *refused = n < 0 ? errno : EMSGSIZE;
        return false;
    }
    char byte;
    if (recv(fds[1], &byte, 1, MSG_TRUNC) < 0) probe_fail("recv: %s", strerror(errno));
    return true;
}

static void largest_datagram(int argc, char **argv) {
    long requested = arg_long(argc, argv, 0, DEFAULT_SNDBUF);
    int fds[2], refused = 0;
    unix_socketpair(SOCK_DGRAM | SOCK_NONBLOCK, fds);
    int sndbuf = unix_set_sndbuf(fds[0], requested);
    size_t ceiling = (size_t)sndbuf + 4096; /* well above any limit derived from SO_SNDBUF */
    char *data = calloc(1, ceiling);
    if (!data) probe_fail("out of memory");
    guard_arm();
    size_t accepted = 0, rejected = ceiling;
    if (datagram_fits(fds, data, ceiling, &refused)) accepted = ceiling;
    while (rejected - accepted > 1) { /* the largest size that fits, by bisection */
        size_t middle = accepted + (rejected - accepted) / 2;
        if (datagram_fits(fds, data, middle, &refused))
            accepted = middle;
        else
            rejected = middle;
    }
    if (accepted < ceiling)
        datagram_fits(fds, data, accepted + 1, &refused); /* errno of the first too large */
    guard_disarm();
    free(data);
    obs_value_int((int64_t)accepted);
    if (accepted < ceiling) obs_errno(refused);
    obs_evidence_int("requested_sndbuf", requested);
    obs_evidence_int("sndbuf", sndbuf);
    obs_evidence_int("sndbuf_less_overhead", sndbuf - 32);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("send-to-full-peer-blocks", send_to_full_peer_blocks,
               "fill a bound receiver's queue from a connected sender with 1-byte MSG_DONTWAIT sends, then "
               "a blocking send; a helper receives one datagram after delay_ms; value = bytes sent, "
               "elapsed_ns, delay_ns; evidence.queued_before_full, max_dgram_qlen",
               DELAY_PARAM),
    PROBE_CASE("send-to-full-peer-dontwait", send_to_full_peer_dontwait,
               "1-byte MSG_DONTWAIT sends from a connected sender to a bound receiver until one is refused; "
               "value = datagrams accepted, errno of the refused send (EAGAIN expected); "
               "evidence.max_dgram_qlen"),
    PROBE_CASE("connect-leftover-node", connect_leftover_node,
               "bind a datagram socket to a path and close it (the node stays); connect to the path; value "
               "= -1 or 0, errno (ECONNREFUSED expected); evidence.node"),
    PROBE_CASE("sendto-socket-connected-elsewhere", sendto_socket_connected_elsewhere,
               "a bound socket connected to a second bound socket; a third socket sendto()s the first; "
               "value = return, errno (EPERM expected)"),
    PROBE_CASE("sendto-missing-path", sendto_missing_path,
               "sendto a path where nothing exists; value = return, errno (ENOENT expected)"),
    PROBE_CASE("autobind", autobind,
               "bind(addrlen = sizeof(sa_family_t)); value = the name getsockname returns after its leading "
               "NUL byte; evidence.abstract, addrlen"),
    PROBE_CASE("recvfrom-names-sender", recvfrom_names_sender,
               "a socket bound to \"named-sender\" sends to one bound to \"named-receiver\"; value = the "
               "sun_path recvfrom reports; evidence.addrlen"),
    PROBE_CASE("zero-length-datagram", zero_length_datagram,
               "send 0 bytes over a datagram socketpair; value = recv(MSG_DONTWAIT) on the other end (0 = a "
               "zero-length datagram, -1/EAGAIN = nothing); evidence.next_receive"),
    PROBE_CASE("recv-dontwait-empty", recv_dontwait_empty,
               "recv(MSG_DONTWAIT) on an empty datagram socketpair; value = return, errno"),
    PROBE_CASE("forged-credentials", forged_credentials,
               "as uid 65534 (needs root), sendmsg with SCM_CREDENTIALS naming the probe's pid (not the "
               "sender's); value = return, errno (EPERM expected); evidence.uid, claimed_pid, sender_pid, "
               "own_pid_send (the same message with its own pid)"),
    PROBE_CASE("socketpair-both-ways", socketpair_both_ways,
               "socketpair(SOCK_DGRAM); \"ping\" from the first end to the second, \"pong\" back; value "
               "= true when both arrive whole; evidence.first_to_second, second_to_first"),
    PROBE_CASE("two-sends-one-recv", two_sends_one_recv,
               "socketpair(SOCK_DGRAM); send(\"abc\"), send(\"defg\"), one recv(64); value = bytes "
               "returned; evidence.data"),
    PROBE_CASE("truncated-flag", truncated_flag,
               "socketpair(SOCK_DGRAM); send a 10-byte datagram, then \"next\"; recvmsg with a 4-byte "
               "buffer; value = whether msg_flags has MSG_TRUNC; evidence.first_receive, datagram_size, "
               "buffer_size, next_receive (what the following receive returns)"),
    PROBE_CASE("recv-msg-trunc", recv_msg_trunc,
               "as truncated-flag, but recv(4-byte buffer, MSG_TRUNC); value = the length it returns; "
               "evidence.datagram_size, buffer_size, next_receive"),
    PROBE_CASE("order-preserved", order_preserved,
               "a child sends `messages` numbered datagrams of 4..1003 bytes over a socketpair; value = "
               "datagrams lost, out of order or of the wrong size (0 expected); evidence.messages, "
               "received",
               OPTIONAL_PARAM("messages", "datagrams to send (default 2000)")),
    PROBE_CASE("send-without-write-permission", send_without_write_permission,
               "needs root. Receiver node chmod 0755, temp dir 0711; a helper as uid 65534 sendto()s 1 "
               "byte to it; value = sendto's return, errno; then the node is chmod 0757 and the same uid "
               "tries again: evidence.with_write_permission (\"accepted\" or the errno)"),
    PROBE_CASE("abstract-no-node", abstract_no_node,
               "in the empty temp dir, bind a datagram socket to the abstract name "
               "\"\\0ipc-conformance-<pid>-abstract\"; value = entries in that directory afterwards; "
               "evidence.name, getsockname_abstract, listed_in_proc_net_unix (absent when /proc/net/unix "
               "is unreadable)"),
    PROBE_CASE("abstract-free-after-close", abstract_free_after_close,
               "bind an abstract name, dup the socket and close the original; a second socket binds the "
               "name (evidence.bind_while_referenced), then the duplicate is closed and it binds again; "
               "value = return of that bind, errno"),
    PROBE_CASE("sender-credentials", sender_credentials,
               "receiver bound in the temp dir with SO_PASSCRED; a helper (as uid/gid 65534 when run as "
               "root) sends its own getpid/getuid/getgid without ancillary data; value = `field` of the "
               "SCM_CREDENTIALS that arrived; evidence.peer_* (the helper's own word), reported_*, "
               "observer_*, peer_changed_uid",
               PARAM("field", "pid, uid or gid")),
    PROBE_CASE("largest-datagram", largest_datagram,
               "non-blocking socketpair(SOCK_DGRAM), SO_SNDBUF = bytes on the sender; bisect the largest "
               "datagram send accepts; value = that size, errno = errno of one byte more; "
               "evidence.requested_sndbuf, sndbuf (read back), sndbuf_less_overhead (sndbuf - 32)",
               OPTIONAL_PARAM("bytes", "SO_SNDBUF to set (default 16384)")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
