/* Flow control and edges of UNIX datagram sockets (unix(7), socket(7), recv(2), send(2)): a
 * receiver whose queue is full holds senders back instead of dropping datagrams; who may send to
 * whom; the names the kernel gives and reports; and SCM_CREDENTIALS a sender may not forge. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/streams.h"
#include "common/unix_sockets.h"
#include "edges.h"

#define FULL_RECEIVER "full-receiver"
/* Far above any queue limit the sndbuf allows for 1-byte datagrams: reaching it means no refusal. */
#define FILL_LIMIT 10000

/* A receiver bound in the probe directory and a separate sender connected to it, with the
 * receiver's queue filled by one-byte datagrams sent with MSG_DONTWAIT; returns how many went
 * in and stores the errno of the refused one. A socketpair would not do: unix(7)'s queue limit
 * is that of a receiver other sockets send to. */
static long fill_receiver(int *receiver, int *sender, int *refused) {
    *receiver = unix_listener(SOCK_DGRAM, FULL_RECEIVER, 0);
    *sender = unix_connect_to(SOCK_DGRAM, 0, FULL_RECEIVER);
    if (*sender < 0) probe_fail("connect: %s", strerror(errno));
    long accepted = 0;
    *refused = 0;
    for (; accepted < FILL_LIMIT; accepted++)
        if (send(*sender, "x", 1, MSG_DONTWAIT) != 1) {
            *refused = errno;
            break;
        }
    /* Evidence only, so a runtime without the sysctl still gets its queue observed. */
    FILE *sysctl = fopen("/proc/sys/net/unix/max_dgram_qlen", "r");
    long qlen = -1;
    if (sysctl) {
        if (fscanf(sysctl, "%ld", &qlen) == 1) obs_evidence_int("max_dgram_qlen", qlen);
        fclose(sysctl);
    }
    obs_evidence_int("queued_before_full", accepted);
    return accepted;
}

static ssize_t send_one_byte(int fd) { return send(fd, "y", 1, 0); }

/* The helper's relief: after the delay, take one datagram off the full queue. */
static void receive_one_after_delay(void *arg) {
    struct delayed_io *io = arg;
    char byte;
    sleep_ns(io->delay_ns);
    if (recv(io->fd, &byte, 1, 0) != 1) _exit(1);
}

void send_to_full_peer_blocks(int argc, char **argv) {
    int receiver, sender, refused;
    fill_receiver(&receiver, &sender, &refused);
    /* A runtime that never refuses (it drops or queues without bound) is observed all the same:
     * the blocking send then returns before the helper relieves anything. */
    obs_evidence_str("fill_ended_with", refused ? errno_name(refused) : "no refusal");
    struct delayed_io io = {.fd = receiver, .delay_ns = arg_delay_ns(argc, argv, 0)};
    observe_blocking(receive_one_after_delay, &io, send_one_byte, sender);
    obs_emit();
}

void send_to_full_peer_dontwait(int argc, char **argv) {
    (void)argc, (void)argv;
    int receiver, sender, refused;
    long accepted = fill_receiver(&receiver, &sender, &refused);
    obs_value_int(accepted);
    obs_errno(refused);
    obs_emit();
}

void connect_leftover_node(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_enter_probe_directory();
    const char *name = "left-behind";
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, name);
    int bound = unix_socket(SOCK_DGRAM);
    cleanup_unlink_later(probe_path(name));
    if (bind(bound, (struct sockaddr *)&address, length) != 0) probe_fail("bind: %s", strerror(errno));
    close(bound); /* the node stays; nobody is bound behind it */
    int fd = unix_connect_to(SOCK_DGRAM, 0, name);
    int err = errno;
    obs_value_int(fd < 0 ? -1 : 0);
    obs_errno(fd < 0 ? err : 0);
    obs_evidence_str("node", unix_node_type(name));
    obs_emit();
}

void sendto_socket_connected_elsewhere(int argc, char **argv) {
    (void)argc, (void)argv;
    int target = unix_listener(SOCK_DGRAM, "target", 0);
    unix_listener(SOCK_DGRAM, "its-peer", 0);
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, "its-peer");
    if (connect(target, (struct sockaddr *)&address, length) != 0) probe_fail("connect: %s", strerror(errno));
    int outsider = unix_socket(SOCK_DGRAM);
    length = unix_path_address(&address, "target");
    ssize_t n = sendto(outsider, "x", 1, MSG_DONTWAIT, (struct sockaddr *)&address, length);
    report_io(n, errno);
    obs_evidence_str("target_connected_to", "its-peer");
    obs_emit();
}

void sendto_missing_path(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_enter_probe_directory();
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, "nobody-here");
    int fd = unix_socket(SOCK_DGRAM);
    ssize_t n = sendto(fd, "x", 1, MSG_DONTWAIT, (struct sockaddr *)&address, length);
    report_io(n, errno);
    obs_emit();
}

