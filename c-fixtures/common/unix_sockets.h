/* UNIX-domain socket primitives, and the observations that more than one socket type shares
 * (unix(7)). The unix_stream, unix_dgram and unix_seqpacket probes call these with their own
 * type; each probe's case list says which of the rules its type is documented to follow.
 * Primitives live in unix_sockets.c, the shared observations in unix_socket_observations.c. */
#ifndef IPC_CONFORMANCE_UNIX_SOCKETS_H
#define IPC_CONFORMANCE_UNIX_SOCKETS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

/* ---- sockets and addresses ------------------------------------------------------------------ */
/* socket(AF_UNIX, type | SOCK_CLOEXEC, 0) / socketpair(...), or the probe fails. */
int unix_socket(int type);
void unix_socketpair(int type, int fds[2]);
/* Fills a pathname address; returns the addrlen covering the path and its NUL. */
socklen_t unix_path_address(struct sockaddr_un *address, const char *path);
/* Fills an abstract address "\0ipc-conformance-<pid>-<tag>"; the addrlen covers exactly the name. */
socklen_t unix_abstract_address(struct sockaddr_un *address, const char *tag);
/* Makes probe_tmpdir() the working directory. Socket nodes are bound and reached by bare names
 * inside it, so however long the runner's TMPDIR is, it never counts against sun_path's 108 bytes;
 * helpers inherit the directory across fork and exec. */
void unix_enter_probe_directory(void);
/* A socket of `type` bound to `name` in the probe's directory (entered first; the node is
 * registered for cleanup before bind); stream and seqpacket sockets also listen with `backlog`. */
int unix_listener(int type, const char *name, int backlog);
/* A new socket of `type` (plus SOCK_NONBLOCK etc. in `flags`) connected to path (relative to the
 * working directory); or -1 with errno set and nothing left open. */
int unix_connect_to(int type, int flags, const char *path);
/* Sets SO_SNDBUF to `requested`; returns what getsockopt reads back (the probe fails otherwise). */
int unix_set_sndbuf(int fd, long requested);
/* "socket", "fifo", "regular", "directory", "other" for a stat mode; "absent" for a failed lstat. */
const char *unix_node_type(const char *path);

/* ---- descriptors and identities ------------------------------------------------------------- */
/* Sends `fd` with SCM_RIGHTS, carried by one data byte (stream sockets need one). */
bool unix_send_fd(int socket, int fd);
/* The descriptor that arrived with SCM_RIGHTS, or -1. */
int unix_receive_fd(int socket);

/* Who a process really is, as it says itself: the truth kernel-reported credentials must match. */
struct unix_identity {
    int64_t pid, uid, gid;
};
struct unix_identity unix_own_identity(void);
/* The member named "pid", "uid" or "gid" (a usage error otherwise). */
int64_t unix_identity_field(struct unix_identity identity, const char *field);
void unix_identity_evidence(const char *prefix, struct unix_identity identity); /* PREFIX_pid … */
/* The unprivileged user the probes act as when they need a second uid. */
#define UNIX_OTHER_UID 65534

/* A probe run as root lets its peer become uid/gid 65534, so that credentials reported by the
 * kernel cannot equal the observer's own by accident. `name` is a node in probe_tmpdir(): the
 * directory becomes 0711 and the node gets the write permission connect/sendto need (0602). The
 * peer enters the directory and uses the bare name, so the runner's TMPDIR above it may stay
 * private. Returns whether the peer will drop. */
bool unix_prepare_distinct_peer(const char *name);
void unix_become_distinct_peer(bool drop); /* in the peer, after fork: chdir, then maybe drop */

/* What a call returned, and its errno. */
struct unix_attempt {
    int64_t result;
    int err;
};
/* What connect (stream, seqpacket) or a one-byte sendto (dgram) to the node `name` in
 * probe_tmpdir() gave to uid 65534 (the caller makes the directory traversable). */
struct unix_attempt unix_attempt_as_other_uid(int type, const char *name);

/* ---- observations shared by several types ---------------------------------------------------- */
/* uid 65534 reaches a node of mode 0755 (value/errno of connect or sendto), then, for contrast,
 * the same node with the write bit for others added (evidence.with_write_permission). */
void unix_observe_write_permission_needed(int type);

/* send "abc", send "defg", one recv(64): value = bytes it returned. */
void unix_observe_two_sends_one_recv(int type);

/* A 10-byte message, then "next", received with a 4-byte buffer in one of three ways. */
typedef enum {
    RECEIVE_WITH_MSG_TRUNC, /* recv(MSG_TRUNC): value = the length it returns */
    RECEIVE_FLAGS,          /* recvmsg: value = whether msg_flags has MSG_TRUNC */
    RECEIVE_THEN_NEXT,      /* read(4), then read: value = what the second read returns */
} short_receive;
void unix_observe_short_receive(int type, short_receive how);

/* A child sends one byte and exits; value = the parent's second read (0 = EOF). */
void unix_observe_eof_after_peer_closed(int type);

typedef enum { PEER_GONE_SIGPIPE_DEFAULT, PEER_GONE_SIGPIPE_IGNORED, PEER_GONE_MSG_NOSIGNAL } peer_gone_write;
/* A child sends one byte to a socket whose peer is closed: value/errno of send, signal that ended it. */
void unix_observe_write_after_peer_closed(int type, peer_gone_write how);

/* Fills a listener's backlog with non-blocking connects, then connects once more: non-blocking
 * (value/errno of connect) or blocking while a helper accepts one connection after delay_ns. */
void unix_observe_connect_to_full_backlog(int type, bool nonblocking, int64_t delay_ns);

/* A child sends `messages` numbered messages of varying sizes; value = lost + out of order. */
void unix_observe_order(int type, long messages);

#endif
