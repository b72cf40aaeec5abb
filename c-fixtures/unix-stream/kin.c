/* Who can talk over a UNIX stream socket, and what the kernel says about the peer: a socketpair
 * inherited across fork, a descriptor passed with SCM_RIGHTS to a process that inherited nothing,
 * and the credentials SO_PEERCRED reports (unix(7) "Ancillary messages", "Socket options"). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/unix_sockets.h"
#include "cases.h"

#define LISTENER "listener"

static void answer_parent(void *arg) {
    int *fds = arg;
    char reply[16] = {0};
    close(fds[0]);
    if (write_full(fds[1], "from-child", 10) != 10) _exit(1);
    if (read_full(fds[1], reply, 11) != 11) _exit(2);
    _exit(strcmp(reply, "from-parent") == 0 ? 0 : 10);
}

void socketpair_parent_child(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    char received[16] = {0};
    unix_socketpair(SOCK_STREAM, fds);
    pid_t child = spawn_helper(answer_parent, fds);
    close(fds[1]);
    ssize_t n = read_full(fds[0], received, 10);
    bool replied = write_full(fds[0], "from-parent", 11) == 11;
    int status = reap(child, NULL);
    /* Exit status 0 means the child read "from-parent": both directions worked across fork. */
    obs_value_bool(n == 10 && strcmp(received, "from-child") == 0 && replied && status == 0);
    obs_evidence_str("parent_received", received);
    obs_evidence_int("child_status", status);
    obs_emit();
}

#define PASSED_MESSAGE "written-through-a-passed-descriptor"

void scm_rights_to_unrelated(int argc, char **argv) {
    (void)argc, (void)argv;
    /* A memfd has no name anywhere and is close-on-exec: the re-executed helper can reach it only
     * through the descriptor that travels over the socket. */
    int memory = memfd_create("ipc-conformance-scm", MFD_CLOEXEC);
    if (memory < 0) probe_fail("memfd_create: %s", strerror(errno));
    const char *path = LISTENER; /* the re-executed helper inherits the working directory */
    int listener = unix_listener(SOCK_STREAM, path, 1);
    char *helper_argv[] = {"unix-stream-probe", "helper-use-passed-fd", (char *)path, NULL};
    pid_t helper = spawn_reexec(helper_argv);
    int connection = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (connection < 0) probe_fail("accept: %s", strerror(errno));
    if (!unix_send_fd(connection, memory)) probe_fail("sendmsg SCM_RIGHTS: %s", strerror(errno));
    char done = '?';
    if (read(connection, &done, 1) != 1) done = '?';
    int status = reap(helper, NULL);
    char received[64] = {0};
    ssize_t n = pread(memory, received, sizeof received - 1, 0);
    obs_value_bool(n == (ssize_t)strlen(PASSED_MESSAGE) && strcmp(received, PASSED_MESSAGE) == 0);
    obs_evidence_str("received", n > 0 ? received : "");
    obs_evidence_str("descriptor", "memfd, close-on-exec");
    obs_evidence_int("helper_status", status);
    obs_emit();
}

void helper_use_passed_fd(int argc, char **argv) {
    if (argc < 1) probe_usage("helper-use-passed-fd SOCKET");
    int connection = unix_connect_to(SOCK_STREAM, 0, argv[0]);
    if (connection < 0) probe_fail("connect %s: %s", argv[0], strerror(errno));
    int passed = unix_receive_fd(connection);
    if (passed < 0) probe_fail("no descriptor arrived");
    if (write_full(passed, PASSED_MESSAGE, strlen(PASSED_MESSAGE)) != (ssize_t)strlen(PASSED_MESSAGE))
        probe_fail("write: %s", strerror(errno));
    if (write(connection, "d", 1) != 1) probe_fail("write: %s", strerror(errno));
}

struct credential_peer {
    bool drop;
};

static void connect_and_tell_identity(void *arg) {
    struct credential_peer *peer = arg;
    unix_become_distinct_peer(peer->drop);
    int fd = unix_connect_to(SOCK_STREAM, 0, LISTENER);
    if (fd < 0) _exit(1);
    struct unix_identity self = unix_own_identity();
    if (write_full(fd, &self, sizeof self) != sizeof self) _exit(2);
    char done;
    if (read(fd, &done, 1) < 0) _exit(3); /* alive until the observer has asked the kernel */
}

void peer_credentials(int argc, char **argv) {
    if (argc < 1) probe_usage("peer-credentials needs FIELD (pid, uid or gid)");
    const char *field = argv[0];
    unix_identity_field(unix_own_identity(), field); /* rejects an unknown FIELD up front */
    int listener = unix_listener(SOCK_STREAM, LISTENER, 1);
    struct credential_peer peer = {.drop = unix_prepare_distinct_peer(LISTENER)};
    pid_t helper = spawn_helper(connect_and_tell_identity, &peer);
    int connection = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (connection < 0) probe_fail("accept: %s", strerror(errno));
    struct ucred reported = {0};
    socklen_t length = sizeof reported;
    int result = getsockopt(connection, SOL_SOCKET, SO_PEERCRED, &reported, &length);
    int err = errno;
    struct unix_identity truth;
    if (read_full(connection, &truth, sizeof truth) != sizeof truth)
        probe_fail("the peer did not say who it is");
    if (write(connection, "k", 1) != 1) probe_fail("write: %s", strerror(errno));
    reap(helper, NULL);
    struct unix_identity kernel_says = {.pid = reported.pid, .uid = reported.uid, .gid = reported.gid};
    if (result == 0) obs_value_int(unix_identity_field(kernel_says, field));
    obs_errno(result < 0 ? err : 0);
    unix_identity_evidence("peer", truth);
    unix_identity_evidence("reported", kernel_says);
    unix_identity_evidence("observer", unix_own_identity());
    obs_evidence_bool("peer_changed_uid", peer.drop);
    obs_emit();
}
