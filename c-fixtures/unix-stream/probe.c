/* unix-stream-probe: observes UNIX-domain stream sockets (unix(7), socket(7), socketpair(2)). One
 * case per run; the case table below says what each case observes. The cases about
 * names live in names.c, those about peers in kin.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/streams.h"
#include "common/unix_sockets.h"
#include "cases.h"
#include "edges.h"

#define DEFAULT_SNDBUF 16384

static bool exchange(int from, int to, const char *text) {
    char received[16] = {0};
    size_t length = strlen(text);
    return send(from, text, length, 0) == (ssize_t)length &&
           read_full(to, received, length) == (ssize_t)length && strcmp(received, text) == 0;
}

static void connected_both_ways(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = "listener";
    int listener = unix_listener(SOCK_STREAM, path, 1);
    int client = unix_connect_to(SOCK_STREAM, 0, path);
    if (client < 0) probe_fail("connect: %s", strerror(errno));
    int server = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (server < 0) probe_fail("accept: %s", strerror(errno));
    guard_arm();
    bool client_to_server = exchange(client, server, "ping");
    bool server_to_client = exchange(server, client, "pong");
    guard_disarm();
    obs_value_bool(client_to_server && server_to_client);
    obs_evidence_bool("client_to_server", client_to_server);
    obs_evidence_bool("server_to_client", server_to_client);
    obs_emit();
}

static void two_sends_one_recv(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_two_sends_one_recv(SOCK_STREAM);
    obs_emit();
}

static void eof_after_peer_closed(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_eof_after_peer_closed(SOCK_STREAM);
    obs_emit();
}

static void sigpipe_after_peer_closed(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_write_after_peer_closed(SOCK_STREAM, PEER_GONE_SIGPIPE_DEFAULT);
    obs_emit();
}

static void epipe_after_peer_closed(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_write_after_peer_closed(SOCK_STREAM, PEER_GONE_SIGPIPE_IGNORED);
    obs_emit();
}

static void nosignal_after_peer_closed(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_write_after_peer_closed(SOCK_STREAM, PEER_GONE_MSG_NOSIGNAL);
    obs_emit();
}

static void connect_full_backlog_blocks(int argc, char **argv) {
    unix_observe_connect_to_full_backlog(SOCK_STREAM, false, arg_delay_ns(argc, argv, 0));
    obs_emit();
}

static void connect_full_backlog_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_connect_to_full_backlog(SOCK_STREAM, true, 0);
    obs_emit();
}

static void sndbuf_doubled(int argc, char **argv) {
    long requested = arg_long(argc, argv, 0, DEFAULT_SNDBUF);
    int fd = unix_socket(SOCK_STREAM);
    obs_value_int(unix_set_sndbuf(fd, requested));
    obs_evidence_int("requested", requested);
    FILE *limit = fopen("/proc/sys/net/core/wmem_max", "r");
    long wmem_max = -1;
    if (limit) {
        if (fscanf(limit, "%ld", &wmem_max) != 1) wmem_max = -1;
        fclose(limit);
    }
    obs_evidence_int("wmem_max", wmem_max);
    obs_emit();
}

static void fill_nonblocking_case(int argc, char **argv) {
    long requested = arg_long(argc, argv, 0, DEFAULT_SNDBUF);
    int fds[2], refused = 0;
    unix_socketpair(SOCK_STREAM | SOCK_NONBLOCK, fds);
    int sndbuf = unix_set_sndbuf(fds[0], requested);
    obs_value_int(fill_nonblocking(fds[0], &refused));
    obs_errno(refused);
    obs_evidence_int("requested_sndbuf", requested);
    obs_evidence_int("sndbuf", sndbuf);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("connected-both-ways", connected_both_ways,
               "bind+listen a stream socket in the temp dir, connect to it and accept; the client sends "
               "\"ping\", the accepted socket answers \"pong\"; value = true when both arrive; "
               "evidence.client_to_server, server_to_client"),
    PROBE_CASE("two-sends-one-recv", two_sends_one_recv,
               "socketpair(SOCK_STREAM); send(\"abc\"), send(\"defg\"), one recv(64); value = bytes "
               "returned; evidence.data"),
    PROBE_CASE("eof-after-peer-closed", eof_after_peer_closed,
               "socketpair; a child sends 1 byte on its end and exits, the parent closes its copy of "
               "that end, reads the byte and reads again; value = return of the second recv (0 = EOF); "
               "evidence.first_receive"),
    PROBE_CASE("sigpipe-after-peer-closed", sigpipe_after_peer_closed,
               "socketpair, one end closed; a child with SIGPIPE at SIG_DFL sends 1 byte on the other; "
               "signal = what ended the child; value/errno = send's result when it survived"),
    PROBE_CASE("epipe-after-peer-closed", epipe_after_peer_closed,
               "as sigpipe-after-peer-closed with SIGPIPE ignored; value = send's return, errno (EPIPE "
               "expected)"),
    PROBE_CASE("nosignal-after-peer-closed", nosignal_after_peer_closed,
               "as sigpipe-after-peer-closed (SIGPIPE at SIG_DFL) but send(MSG_NOSIGNAL); value = send's "
               "return, errno, signal (null expected)"),
    PROBE_CASE("connect-full-backlog-blocks", connect_full_backlog_blocks,
               "listener with backlog 1 filled by non-blocking connects until EAGAIN; a blocking connect "
               "while a helper accepts one connection after delay_ms; value = connect's return, "
               "elapsed_ns, delay_ns; evidence.backlog, queued_before_full",
               DELAY_PARAM),
    PROBE_CASE("connect-full-backlog-nonblocking", connect_full_backlog_nonblocking,
               "listener with backlog 1 filled by non-blocking connects until EAGAIN, then one more "
               "non-blocking connect; value = its return, errno; evidence.backlog, queued_before_full"),
    PROBE_CASE("sndbuf-doubled", sndbuf_doubled,
               "setsockopt(SO_SNDBUF, bytes) on a stream socket; value = getsockopt(SO_SNDBUF); "
               "evidence.requested, wmem_max (-1 when unreadable)",
               OPTIONAL_PARAM("bytes", "SO_SNDBUF to set (default 16384)")),
    PROBE_CASE("fill-nonblocking", fill_nonblocking_case,
               "non-blocking socketpair, SO_SNDBUF = bytes on the writer; write 4096-byte chunks until "
               "EAGAIN, then 1-byte writes until EAGAIN; value = bytes accepted, errno of the final "
               "write; evidence.requested_sndbuf, sndbuf (read back)",
               OPTIONAL_PARAM("bytes", "SO_SNDBUF to set (default 16384)")),
    PROBE_CASE("node-type", node_type,
               "bind+listen a stream socket to a path in the temp dir; value = the type lstat reports "
               "for the path (\"socket\", \"fifo\", \"regular\", \"directory\", \"other\", \"absent\")"),
    PROBE_CASE("node-mode", node_mode,
               "bind a stream socket to a path under that umask; value = the node's permission bits as 4 "
               "octal digits; evidence.umask",
               PARAM("umask", "the umask, in octal (077)")),
    PROBE_CASE("connect-without-write-permission", connect_without_write_permission,
               "needs root. Listener node chmod 0755, temp dir 0711; a helper as uid 65534 connects; "
               "value = connect's return, errno; then the node is chmod 0757 and the same uid tries "
               "again: evidence.with_write_permission (\"accepted\" or the errno)"),
    PROBE_CASE("node-after-close", node_after_close,
               "bind+listen to a path, close the socket; value = the type lstat then reports; "
               "evidence.after_unlink = the type after unlink"),
    PROBE_CASE("bind-leftover-node", bind_leftover_node,
               "bind+listen to a path, close; a new stream socket binds the same path; value = bind's "
               "return, errno; evidence.bind_after_unlink = result of binding again once the node is "
               "unlinked"),
    PROBE_CASE("connect-leftover-node", connect_leftover_node,
               "bind+listen to a path, close; connect to the path; value = connect's return, errno; "
               "evidence.node_type"),
    PROBE_CASE("sun-path-108", sun_path_108,
               "in the temp dir, bind to a relative name filling all 108 bytes of sun_path (no NUL) with "
               "addrlen = sizeof(struct sockaddr_un); value = length of the name getsockname returns (or "
               "-1 and errno); evidence.getsockname_addrlen, sun_path_size, node_type"),
    PROBE_CASE("sun-path-too-long", sun_path_too_long,
               "in the temp dir, bind to a 109-byte name with addrlen = sizeof(struct sockaddr_un) + 1; "
               "value = bind's return, errno; evidence.addrlen, sizeof_sockaddr_un, node_type"),
    PROBE_CASE("socketpair-parent-child", socketpair_parent_child,
               "socketpair(SOCK_STREAM); fork; the child sends \"from-child\" and expects "
               "\"from-parent\" back (exit 0 when it gets it); value = true when the parent got "
               "\"from-child\" and the child exited 0; evidence.parent_received, child_status"),
    PROBE_CASE("scm-rights-to-unrelated", scm_rights_to_unrelated,
               "memfd_create(MFD_CLOEXEC); a helper re-executed through /proc/self/exe (setsid) connects "
               "to a listener in the temp dir, receives the memfd by SCM_RIGHTS and writes a message "
               "into it; value = true when the parent reads that message from its memfd; "
               "evidence.received, helper_status"),
    PROBE_CASE(
        "shutdown-write-gives-peer-eof", shutdown_write_gives_peer_eof,
        "socketpair(SOCK_STREAM); shutdown(first, SHUT_WR); recv(second, 1) under a 1 s guard; value = "
        "its return (0 = EOF), errno; evidence.reverse_direction_open"),
    PROBE_CASE("connect-not-listening", connect_not_listening,
               "bind a stream socket to a path, no listen(), socket kept open; connect to the path; value = "
               "-1 or 0, errno (ECONNREFUSED expected)"),
    PROBE_CASE("close-listener-resets-pending", close_listener_resets_pending,
               "a client connects to a listener (backlog 4) that never accepts; the listener is closed; "
               "recv(client, 1); value = return, errno (ECONNRESET expected)"),
    PROBE_CASE("socketpair-peercred", socketpair_peercred,
               "SO_PEERCRED on one end of a socketpair; value = true when pid, uid and gid are the "
               "probe's own; evidence.peer_*, own_*"),
    PROBE_CASE("scm-rights-survives-sender-close", scm_rights_survives_sender_close,
               "send a pipe's write end with SCM_RIGHTS over a socketpair, close the sender's copy, "
               "receive it, write \"alive\" through it; value = true when the pipe delivers it; "
               "evidence.descriptors_received"),
    PROBE_CASE("msg-ctrunc", msg_ctrunc,
               "send four descriptors in one SCM_RIGHTS message, recvmsg with CMSG_SPACE(sizeof(int)) of "
               "control room; value = "
               "whether msg_flags has MSG_CTRUNC; evidence.descriptors_sent, descriptors_received, "
               "control_room"),
    PROBE_CASE("ctrunc-dropped-descriptor-is-closed", ctrunc_dropped_descriptor_is_closed,
               "send a pipe's write end with SCM_RIGHTS and close the sender's copy; recvmsg with no "
               "control buffer; value = a non-blocking read of the pipe (0 = EOF: the dropped descriptor "
               "was closed; -1/EAGAIN: it leaked); evidence.msg_ctrunc"),
    PROBE_CASE("cmsg-cloexec", cmsg_cloexec,
               "receive a descriptor passed with SCM_RIGHTS with MSG_CMSG_CLOEXEC; value = whether it has "
               "FD_CLOEXEC; evidence.cloexec_without_flag (one received without the flag)"),
    PROBE_CASE("names", socket_names,
               "a client connected to a listener bound to \"named-listener\"; value = sun_path returned by "
               "getsockname(listener) (listener-own), getpeername(client) (client-peer) or "
               "getpeername(accepted) (server-peer, \"\" when unnamed); evidence.addrlen, bound",
               PARAM("which", "listener-own, client-peer or server-peer")),
    PROBE_CASE("server-peer-addrlen", server_peer_addrlen,
               "accept4 a connection from an unbound client; value = the address length accept returned; "
               "evidence.sizeof_sa_family_t"),
    PROBE_CASE("socketpair-inet", socketpair_inet,
               "socketpair(AF_INET, SOCK_STREAM, 0); value = return, errno (EOPNOTSUPP expected)"),
    PROBE_CASE("recv-dontwait-empty", recv_dontwait_empty,
               "recv(MSG_DONTWAIT) on an empty, open stream socketpair; value = return, errno"),
    PROBE_CASE("siocinq", siocinq,
               "send 123 bytes over a stream socketpair; value = ioctl(SIOCINQ) on the other end; "
               "evidence.sent"),
    HELPER_CASE("helper-use-passed-fd", helper_use_passed_fd,
                PARAM("socket", "the UNIX socket that passes the descriptor")),
    PROBE_CASE("peer-credentials", peer_credentials,
               "a helper (as uid/gid 65534 when run as root) connects to a listener and sends its own "
               "getpid/getuid/getgid; value = `field` of getsockopt(SO_PEERCRED) on the accepted socket; "
               "evidence.peer_* (the helper's own word), reported_*, observer_*, peer_changed_uid",
               PARAM("field", "pid, uid or gid")),
    PROBE_CASE("peercred-across-pid-namespace", peercred_across_pid_namespace,
               "a helper listens in the parent namespace; the init (pid 1) of a PID namespace of the "
               "probe's own connects; value = the pid getsockopt(SO_PEERCRED) gives `reader` for the "
               "other side, errno; evidence.inside_pid_in_own_namespace, inside_pid_in_parent_namespace, "
               "outside_pid_in_parent_namespace",
               PARAM("reader", "outside (the listener's accepted socket) or inside (the init's socket)")),
    PROBE_CASE("scm-credentials-across-pid-namespace", scm_credentials_across_pid_namespace,
               "over a stream socketpair (SO_PASSCRED on both ends) between a helper in the parent "
               "namespace and the init (pid 1) of a PID namespace of the probe's own, `sender` sends "
               "one byte with SCM_CREDENTIALS holding its own getpid(); value = the pid the other side "
               "receives, errno of its recvmsg; evidence.send_errno, inside_pid_in_own_namespace, "
               "inside_pid_in_parent_namespace, outside_pid_in_parent_namespace",
               PARAM("sender", "inside (the init sends) or outside (the helper sends)")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
