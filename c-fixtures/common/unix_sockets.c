/* UNIX-domain socket primitives (sockets, addresses, descriptor passing, identities); the shared
 * observations are in unix_socket_observations.c. See unix_sockets.h. */
#include "unix_sockets.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe.h"

/* ---- sockets and addresses ------------------------------------------------------------------ */

int unix_socket(int type) {
    int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (fd < 0) probe_fail("socket(AF_UNIX, %d): %s", type, strerror(errno));
    return fd;
}

void unix_socketpair(int type, int fds[2]) {
    if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds) != 0)
        probe_fail("socketpair(AF_UNIX, %d): %s", type, strerror(errno));
}

socklen_t unix_path_address(struct sockaddr_un *address, const char *path) {
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    size_t length = strlen(path);
    if (length >= sizeof address->sun_path) probe_fail("socket path longer than sun_path: %s", path);
    memcpy(address->sun_path, path, length);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + length + 1);
}

socklen_t unix_abstract_address(struct sockaddr_un *address, const char *tag) {
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    /* sun_path[0] stays '\0'; the pid keeps concurrent probe runs apart, as probe_ipc_name does. */
    int length = snprintf(address->sun_path + 1, sizeof address->sun_path - 1, "ipc-conformance-%ld-%s",
                          (long)getpid(), tag);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)length);
}

void unix_enter_probe_directory(void) {
    if (chdir(probe_tmpdir()) != 0) probe_fail("chdir %s: %s", probe_tmpdir(), strerror(errno));
}

int unix_listener(int type, const char *name, int backlog) {
    unix_enter_probe_directory();
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, name);
    int fd = unix_socket(type);
    cleanup_unlink_later(probe_path(name));
    if (bind(fd, (struct sockaddr *)&address, length) != 0) probe_fail("bind %s: %s", name, strerror(errno));
    if (type != SOCK_DGRAM && listen(fd, backlog) != 0) probe_fail("listen %s: %s", name, strerror(errno));
    return fd;
}

int unix_connect_to(int type, int flags, const char *path) {
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, path);
    int fd = socket(AF_UNIX, type | flags | SOCK_CLOEXEC, 0);
    if (fd < 0) probe_fail("socket(AF_UNIX, %d): %s", type, strerror(errno));
    if (connect(fd, (struct sockaddr *)&address, length) != 0) {
        int err = errno;
        close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

int unix_set_sndbuf(int fd, long requested) {
    int value = (int)requested, readback = 0;
    socklen_t length = sizeof readback;
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &value, sizeof value) != 0)
        probe_fail("setsockopt SO_SNDBUF: %s", strerror(errno));
    if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &readback, &length) != 0)
        probe_fail("getsockopt SO_SNDBUF: %s", strerror(errno));
    return readback;
}

const char *unix_node_type(const char *path) {
    struct stat node;
    if (lstat(path, &node) != 0) return "absent";
    if (S_ISSOCK(node.st_mode)) return "socket";
    if (S_ISFIFO(node.st_mode)) return "fifo";
    if (S_ISREG(node.st_mode)) return "regular";
    if (S_ISDIR(node.st_mode)) return "directory";
    return "other";
}

/* ---- descriptors and identities ------------------------------------------------------------- */

bool unix_send_fd(int socket, int fd) {
    char control[CMSG_SPACE(sizeof(int))] = {0};
    char byte = 'f';
    struct iovec payload = {.iov_base = &byte, .iov_len = 1};
    struct msghdr message = {
        .msg_iov = &payload, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    struct cmsghdr *rights = CMSG_FIRSTHDR(&message);
    rights->cmsg_level = SOL_SOCKET;
    rights->cmsg_type = SCM_RIGHTS;
    rights->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(rights), &fd, sizeof(int));
    return sendmsg(socket, &message, 0) == 1;
}

int unix_receive_fd(int socket) {
    char control[CMSG_SPACE(sizeof(int))] = {0};
    char byte;
    struct iovec payload = {.iov_base = &byte, .iov_len = 1};
    struct msghdr message = {
        .msg_iov = &payload, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    if (recvmsg(socket, &message, MSG_CMSG_CLOEXEC) != 1) return -1;
    struct cmsghdr *rights = CMSG_FIRSTHDR(&message);
    if (!rights || rights->cmsg_level != SOL_SOCKET || rights->cmsg_type != SCM_RIGHTS) return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(rights), sizeof(int));
    return fd;
}

struct unix_identity unix_own_identity(void) {
    return (struct unix_identity){.pid = getpid(), .uid = getuid(), .gid = getgid()};
}

int64_t unix_identity_field(struct unix_identity identity, const char *field) {
    if (strcmp(field, "pid") == 0) return identity.pid;
    if (strcmp(field, "uid") == 0) return identity.uid;
    if (strcmp(field, "gid") == 0) return identity.gid;
    probe_usage("FIELD must be pid, uid or gid, not '%s'", field);
}

void unix_identity_evidence(const char *prefix, struct unix_identity identity) {
    char key[64];
    snprintf(key, sizeof key, "%s_pid", prefix);
    obs_evidence_int(key, identity.pid);
    snprintf(key, sizeof key, "%s_uid", prefix);
    obs_evidence_int(key, identity.uid);
    snprintf(key, sizeof key, "%s_gid", prefix);
    obs_evidence_int(key, identity.gid);
}

/* The peer reaches the node by a name relative to the probe's directory, which it enters before
 * dropping privileges: only that directory (0711) must be traversable, not the runner's TMPDIR. */
bool unix_prepare_distinct_peer(const char *name) {
    if (geteuid() != 0) return false;
    if (chmod(probe_tmpdir(), 0711) != 0 || chmod(probe_path(name), 0602) != 0)
        probe_fail("chmod: %s", strerror(errno));
    return true;
}

void unix_become_distinct_peer(bool drop) {
    if (chdir(probe_tmpdir()) != 0) _exit(1);
    if (drop) drop_to_uid(UNIX_OTHER_UID);
}

struct attempt_job {
    int type;
    const char *name;
    int report;
};

static void attempt_as_other_uid(void *arg) {
    struct attempt_job *job = arg;
    unix_become_distinct_peer(true);
    struct unix_attempt attempt = {0};
    if (job->type == SOCK_DGRAM) {
        struct sockaddr_un address;
        socklen_t length = unix_path_address(&address, job->name);
        int fd = unix_socket(SOCK_DGRAM);
        attempt.result = sendto(fd, "x", 1, 0, (struct sockaddr *)&address, length);
    } else {
        attempt.result = unix_connect_to(job->type, 0, job->name);
    }
    attempt.err = attempt.result < 0 ? errno : 0;
    if (write(job->report, &attempt, sizeof attempt) != sizeof attempt) _exit(1);
}

struct unix_attempt unix_attempt_as_other_uid(int type, const char *name) {
    int channel[2];
    if (pipe2(channel, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    struct attempt_job job = {.type = type, .name = name, .report = channel[1]};
    pid_t helper = spawn_helper(attempt_as_other_uid, &job);
    close(channel[1]);
    struct unix_attempt attempt;
    if (read_full(channel[0], &attempt, sizeof attempt) != sizeof attempt)
        probe_fail("the uid-%d helper reported nothing", UNIX_OTHER_UID);
    close(channel[0]);
    reap(helper, NULL);
    return attempt;
}
