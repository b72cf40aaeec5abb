/* Child cases of signal-probe: what a parent learns when a child stops, continues or exits
 * (SIGCHLD and its si_code, SA_NOCLDSTOP, waitid), children that never become zombies
 * (SA_NOCLDWAIT, SIGCHLD ignored), and kill() aimed at a process group or at every process of a
 * fresh PID namespace. Only processes this probe made are ever signalled. */
#include <errno.h>
#include <sched.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/pid_namespace.h"
#include "common/probe.h"
#include "cases.h"

static void on_sigchld(int sig) { (void)sig; }

static const char *cld_code_name(int code) {
    switch (code) {
        case CLD_EXITED: return "CLD_EXITED";
        case CLD_KILLED: return "CLD_KILLED";
        case CLD_DUMPED: return "CLD_DUMPED";
        case CLD_STOPPED: return "CLD_STOPPED";
        case CLD_CONTINUED: return "CLD_CONTINUED";
        case CLD_TRAPPED: return "CLD_TRAPPED";
        default: return "other";
    }
}

struct waiting_child {
    int go[2];
};

/* Waits for one byte (or EOF), then exits 0. */
static void wait_for_go(void *arg) {
    struct waiting_child *plan = arg;
    close(plan->go[1]);
    char byte;
    while (read(plan->go[0], &byte, 1) < 0 && errno == EINTR) {
    }
}

static pid_t start_waiting_child(struct waiting_child *plan) {
    channel_create(plan->go);
    pid_t child = spawn_helper(wait_for_go, plan);
    close(plan->go[0]);
    return child;
}

static void wait_state(pid_t child, int options, const char *what) {
    int status;
    while (waitpid(child, &status, options) < 0)
        if (errno != EINTR) probe_fail("waitpid (%s): %s", what, strerror(errno));
}

/* One SIGCHLD taken off the queue, waiting at most timeout_ms; its si_code name or "none". */
static const char *take_sigchld(long timeout_ms) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    struct timespec timeout = {.tv_sec = timeout_ms / 1000, .tv_nsec = (timeout_ms % 1000) * 1000000L};
    siginfo_t info;
    int sig;
    while ((sig = sigtimedwait(&set, &info, &timeout)) < 0 && errno == EINTR) {
    }
    return sig == SIGCHLD ? cld_code_name(info.si_code) : "none";
}

/* A standard signal already pending is not queued again (signal(7)): the SIGCHLD left pending after
 * stop, continue and exit carries the si_code of the first of them that generated one. The exit's
 * SIGCHLD is sent before the child can be reaped, so after the reap something is pending. */
void sigchld_first_code(int argc, char **argv) {
    bool nocldstop = argc > 0 && strcmp(argv[0], "nocldstop") == 0;
    if (argc < 2 || (!nocldstop && strcmp(argv[0], "none") != 0))
        probe_usage("sigchld-code needs nocldstop|none EVENT");
    bool after_continue = strcmp(argv[1], "continue") == 0;
    if (!after_continue && strcmp(argv[1], "stop") != 0)
        probe_usage("'%s' is neither stop nor continue", argv[1]);
    struct sigaction action = {.sa_handler = on_sigchld, .sa_flags = nocldstop ? SA_NOCLDSTOP : 0};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGCHLD, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    change_mask(SIG_BLOCK, (const int[]){SIGCHLD, 0});
    struct waiting_child plan;
    pid_t child = start_waiting_child(&plan);
    if (kill(child, SIGSTOP) != 0) probe_fail("kill SIGSTOP: %s", strerror(errno));
    wait_state(child, WUNTRACED, "stopped");
    const char *drained = "not-drained";
    /* To look at the continue alone, the stop's SIGCHLD (if it was generated) is taken first; with
     * SA_NOCLDSTOP none was generated, so the queue is only polled. */
    if (after_continue) drained = take_sigchld(nocldstop ? 0 : 1000);
    if (kill(child, SIGCONT) != 0) probe_fail("kill SIGCONT: %s", strerror(errno));
    wait_state(child, WCONTINUED, "continued");
    close(plan.go[1]);
    reap(child, NULL);
    const char *first = take_sigchld(0);
    obs_value_str(first);
    obs_evidence_str("taken_before_continue", drained);
    obs_evidence_bool("sa_nocldstop", nocldstop);
    obs_emit();
}

void waitid_state(int argc, char **argv) {
    if (argc < 1) probe_usage("waitid-state needs EVENT");
    bool continued = strcmp(argv[0], "continue") == 0;
    if (!continued && strcmp(argv[0], "stop") != 0) probe_usage("'%s' is neither stop nor continue", argv[0]);
    struct waiting_child plan;
    pid_t child = start_waiting_child(&plan);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (kill(child, SIGSTOP) != 0) probe_fail("kill SIGSTOP: %s", strerror(errno));
    int result;
    while ((result = waitid(P_PID, child, &info, WSTOPPED)) < 0 && errno == EINTR) {
    }
    int err = result != 0 ? errno : 0;
    if (continued && result == 0) {
        if (kill(child, SIGCONT) != 0) probe_fail("kill SIGCONT: %s", strerror(errno));
        memset(&info, 0, sizeof info);
        while ((result = waitid(P_PID, child, &info, WCONTINUED)) < 0 && errno == EINTR) {
        }
        err = result != 0 ? errno : 0;
    }
    if (result == 0) obs_value_str(cld_code_name(info.si_code));
    obs_errno(err);
    obs_evidence_int("si_pid_is_child", info.si_pid == child);
    obs_evidence_str("si_status", result == 0 ? signal_name(info.si_status) : "none");
    close(plan.go[1]);
    kill(child, SIGCONT);
    reap(child, NULL);
    obs_emit();
}

