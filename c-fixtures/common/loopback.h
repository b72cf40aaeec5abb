/* Loopback-only TCP and UDP plumbing shared by tcp-probe and udp-probe. Every address made here is
 * 127.0.0.1 or ::1 and every port is ephemeral (bind port 0, then getsockname), so probes running
 * side by side never collide and nothing ever leaves the machine. */
#ifndef IPC_CONFORMANCE_LOOPBACK_H
#define IPC_CONFORMANCE_LOOPBACK_H

#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

typedef enum { LOOPBACK_IPV4, LOOPBACK_IPV6 } loopback_family;

/* Argument `index` as "ipv4" (the default when absent) or "ipv6"; anything else is a usage error. */
loopback_family loopback_family_arg(int argc, char **argv, int index);
/* "127.0.0.1" or "::1". */
const char *loopback_host(loopback_family family);

/* A step before the call under test failed (IPv6 loopback missing, a runtime without some call):
 * that is the observation — its errno, evidence.failed_step — emitted with exit status 0. */
_Noreturn void loopback_setup_failed(const char *step, int err);

/* socket(AF_INET or AF_INET6, type | SOCK_CLOEXEC, 0), or loopback_setup_failed. */
int loopback_socket(loopback_family family, int type);
/* bind/connect to the loopback address of family at `port` (host order); the call's own result,
 * errno untouched, because several cases observe exactly these calls. */
int loopback_bind(int fd, loopback_family family, uint16_t port);
int loopback_connect(int fd, loopback_family family, uint16_t port);
/* The local port of a bound socket (getsockname), or the probe fails. */
uint16_t loopback_port_of(int fd);
/* setsockopt(level, option, 1), or loopback_setup_failed naming `step`. */
void loopback_enable(int fd, int level, int option, const char *step);

/* A socket of `type` bound to an ephemeral loopback port, with `reuse_option` (0, SO_REUSEADDR or
 * SO_REUSEPORT) set before bind; a failed bind is loopback_setup_failed ("bind ::1" etc.). */
int loopback_bound(loopback_family family, int type, int reuse_option);
/* loopback_bound(SOCK_STREAM) that also listens. */
int loopback_listener(loopback_family family, int reuse_option);
/* A connected TCP pair over loopback: `client` connect()ed, `server` accept()ed from a listener that
 * is closed again; when `listener_option` is non-zero it was set on that listener first. */
void loopback_tcp_pair(loopback_family family, int listener_option, int *client, int *server);

/* Waits at most timeout_ms for `events` on fd; returns the revents seen (0 on timeout). */
short loopback_wait(int fd, short events, int timeout_ms);

/* The blocking observation of a receive: a helper sends one byte on `sender` after delay_ns while
 * the probe is in recv(receiver); value = bytes received, elapsed_ns, delay_ns (PROTOCOL.md). */
void loopback_observe_blocking_recv(int receiver, int sender, int64_t delay_ns);

/* The byte at offset i of the known stream the ordering cases send: a period of 251 (prime), so
 * that chunks moved, dropped or repeated anywhere in the stream show up as misplaced bytes. */
static inline unsigned char loopback_stream_byte(uint64_t i) { return (unsigned char)(i % 251); }

#endif