void autobind(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = unix_socket(SOCK_DGRAM);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (bind(fd, (struct sockaddr *)&address, sizeof(sa_family_t)) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    struct sockaddr_un name = {0};
    socklen_t length = sizeof name;
    if (getsockname(fd, (struct sockaddr *)&name, &length) != 0)
        probe_fail("getsockname: %s", strerror(errno));
    size_t name_length = length > sizeof(sa_family_t) + 1 ? length - sizeof(sa_family_t) - 1 : 0;
    char text[sizeof name.sun_path + 1] = {0};
    memcpy(text, name.sun_path + 1, name_length);
    obs_value_str(text);
    obs_evidence_bool("abstract", length > sizeof(sa_family_t) && name.sun_path[0] == '\0');
    obs_evidence_int("addrlen", length);
    obs_emit();
}

void recvfrom_names_sender(int argc, char **argv) {
    (void)argc, (void)argv;
    int receiver = unix_listener(SOCK_DGRAM, "named-receiver", 0);
    int sender = unix_listener(SOCK_DGRAM, "named-sender", 0);
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, "named-receiver");
    if (sendto(sender, "x", 1, 0, (struct sockaddr *)&address, length) != 1)
        probe_fail("sendto: %s", strerror(errno));
    struct sockaddr_un from = {0};
    socklen_t from_length = sizeof from;
    char byte;
    guard_arm();
    ssize_t n = recvfrom(receiver, &byte, 1, 0, (struct sockaddr *)&from, &from_length);
    int err = errno;
    guard_disarm();
    if (n < 0) {
        obs_errno(err);
    } else {
        char path[sizeof from.sun_path + 1] = {0};
        if (from_length > sizeof(sa_family_t)) memcpy(path, from.sun_path, from_length - sizeof(sa_family_t));
        obs_value_str(path);
        obs_evidence_int("addrlen", from_length);
    }
    obs_emit();
}

void zero_length_datagram(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2];
    unix_socketpair(SOCK_DGRAM, pair);
    if (send(pair[0], "", 0, 0) != 0) probe_fail("send of 0 bytes: %s", strerror(errno));
    char buffer[16];
    ssize_t n = recv(pair[1], buffer, sizeof buffer, MSG_DONTWAIT); /* EAGAIN if nothing arrived */
    report_io(n, errno);
    ssize_t after = recv(pair[1], buffer, sizeof buffer, MSG_DONTWAIT);
    obs_evidence_str("next_receive", after < 0 ? errno_name(errno) : "data");
    obs_emit();
}

void recv_dontwait_empty(int argc, char **argv) {
    (void)argc, (void)argv;
    int pair[2];
    unix_socketpair(SOCK_DGRAM, pair);
    char byte;
    guard_arm();
    ssize_t n = recv(pair[1], &byte, 1, MSG_DONTWAIT);
    int err = errno;
    guard_disarm();
    report_io(n, err);
    obs_emit();
}

struct forged_result {
    long forged, own;
    int forged_err, own_err;
    int sender_pid, claimed_pid;
};

/* Sends one byte with SCM_CREDENTIALS claiming `pid` and the sender's own uid and gid. */
static long send_credentials(int fd, pid_t pid, int *err) {
    union {
        char buffer[CMSG_SPACE(sizeof(struct ucred))];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    char byte = 'c';
    struct iovec data = {.iov_base = &byte, .iov_len = 1};
    struct msghdr message = {.msg_iov = &data,
                             .msg_iovlen = 1,
                             .msg_control = control.buffer,
                             .msg_controllen = sizeof control.buffer};
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_CREDENTIALS;
    header->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    struct ucred credentials = {.pid = pid, .uid = getuid(), .gid = getgid()};
    memcpy(CMSG_DATA(header), &credentials, sizeof credentials);
    long result = sendmsg(fd, &message, MSG_DONTWAIT);
    *err = result < 0 ? errno : 0;
    return result;
}

static pid_t claimed_pid;

static void forge_as_other_uid(void *arg, void *out) {
    (void)arg;
    struct forged_result *result = out;
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair) != 0) _exit(1);
    int on = 1;
    setsockopt(pair[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    result->sender_pid = (int)getpid();
    result->claimed_pid = (int)claimed_pid;
    result->forged = send_credentials(pair[0], claimed_pid, &result->forged_err);
    result->own = send_credentials(pair[0], getpid(), &result->own_err);
}

void forged_credentials(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("forged-credentials acts as uid %d and needs root", OTHER_UID);
    claimed_pid = getpid(); /* a live process that is not the sender */
    struct forged_result result = {0};
    int uid = run_as_other_uid(forge_as_other_uid, NULL, &result, sizeof result, "uid-65534 helper");
    obs_value_int(result.forged);
    obs_errno(result.forged_err);
    obs_evidence_int("uid", uid);
    obs_evidence_int("claimed_pid", result.claimed_pid);
    obs_evidence_int("sender_pid", result.sender_pid);
    obs_evidence_str("own_pid_send", result.own < 0 ? errno_name(result.own_err) : "sent");
    obs_emit();
}
