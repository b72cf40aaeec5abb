/* pidfd-probe: observes process file descriptors (pidfd_open(2), pidfd_send_signal(2),
 * pidfd_getfd(2), clone(2) CLONE_PIDFD, waitid(2) P_PIDFD). Opening, polling and waiting live
 * here; signalling.c sends signals through a pidfd, descriptors.c takes descriptors and makes
 * pidfds with clone. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

/* No pid reaches PID_MAX_LIMIT (2^22 on 64-bit, proc(5) /proc/sys/kernel/pid_max): this one never
 * names a process, whatever pid_max is set to. */
#define NEVER_A_PID 4194304
/* A bit that is neither PIDFD_NONBLOCK (O_NONBLOCK) nor PIDFD_THREAD (O_EXCL). */
#define UNDEFINED_PIDFD_FLAG 0x1

static void wait_for_release(void *arg) {
    int *pipe_ends = arg;
    close(pipe_ends[1]);
    char byte;
    while (read(pipe_ends[0], &byte, 1) > 0) {
    }
}

struct held_child hold_child(void) {
    int pipe_ends[2];
    channel_create(pipe_ends);
    pid_t pid = spawn_helper(wait_for_release, pipe_ends);
    close(pipe_ends[0]);
    return (struct held_child){.pid = pid, .release = pipe_ends[1]};
}

void release_child(struct held_child *child) {
    if (child->release >= 0) close(child->release);
    child->release = -1;
}

int pidfd_of(pid_t pid, unsigned flags) {
    int fd = pidfd_open(pid, flags);
    if (fd < 0) {
        obs_errno(errno);
        obs_evidence_str("failed_call", "pidfd_open");
        obs_emit();
        exit(0); /* the registered cleanup ends the children */
    }
    return fd;
}

static void observe_call(long result) {
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
}

static void not_readable_while_running(int argc, char **argv) {
    (void)argc, (void)argv;
    struct held_child child = hold_child();
    struct pollfd watched = {.fd = pidfd_of(child.pid, 0), .events = POLLIN};
    int ready = poll(&watched, 1, 0);
    obs_value_bool(ready > 0 && (watched.revents & POLLIN));
    obs_errno(ready < 0 ? errno : 0);
    obs_evidence_int("revents", watched.revents);
    release_child(&child);
    reap(child.pid, NULL);
    obs_emit();
}

static void exit_after(void *arg) { sleep_ns(*(int64_t *)arg); }

static void readable_at_exit(int argc, char **argv) {
    int64_t delay_ns = arg_delay_ns(argc, argv, 0);
    int64_t start = monotonic_ns();
    pid_t child = spawn_helper(exit_after, &delay_ns);
    /* Stated before pidfd_of, which may end the probe with its errno: an observation of a refused
     * pidfd_open still says how long it took (no wait: not blocked). */
    obs_delay_ns(delay_ns);
    obs_elapsed_ns(monotonic_ns() - start);
    struct pollfd watched = {.fd = pidfd_of(child, 0), .events = POLLIN};
    int ready = poll(&watched, 1, -1);
    int64_t elapsed = monotonic_ns() - start;
    obs_value_bool(ready > 0 && (watched.revents & POLLIN));
    obs_errno(ready < 0 ? errno : 0);
    obs_elapsed_ns(elapsed);
    obs_evidence_int("revents", watched.revents);
    reap(child, NULL);
    obs_emit();
}

static void open_nonexistent(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_call(pidfd_open(NEVER_A_PID, 0));
    obs_evidence_int("pid", NEVER_A_PID);
    obs_emit();
}

static void open_bad_flags(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_call(pidfd_open(getpid(), UNDEFINED_PIDFD_FLAG));
    obs_evidence_int("flags", UNDEFINED_PIDFD_FLAG);
    obs_evidence_bool("no_flags_works", pidfd_open(getpid(), 0) >= 0);
    obs_emit();
}

static void open_self_cloexec(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = pidfd_of(getpid(), 0);
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) probe_fail("fcntl(F_GETFD): %s", strerror(errno));
    obs_value_bool((flags & FD_CLOEXEC) != 0);
    obs_emit();
}

struct thread_gate {
    int tid[2];     /* the thread writes its tid here */
    int release[2]; /* the thread waits for EOF here */
};

static void *report_tid_then_wait(void *arg) {
    struct thread_gate *gate = arg;
    pid_t tid = gettid();
    if (write(gate->tid[1], &tid, sizeof tid) != sizeof tid) return NULL;
    char byte;
    while (read(gate->release[0], &byte, 1) > 0) {
    }
    return NULL;
}

static void thread_refused(int argc, char **argv) {
    (void)argc, (void)argv;
    struct thread_gate gate;
    channel_create(gate.tid);
    channel_create(gate.release);
    pthread_t thread;
    if (pthread_create(&thread, NULL, report_tid_then_wait, &gate) != 0) probe_fail("pthread_create failed");
    pid_t tid = 0;
    if (read_full(gate.tid[0], &tid, sizeof tid) != sizeof tid) probe_fail("the thread reported no tid");
    /* The refusal is news only where pidfd_open works: the leader's pidfd first. */
    close(pidfd_of(getpid(), 0));
    observe_call(pidfd_open(tid, 0));
    obs_evidence_bool("is_group_leader", tid == getpid());
    close(gate.release[1]);
    pthread_join(thread, NULL);
    obs_emit();
}

static void exit_with(void *arg) { _exit(*(int *)arg); }

