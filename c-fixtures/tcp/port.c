/* tcp-probe cases about ports (socket(7) SO_REUSEADDR/SO_REUSEPORT, connect(2), tcp(7)): who may
 * bind or reach a loopback port, and what a connection that ended leaves on it. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/loopback.h"
#include "common/probe.h"
#include "cases.h"

/* The socket option a case argument names: "plain" (none), "reuseaddr" or, where allowed, "reuseport". */
static int reuse_option_arg(int argc, char **argv, int index, bool reuseport_allowed) {
    const char *mode = index < argc ? argv[index] : "plain";
    if (strcmp(mode, "plain") == 0) return 0;
    if (strcmp(mode, "reuseaddr") == 0) return SO_REUSEADDR;
    if (reuseport_allowed && strcmp(mode, "reuseport") == 0) return SO_REUSEPORT;
    probe_usage("mode '%s' is not one of plain, reuseaddr%s", mode, reuseport_allowed ? ", reuseport" : "");
}

static const char *option_name(int option) {
    return option == SO_REUSEADDR ? "SO_REUSEADDR" : option == SO_REUSEPORT ? "SO_REUSEPORT" : "none";
}

void tcp_connect_no_listener(int argc, char **argv) {
    loopback_family family = loopback_family_arg(argc, argv, 0);
    /* The port stays bound but never listens: nobody accepts on it, and no concurrent probe can be
     * handed the same ephemeral port meanwhile (as could happen to a port that was closed). */
    int holder = loopback_bound(family, SOCK_STREAM, 0);
    uint16_t port = loopback_port_of(holder);
    int client = loopback_socket(family, SOCK_STREAM);
    guard_arm();
    int result = loopback_connect(client, family, port);
    int err = errno;
    guard_disarm();
    obs_value_int(result);
    obs_errno(result != 0 ? err : 0);
    obs_evidence_int("port", port);
    obs_evidence_str("address", loopback_host(family));
    obs_emit();
}

/* Whether /proc/net/tcp lists a TIME_WAIT (state 06) socket on local `port`: 1, 0, or -1 when the
 * table cannot be read (then the case goes on without this evidence). */
static int time_wait_listed(uint16_t port) {
    FILE *table = fopen("/proc/net/tcp", "r");
    if (!table) return -1;
    char line[512];
    int found = 0;
    while (!found && fgets(line, sizeof line, table)) {
        unsigned local_port, state;
        if (sscanf(line, " %*d: %*[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x", &local_port, &state) == 2)
            found = local_port == port && state == 0x06;
    }
    fclose(table);
    return found;
}

void tcp_rebind_time_wait(int argc, char **argv) {
    int new_option = reuse_option_arg(argc, argv, 0, false);
    /* The server sets SO_REUSEADDR, as a server that expects restarts does: Linux lets a new socket
     * bind over a TIME_WAIT connection only when both of them carry the option. */
    int client, server;
    loopback_tcp_pair(LOOPBACK_IPV4, SO_REUSEADDR, &client, &server);
    uint16_t port = loopback_port_of(server); /* the accepted socket sits on the listener's port */
    /* The server closes first (the active close), so its end of the connection enters TIME_WAIT
     * once the client has seen the FIN and closed too. The listener is already closed. */
    close(server);
    char byte;
    loopback_wait(client, POLLIN, 1000);
    guard_arm();
    ssize_t client_read = recv(client, &byte, 1, 0);
    guard_disarm();
    close(client);
    int listed = time_wait_listed(port);
    for (int tries = 0; listed == 0 && tries < 100; tries++) {
        sleep_ns(10000000);
        listed = time_wait_listed(port);
    }
    if (listed < 0) sleep_ns(100000000); /* no table to look at: give the last ACK time to land */

    int fresh = loopback_socket(LOOPBACK_IPV4, SOCK_STREAM);
    if (new_option) loopback_enable(fresh, SOL_SOCKET, new_option, "SO_REUSEADDR");
    int result = loopback_bind(fresh, LOOPBACK_IPV4, port);
    int err = errno;
    obs_value_int(result);
    obs_errno(result != 0 ? err : 0);
    obs_evidence_int("port", port);
    obs_evidence_int("client_read_after_close", client_read);
    if (listed >= 0) obs_evidence_bool("time_wait_listed", listed == 1);
    obs_evidence_str("new_socket_option", option_name(new_option));
    obs_emit();
}

void tcp_second_listener(int argc, char **argv) {
    int option = reuse_option_arg(argc, argv, 0, true);
    int first = loopback_listener(LOOPBACK_IPV4, option);
    uint16_t port = loopback_port_of(first);
    int second = loopback_socket(LOOPBACK_IPV4, SOCK_STREAM);
    if (option) loopback_enable(second, SOL_SOCKET, option, option_name(option));
    /* The second socket must get as far as listening: bind, then listen; the first refusal is the
     * observation, and evidence.refused_by says which call it was. */
    const char *refused_by = "none";
    int result = loopback_bind(second, LOOPBACK_IPV4, port);
    if (result != 0)
        refused_by = "bind";
    else if ((result = listen(second, 4)) != 0)
        refused_by = "listen";
    int err = errno;
    obs_value_int(result);
    obs_errno(result != 0 ? err : 0);
    obs_evidence_int("port", port);
    obs_evidence_str("refused_by", refused_by);
    obs_evidence_str("option_on_both", option_name(option));
    obs_emit();
}
