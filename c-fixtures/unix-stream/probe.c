/* unix-stream-probe: observes UNIX-domain stream sockets (unix(7), socket(7), socketpair(2)). One
 * case per run; c-fixtures/cases/unix_stream.json says what each case observes. The cases about
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

#define DEFAULT_SNDBUF 16384

static bool exchange(int from, int to, const char *text) {
    char received[16] = {0};
    size_t length = strlen(text);
    return send(from, text, length, 0) == (ssize_t)length && read_full(to, received, length) == (ssize_t)length &&
           strcmp(received, text) == 0;
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
    {"connected-both-ways", connected_both_ways},
    {"two-sends-one-recv", two_sends_one_recv},
    {"eof-after-peer-closed", eof_after_peer_closed},
    {"sigpipe-after-peer-closed", sigpipe_after_peer_closed},
    {"epipe-after-peer-closed", epipe_after_peer_closed},
    {"nosignal-after-peer-closed", nosignal_after_peer_closed},
    {"connect-full-backlog-blocks", connect_full_backlog_blocks},
    {"connect-full-backlog-nonblocking", connect_full_backlog_nonblocking},
    {"sndbuf-doubled", sndbuf_doubled},
    {"fill-nonblocking", fill_nonblocking_case},
    UNIX_STREAM_NAME_CASES,
    UNIX_STREAM_KIN_CASES,
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
