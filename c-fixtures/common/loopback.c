/* Loopback-only socket plumbing of the TCP and UDP probes; see loopback.h. */
#include "loopback.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe.h"

loopback_family loopback_family_arg(int argc, char **argv, int index) {
    if (index >= argc || strcmp(argv[index], "ipv4") == 0) return LOOPBACK_IPV4;
    if (strcmp(argv[index], "ipv6") == 0) return LOOPBACK_IPV6;
    probe_usage("family '%s' is neither ipv4 nor ipv6", argv[index]);
}

const char *loopback_host(loopback_family family) { return family == LOOPBACK_IPV6 ? "::1" : "127.0.0.1"; }

void loopback_setup_failed(const char *step, int err) {
    obs_errno(err);
    obs_evidence_str("failed_step", step);
    obs_emit();
    exit(0);
}

int loopback_socket(loopback_family family, int type) {
    int fd = socket(family == LOOPBACK_IPV6 ? AF_INET6 : AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0) loopback_setup_failed(family == LOOPBACK_IPV6 ? "socket AF_INET6" : "socket AF_INET", errno);
    return fd;
}

/* The loopback address of family at port; the only addresses this file ever builds. */
static socklen_t loopback_address(loopback_family family, uint16_t port, struct sockaddr_storage *address) {
    memset(address, 0, sizeof *address);
    if (family == LOOPBACK_IPV6) {
        struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)address;
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        v6->sin6_addr = in6addr_loopback;
        return sizeof *v6;
    }
    struct sockaddr_in *v4 = (struct sockaddr_in *)address;
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sizeof *v4;
}

int loopback_bind(int fd, loopback_family family, uint16_t port) {
    struct sockaddr_storage address;
    socklen_t length = loopback_address(family, port, &address);
    return bind(fd, (struct sockaddr *)&address, length);
}

int loopback_connect(int fd, loopback_family family, uint16_t port) {
    struct sockaddr_storage address;
    socklen_t length = loopback_address(family, port, &address);
    return connect(fd, (struct sockaddr *)&address, length);
}

uint16_t loopback_port_of(int fd) {
    struct sockaddr_storage address;
    socklen_t length = sizeof address;
    if (getsockname(fd, (struct sockaddr *)&address, &length) != 0)
        probe_fail("getsockname: %s", strerror(errno));
    if (address.ss_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)&address)->sin6_port);
    return ntohs(((struct sockaddr_in *)&address)->sin_port);
}

void loopback_enable(int fd, int level, int option, const char *step) {
    int on = 1;
    if (setsockopt(fd, level, option, &on, sizeof on) != 0) loopback_setup_failed(step, errno);
}

/* Why ::1 may be missing: the loopback interface's disable_ipv6 switch, as evidence when readable. */
static void record_lo_disable_ipv6(void) {
    FILE *file = fopen("/proc/sys/net/ipv6/conf/lo/disable_ipv6", "r");
    long value;
    if (!file) return;
    if (fscanf(file, "%ld", &value) == 1) obs_evidence_int("lo_disable_ipv6", value);
    fclose(file);
}

int loopback_bound(loopback_family family, int type, int reuse_option) {
    int fd = loopback_socket(family, type);
    if (reuse_option)
        loopback_enable(fd, SOL_SOCKET, reuse_option,
                        reuse_option == SO_REUSEPORT ? "SO_REUSEPORT" : "SO_REUSEADDR");
    /* Port 0: the kernel picks a free ephemeral port, so concurrent probes never collide. A missing
     * ::1 (IPv6 off in this environment) ends here with EADDRNOTAVAIL as the observation. */
    if (loopback_bind(fd, family, 0) != 0) {
        int err = errno;
        if (family == LOOPBACK_IPV6) record_lo_disable_ipv6();
        loopback_setup_failed(family == LOOPBACK_IPV6 ? "bind ::1" : "bind 127.0.0.1", err);
    }
    return fd;
}

int loopback_listener(loopback_family family, int reuse_option) {
    int fd = loopback_bound(family, SOCK_STREAM, reuse_option);
    if (listen(fd, 4) != 0) loopback_setup_failed("listen", errno);
    return fd;
}

void loopback_tcp_pair(loopback_family family, int listener_option, int *client, int *server) {
    int listener = loopback_listener(family, listener_option);
    *client = loopback_socket(family, SOCK_STREAM);
    /* Both calls complete at once on loopback (the handshake finishes in the kernel's backlog);
     * the guard turns a runtime that hangs here into an EINTR observation instead of a timeout. */
    guard_arm();
    if (loopback_connect(*client, family, loopback_port_of(listener)) != 0)
        loopback_setup_failed("connect", errno);
    *server = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    int err = errno;
    guard_disarm();
    if (*server < 0) loopback_setup_failed("accept", err);
    close(listener);
}

short loopback_wait(int fd, short events, int timeout_ms) {
    struct pollfd watched = {.fd = fd, .events = events};
    int64_t deadline = monotonic_ns() + (int64_t)timeout_ms * 1000000;
    for (;;) {
        int left_ms = (int)((deadline - monotonic_ns()) / 1000000);
        int ready = poll(&watched, 1, left_ms > 0 ? left_ms : 0);
        if (ready > 0) return watched.revents;
        if (ready == 0 || errno != EINTR || left_ms <= 0) return 0;
    }
}

struct delayed_send {
    int fd;
    int64_t delay_ns;
};

static void send_byte_after_delay(void *arg) {
    struct delayed_send *job = arg;
    sleep_ns(job->delay_ns);
    if (send(job->fd, "x", 1, MSG_NOSIGNAL) != 1) _exit(1);
}

void loopback_observe_blocking_recv(int receiver, int sender, int64_t delay_ns) {
    struct delayed_send job = {.fd = sender, .delay_ns = delay_ns};
    char byte;
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(send_byte_after_delay, &job);
    ssize_t n = recv(receiver, &byte, 1, 0);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    if (reap(helper, NULL) != 0) probe_fail("the sending helper failed");
    obs_value_int(n);
    obs_errno(n < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(delay_ns);
}