static void exit_now(void *arg) { (void)arg; }

/* With SA_NOCLDWAIT (or SIGCHLD at SIG_IGN) a child that exits is reaped by the kernel: wait()
 * blocks until every child has ended and then fails with ECHILD. */
void no_zombies(int argc, char **argv) {
    if (argc < 1) probe_usage("no-zombies needs MODE");
    bool ignore = strcmp(argv[0], "ignore") == 0;
    if (!ignore && strcmp(argv[0], "nocldwait") != 0)
        probe_usage("'%s' is neither nocldwait nor ignore", argv[0]);
    struct sigaction action = {.sa_handler = ignore ? SIG_IGN : on_sigchld,
                               .sa_flags = ignore ? 0 : SA_NOCLDWAIT};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGCHLD, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    pid_t child = spawn_helper(exit_now, NULL);
    int status, result;
    while ((result = waitpid(-1, &status, 0)) < 0 && errno == EINTR) {
    }
    int err = result < 0 ? errno : 0;
    /* Reaped by the kernel (or by the call above): nothing is left for cleanup to kill. */
    cleanup_forget_pid(child);
    obs_value_int(result < 0 ? -1 : 0);
    obs_errno(err);
    obs_evidence_bool("waited_for_the_child", result == child);
    obs_emit();
}

/* ---- kill() aimed at groups ----------------------------------------------------------------- */

struct group_member {
    pid_t group; /* 0: lead a new group */
    int ready[2];
};

static void join_group_and_wait(void *arg) {
    struct group_member *plan = arg;
    close(plan->ready[0]);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a member whose parent is gone is ended with it */
    setpgid(0, plan->group);
    struct sigaction by_default = {.sa_handler = SIG_DFL};
    sigemptyset(&by_default.sa_mask);
    sigaction(SIGUSR1, &by_default, NULL);
    if (write(plan->ready[1], "r", 1) != 1) _exit(1);
    for (;;) pause();
}

static pid_t start_member(pid_t group) {
    struct group_member plan = {.group = group};
    channel_create(plan.ready);
    pid_t member = spawn_helper(join_group_and_wait, &plan);
    close(plan.ready[1]);
    char byte;
    if (read_full(plan.ready[0], &byte, 1) != 1) probe_fail("a group member died before it was set up");
    close(plan.ready[0]);
    return member;
}

/* Reaps a member that a signal should end, waiting until `deadline` (CLOCK_MONOTONIC ns); one
 * still alive then is killed with SIGKILL, so the caller sees which signal ended it. */
static void reap_member_by(pid_t member, int64_t deadline, int *sig) {
    while (monotonic_ns() < deadline) {
        int status;
        pid_t done = waitpid(member, &status, WNOHANG);
        if (done == member) {
            cleanup_forget_pid(member);
            *sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
            return;
        }
        if (done < 0 && errno != EINTR) probe_fail("waitpid: %s", strerror(errno));
        sleep_ns(1000000);
    }
    kill(member, SIGKILL);
    reap(member, sig);
}

#define GROUP_SIZE 3

/* Three children in a process group of their own; SIGUSR1 to the group (kill(-pgid) or killpg);
 * value = how many of them SIGUSR1 ended. */
void kill_group(int argc, char **argv) {
    if (argc < 1) probe_usage("kill-group needs CALL");
    bool use_killpg = strcmp(argv[0], "killpg") == 0;
    if (!use_killpg && strcmp(argv[0], "kill") != 0) probe_usage("'%s' is neither kill nor killpg", argv[0]);
    pid_t members[GROUP_SIZE];
    members[0] = start_member(0);
    for (int i = 1; i < GROUP_SIZE; i++) members[i] = start_member(members[0]);
    pid_t group = members[0];
    int result = use_killpg ? killpg(group, SIGUSR1) : kill(-group, SIGUSR1);
    int err = result != 0 ? errno : 0;
    int ended = 0;
    /* Reached members end at once; one the signal missed is given a second, then killed. */
    int64_t deadline = monotonic_ns() + (result == 0 ? 1000000000LL : 0);
    for (int i = 0; i < GROUP_SIZE; i++) {
        int sig;
        reap_member_by(members[i], deadline, &sig);
        ended += sig == SIGUSR1;
    }
    obs_value_int(ended);
    obs_errno(err);
    obs_evidence_int("members", GROUP_SIZE);
    obs_evidence_bool("prober_in_group", getpgrp() == group);
    obs_emit();
}