static void waitid_reaps_with_status(int argc, char **argv) {
    int status = (int)arg_long(argc, argv, 0, 42);
    pid_t child = spawn_helper(exit_with, &status);
    obs_evidence_int("exit_status_given", status);
    int fd = pidfd_of(child, 0);
    siginfo_t info = {0};
    int result = waitid(P_PIDFD, fd, &info, WEXITED);
    if (result == 0) cleanup_forget_pid(child);
    obs_value_int(result == 0 ? info.si_status : -1);
    obs_errno(result < 0 ? errno : 0);
    obs_evidence_bool("cld_exited", info.si_code == CLD_EXITED);
    obs_evidence_bool("si_pid_is_child", info.si_pid == child);
    obs_evidence_bool("reaped", waitpid(child, NULL, WNOHANG) < 0 && errno == ECHILD);
    obs_emit();
}

static void nonblock_waitid_eagain(int argc, char **argv) {
    (void)argc, (void)argv;
    struct held_child child = hold_child();
    int fd = pidfd_of(child.pid, PIDFD_NONBLOCK);
    siginfo_t info = {0};
    guard_arm();
    observe_call(waitid(P_PIDFD, fd, &info, WEXITED));
    guard_disarm();
    release_child(&child);
    reap(child.pid, NULL);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("not-readable-while-running", not_readable_while_running,
               "a child that waits; poll(its pidfd, POLLIN, 0); value = whether POLLIN was reported, errno "
               "of poll; evidence.revents"),
    PROBE_CASE("readable-at-exit", readable_at_exit,
               "a child that exits after delay_ms; poll(its pidfd, POLLIN, -1) timed from before the child "
               "started; value = POLLIN reported, elapsed_ns, delay_ns; evidence.revents",
               DELAY_PARAM),
    PROBE_CASE("open-nonexistent", open_nonexistent,
               "pidfd_open(4194304, 0), a pid beyond PID_MAX_LIMIT; value = result, errno (ESRCH expected); "
               "evidence.pid"),
    PROBE_CASE("open-bad-flags", open_bad_flags,
               "pidfd_open(own pid, 0x1); value = result, errno (EINVAL expected); evidence.flags, "
               "no_flags_works"),
    PROBE_CASE("open-self-cloexec", open_self_cloexec, "value = FD_CLOEXEC set on pidfd_open(own pid, 0)"),
    PROBE_CASE("thread-refused", thread_refused,
               "a second thread of the probe reports its tid; pidfd_open(own pid) must work; value = "
               "pidfd_open(tid, 0) result, errno "
               "(-1 expected; EINVAL before Linux 6.15, ENOENT since); evidence.is_group_leader"),
    PROBE_CASE("waitid-reaps-with-status", waitid_reaps_with_status,
               "a child that exits with status; waitid(P_PIDFD, its pidfd, WEXITED); value = si_status (-1 "
               "when waitid failed), errno; evidence.exit_status_given, cld_exited, si_pid_is_child, reaped",
               OPTIONAL_PARAM("status", "the child's exit status (default 42)")),
    PROBE_CASE("nonblock-waitid-eagain", nonblock_waitid_eagain,
               "a running child, pidfd_open(PIDFD_NONBLOCK), waitid(P_PIDFD, WEXITED) under the 1 s guard; "
               "value = result, errno (EAGAIN expected)"),
    PROBE_CASE("send-signal-si-user", send_signal_si_user,
               "a child waiting in sigwaitinfo for SIGUSR1; pidfd_send_signal(pidfd, SIGUSR1, NULL, 0); "
               "value = the si_code the child saw (SI_USER, SI_QUEUE … or a number); evidence.send_errno, "
               "si_pid_is_probe"),
    PROBE_CASE("send-signal-with-info", send_signal_with_info,
               "the same, with a siginfo of si_code SI_QUEUE and si_value 4242; value = the si_code the "
               "child saw; evidence.sival_int, sival_sent, send_errno"),
    PROBE_CASE("signal-after-reap", signal_after_reap,
               "a child's pidfd, the child exits and is reaped; value = pidfd_send_signal(SIGTERM) result, "
               "errno (ESRCH expected); evidence.kill_errno (kill(pid, 0) now)"),
    PROBE_CASE("getfd-shares-offset", getfd_shares_offset,
               "a child opens a file of its own at offset 100; pidfd_getfd takes that descriptor and "
               "lseeks it to 1234; value = the offset the child then reads on its own descriptor; "
               "evidence.moved_to, offset_seen_first, getfd_cloexec, seccomp_mode (/proc/self/status)"),
    PROBE_CASE("getfd-other-uid", getfd_other_uid,
               "needs root; a child as uid 65534 calls pidfd_open(probe) and pidfd_getfd of a probe "
               "descriptor; value = pidfd_getfd result, errno (EPERM expected); evidence.open_errno, uid, "
               "seccomp_mode"),
    PROBE_CASE(
        "signal-after-pid-reuse", signal_after_pid_reuse,
        "needs a PID namespace; its init takes a pidfd of a first child, reaps it, sets ns_last_pid so "
        "that the next child gets the same pid, and signals (SIGKILL) through the old pidfd; value = "
        "pidfd_send_signal result, errno (ESRCH expected); evidence.pid, kill_reaches_new_process, "
        "new_process_survived"),
    PROBE_CASE(
        "clone-pidfd", clone_pidfd,
        "clone(CLONE_PIDFD | SIGCHLD) makes a child; value = true when waitid(P_PIDFD) of the pidfd "
        "written to parent_tid reports that child; evidence.pidfd_written, pidfd_cloexec, waitid_errno"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
