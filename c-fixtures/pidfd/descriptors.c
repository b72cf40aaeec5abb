/* pidfd-probe cases about descriptors: pidfd_getfd takes another process's open file (the same
 * open file description) unless ptrace rules forbid it, and clone(CLONE_PIDFD) hands back a pidfd. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

#define CHILD_OFFSET 100

/* The Seccomp: field of /proc/self/status (0 none, 1 strict, 2 filter; -1 unknown): a container's
 * filter may refuse pidfd_getfd with EPERM on its own (Docker's default one unless CAP_SYS_PTRACE),
 * which the evidence tells apart from the kernel's ptrace check. */
static int seccomp_mode(void) {
    FILE *status = fopen("/proc/self/status", "r");
    if (!status) return -1;
    char line[256];
    int mode = -1;
    while (fgets(line, sizeof line, status))
        if (sscanf(line, "Seccomp: %d", &mode) == 1) break;
    fclose(status);
    return mode;
}
#define MOVED_TO 1234

struct file_owner {
    const char *path;
    int to_probe[2];
    int to_child[2];
};

/* The child opens a file of its own (the probe never has it open), tells the probe the
 * descriptor, waits for the probe to move the offset and reports its own offset then. */
static void own_a_file(void *arg) {
    struct file_owner *owner = arg;
    int fd = open(owner->path, O_RDWR | O_CREAT | O_EXCL, 0600);
    char page[4096] = {0};
    if (fd < 0 || write(fd, page, sizeof page) != sizeof page || lseek(fd, CHILD_OFFSET, SEEK_SET) < 0)
        _exit(1);
    if (write(owner->to_probe[1], &fd, sizeof fd) != sizeof fd) _exit(1);
    char byte;
    if (read(owner->to_child[0], &byte, 1) != 1) _exit(1);
    long offset = (long)lseek(fd, 0, SEEK_CUR);
    if (write(owner->to_probe[1], &offset, sizeof offset) != sizeof offset) _exit(1);
}

void getfd_shares_offset(int argc, char **argv) {
    (void)argc, (void)argv;
    struct file_owner owner = {.path = probe_path("owned-by-child")};
    cleanup_unlink_later(owner.path);
    channel_create(owner.to_probe);
    channel_create(owner.to_child);
    pid_t child = spawn_helper(own_a_file, &owner);
    obs_evidence_int("moved_to", MOVED_TO);
    int child_fd = -1;
    if (read_full(owner.to_probe[0], &child_fd, sizeof child_fd) != sizeof child_fd)
        probe_fail("the child opened no file");
    int taken = pidfd_getfd(pidfd_of(child, 0), child_fd, 0);
    int getfd_errno = taken < 0 ? errno : 0;
    long offset_seen_first = -1;
    if (taken >= 0) {
        offset_seen_first = (long)lseek(taken, 0, SEEK_CUR);
        if (lseek(taken, MOVED_TO, SEEK_SET) < 0) probe_fail("lseek: %s", strerror(errno));
        int flags = fcntl(taken, F_GETFD);
        obs_evidence_bool("getfd_cloexec", flags >= 0 && (flags & FD_CLOEXEC));
    }
    if (write(owner.to_child[1], "m", 1) != 1) probe_fail("write: %s", strerror(errno));
    long child_offset = -1;
    if (read_full(owner.to_probe[0], &child_offset, sizeof child_offset) != sizeof child_offset)
        probe_fail("the child reported no offset");
    reap(child, NULL);
    obs_value_int(taken < 0 ? -1 : child_offset);
    obs_errno(getfd_errno);
    obs_evidence_int("offset_seen_first", offset_seen_first);
    obs_evidence_int("seccomp_mode", seccomp_mode());
    obs_emit();
}

struct getfd_attempt {
    int open_errno;
    int result;
    int getfd_errno;
};

struct getfd_target {
    pid_t pid;
    int fd;
};

static void take_as_other_uid(void *arg, void *report) {
    struct getfd_target *target = arg;
    struct getfd_attempt *attempt = report;
    attempt->result = -1;
    int pidfd = pidfd_open(target->pid, 0);
    if (pidfd < 0) {
        attempt->open_errno = errno;
        return;
    }
    attempt->result = pidfd_getfd(pidfd, target->fd, 0);
    attempt->getfd_errno = attempt->result < 0 ? errno : 0;
}

void getfd_other_uid(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid 65534");
    int target_pipe[2];
    channel_create(target_pipe);
    struct getfd_target target = {.pid = getpid(), .fd = target_pipe[0]};
    struct getfd_attempt attempt;
    int uid = run_as_other_uid(take_as_other_uid, &target, &attempt, sizeof attempt, "uid-65534 child");
    obs_value_int(attempt.result);
    obs_errno(attempt.open_errno ? attempt.open_errno : attempt.getfd_errno);
    obs_evidence_str("open_errno", attempt.open_errno ? errno_name(attempt.open_errno) : "none");
    obs_evidence_int("uid", uid);
    obs_evidence_int("seccomp_mode", seccomp_mode());
    obs_emit();
}

/* The clone child: plain signal dispositions (the probe's handlers clean up the probe's objects),
 * then it waits for the probe to let it go. Only system calls: glibc is not set up for it. */
static _Noreturn void cloned_child(int release) {
    struct sigaction plain = {.sa_handler = SIG_DFL};
    int reset[] = {SIGALRM, SIGTERM, SIGINT, SIGHUP, SIGUSR2};
    for (size_t i = 0; i < sizeof reset / sizeof *reset; i++) sigaction(reset[i], &plain, NULL);
    alarm(0);
    char byte;
    while (read(release, &byte, 1) > 0) {
    }
    _exit(0);
}

void clone_pidfd(int argc, char **argv) {
    (void)argc, (void)argv;
    int release[2];
    channel_create(release);
    int pidfd = -1;
    fflush(stdout);
    /* clone(2) without a new stack behaves as fork; parent_tid is the third argument on x86-64 and
     * arm64 alike, and there CLONE_PIDFD stores the pidfd. */
    long pid = syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, NULL, &pidfd, NULL, NULL);
    if (pid == 0) {
        close(release[1]);
        cloned_child(release[0]);
    }
    close(release[0]);
    if (pid < 0) {
        obs_value_bool(false);
        obs_errno(errno);
        obs_emit();
        return;
    }
    cleanup_kill_later((pid_t)pid);
    obs_evidence_bool("pidfd_written", pidfd >= 0);
    int flags = pidfd >= 0 ? fcntl(pidfd, F_GETFD) : -1;
    obs_evidence_bool("pidfd_cloexec", flags >= 0 && (flags & FD_CLOEXEC));
    close(release[1]);
    siginfo_t info = {0};
    int waited = waitid(P_PIDFD, pidfd, &info, WEXITED);
    if (waited == 0)
        cleanup_forget_pid((pid_t)pid);
    else
        reap((pid_t)pid, NULL);
    obs_value_bool(waited == 0 && info.si_pid == pid);
    obs_evidence_str("waitid_errno", waited < 0 ? errno_name(errno) : "none");
    obs_emit();
}