struct own_group_report {
    int result, err, members_ended;
    bool sender_got_it;
};

/* Runs in a helper that leads a new process group: starts members in it, then kill(0, SIGUSR1)
 * with SIGUSR1 blocked in itself, so that what reached it stays pending and can be seen. */
static void signal_own_group(void *arg, void *out) {
    (void)arg;
    struct own_group_report *report = out;
    if (setpgid(0, 0) != 0) probe_fail("setpgid: %s", strerror(errno));
    pid_t members[GROUP_SIZE - 1];
    for (int i = 0; i < GROUP_SIZE - 1; i++) members[i] = start_member(getpid());
    /* Only now: a member would inherit the blocked mask and never be ended. */
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    report->result = kill(0, SIGUSR1);
    report->err = report->result != 0 ? errno : 0;
    int64_t deadline = monotonic_ns() + (report->result == 0 ? 1000000000LL : 0);
    for (int i = 0; i < GROUP_SIZE - 1; i++) {
        int sig;
        reap_member_by(members[i], deadline, &sig);
        report->members_ended += sig == SIGUSR1;
    }
    sigset_t pending;
    sigpending(&pending);
    report->sender_got_it = sigismember(&pending, SIGUSR1) == 1;
    /* SIGUSR1 stays blocked: unblocking it would end this helper before it has reported. */
}

/* kill(0, SIGUSR1) from a process leading a group of three (itself and two members, SIGUSR1 at
 * its default in them); value = how many of the three it reached. The probe is not in that group. */
void kill_own_group(int argc, char **argv) {
    (void)argc, (void)argv;
    struct own_group_report report;
    run_reporting_helper(signal_own_group, NULL, &report, sizeof report, "group leader");
    obs_value_int(report.members_ended + report.sender_got_it);
    obs_errno(report.err);
    obs_evidence_int("group_size", GROUP_SIZE);
    obs_evidence_int("members_ended", report.members_ended);
    obs_evidence_bool("sender_got_it", report.sender_got_it);
    obs_emit();
}

/* ---- kill(-1) inside a PID namespace of the probe's own ------------------------------------- */

struct namespace_report {
    int result, err, ended, members;
    bool sender_survived, sender_is_init;
};

/* A member: SIGUSR1 at its default and unblocked (its parent, the sender, blocks it). */
static void pause_forever(void *arg) {
    (void)arg;
    change_mask(SIG_UNBLOCK, (const int[]){SIGUSR1, 0});
    for (;;) pause();
}

/* Runs as pid 1 of the new namespace: starts members, sends SIGUSR1 to pid -1, counts. */
static void kill_everyone_in_namespace(void *arg, void *out) {
    (void)arg;
    struct namespace_report *report = out;
    /* Whatever ends the probe ends the namespace: its init dies with its parent, and with it every
     * member. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    report->sender_is_init = getpid() == 1;
    report->members = GROUP_SIZE;
    /* Never without this check: outside a fresh PID namespace -1 would mean the machine. */
    if (!report->sender_is_init) return;
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    pid_t members[GROUP_SIZE];
    for (int i = 0; i < GROUP_SIZE; i++) members[i] = spawn_helper(pause_forever, NULL);
    /* A member that has not yet left fork() still gets the signal once it is in the namespace. */
    report->result = kill(-1, SIGUSR1);
    report->err = report->result != 0 ? errno : 0;
    for (int i = 0; i < GROUP_SIZE; i++) {
        int sig;
        reap(members[i], &sig);
        report->ended += sig == SIGUSR1;
    }
    sigset_t pending;
    sigpending(&pending);
    report->sender_survived = sigismember(&pending, SIGUSR1) != 1;
}

struct namespace_plan {
    int fds[2];
};

static void enter_pid_namespace(void *arg) {
    struct namespace_plan *plan = arg;
    close(plan->fds[0]);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    struct namespace_report report = {0};
    if (unshare_pid_namespace() != 0) {
        report.err = errno;
        report.result = -2;
    } else {
        run_reporting_helper(kill_everyone_in_namespace, NULL, &report, sizeof report, "namespace init");
    }
    if (write(plan->fds[1], &report, sizeof report) != sizeof report) _exit(1);
}

void kill_all_in_pid_namespace(int argc, char **argv) {
    (void)argc, (void)argv;
    struct namespace_plan plan;
    channel_create(plan.fds);
    pid_t child = spawn_helper(enter_pid_namespace, &plan);
    close(plan.fds[1]);
    struct namespace_report report;
    bool got = read_full(plan.fds[0], &report, sizeof report) == sizeof report;
    reap(child, NULL);
    if (!got) probe_fail("the namespace helper reported nothing");
    if (report.result == -2)
        probe_fail("unshare(CLONE_NEWPID, also with CLONE_NEWUSER): %s", strerror(report.err));
    if (!report.sender_is_init) probe_fail("the first process of the new namespace is not pid 1");
    obs_value_int(report.ended);
    obs_errno(report.err);
    obs_evidence_int("members", report.members);
    obs_evidence_bool("sender_not_signalled", report.sender_survived);
    obs_emit();
}
