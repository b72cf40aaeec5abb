/* Disposition cases of signal-probe: what sigaction and sigprocmask accept, and what a signal's
 * default action does to a process. Default actions are observed in a child, through waitpid:
 * how the child ended (exit status or terminating signal), or that it stopped or continued. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

static void do_nothing(int sig) { (void)sig; }

static const char *disposition_of(int sig) {
    struct sigaction now;
    if (sigaction(sig, NULL, &now) != 0) return errno_name(errno);
    return now.sa_handler == SIG_DFL ? "default" : now.sa_handler == SIG_IGN ? "ignore" : "handler";
}

void sigaction_refused(int argc, char **argv) {
    if (argc < 2) probe_usage("sigaction-refused needs SIGNAL catch|ignore");
    int sig = parse_signal_name(argv[0]);
    bool catch_it = strcmp(argv[1], "catch") == 0;
    if (!catch_it && strcmp(argv[1], "ignore") != 0) probe_usage("'%s' is neither catch nor ignore", argv[1]);
    struct sigaction action = {.sa_handler = catch_it ? do_nothing : SIG_IGN};
    sigemptyset(&action.sa_mask);
    bool report_disposition = argc > 2 && strcmp(argv[2], "disposition-after") == 0;
    if (argc > 2 && !report_disposition && strcmp(argv[2], "return") != 0)
        probe_usage("'%s' is neither return nor disposition-after", argv[2]);
    int result = sigaction(sig, &action, NULL);
    int err = result != 0 ? errno : 0;
    const char *after = disposition_of(sig);
    if (report_disposition) {
        obs_value_str(after);
        obs_evidence_int("returned", result);
        obs_evidence_str("errno_of_call", err ? errno_name(err) : "none");
    } else {
        obs_value_int(result);
        obs_errno(err);
    }
    obs_evidence_str("disposition_after", after);
    obs_emit();
}

void sigprocmask_kill_stop(int argc, char **argv) {
    (void)argc, (void)argv;
    sigset_t all, before, now;
    sigfillset(&all);
    int result = sigprocmask(SIG_BLOCK, &all, &before);
    int err = result != 0 ? errno : 0;
    sigprocmask(SIG_BLOCK, NULL, &now);
    sigprocmask(SIG_SETMASK, &before, NULL); /* at once: the runner's SIGTERM must get through */
    /* A refused call leaves the value null: "0 of them blocked" must come from an accepted call. */
    if (result == 0) obs_value_int(sigismember(&now, SIGKILL) + sigismember(&now, SIGSTOP));
    obs_errno(err);
    obs_evidence_bool("sigkill_blocked", sigismember(&now, SIGKILL) == 1);
    obs_evidence_bool("sigstop_blocked", sigismember(&now, SIGSTOP) == 1);
    obs_evidence_bool("sigusr1_blocked", sigismember(&now, SIGUSR1) == 1);
    obs_emit();
}

/* ---- a child that waits for a signal ------------------------------------------------------- */

struct child_plan {
    int sig;
    bool block_all;
    int ready[2]; /* child → parent: set up; one byte, 1 when sig is in the child's mask */
    int go[2];    /* parent → child: carry on and exit 0 (reached only if the signal let it) */
};

static void await_signal(void *arg) {
    struct child_plan *plan = arg;
    close(plan->ready[0]);
    close(plan->go[1]);
    /* A group of its own, whose parent is in another group of the session: the kernel discards
     * SIGTSTP/SIGTTIN/SIGTTOU sent to an orphaned group, and the probe's own group may be one. */
    setpgid(0, 0);
    /* No core file anywhere: the "core" action is reported through the terminating signal. */
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    prctl(PR_SET_DUMPABLE, 0);
    struct sigaction by_default = {.sa_handler = SIG_DFL};
    sigemptyset(&by_default.sa_mask);
    sigaction(plan->sig, &by_default, NULL);
    sigset_t mask;
    if (plan->block_all)
        sigfillset(&mask);
    else
        sigemptyset(&mask);
    sigprocmask(SIG_SETMASK, &mask, NULL);
    sigprocmask(SIG_SETMASK, NULL, &mask);
    char in_mask = sigismember(&mask, plan->sig) == 1;
    if (write(plan->ready[1], &in_mask, 1) != 1) _exit(1);
    char byte;
    while (read(plan->go[0], &byte, 1) < 0 && errno == EINTR) {
    }
    _exit(0);
}

/* Starts the child and waits until it is set up; returns its pid. */
static pid_t start_child(struct child_plan *plan) {
    channel_create(plan->ready);
    channel_create(plan->go);
    pid_t child = spawn_helper(await_signal, plan);
    close(plan->ready[1]);
    close(plan->go[0]);
    char in_mask;
    if (read_full(plan->ready[0], &in_mask, 1) != 1) probe_fail("the child died before it was set up");
    obs_evidence_bool("signal_in_child_mask", in_mask);
    obs_evidence_int("rlimit_core", 0);
    return child;
}

struct child_state {
    const char *state; /* exited, signaled, stopped, continued */
    int sig;           /* terminating or stopping signal */
    int exit_status;
    bool core_dumped;
    bool gone; /* reaped: nothing left to kill */
};

/* The child's next change of state, as waitpid(WUNTRACED | WCONTINUED) reports it. */
static struct child_state next_state(pid_t child) {
    int status;
    struct child_state seen = {0};
    while (waitpid(child, &status, WUNTRACED | WCONTINUED) < 0)
        if (errno != EINTR) probe_fail("waitpid: %s", strerror(errno));
    if (WIFEXITED(status)) {
        seen = (struct child_state){.state = "exited", .exit_status = WEXITSTATUS(status), .gone = true};
    } else if (WIFSIGNALED(status)) {
        seen = (struct child_state){
            .state = "signaled", .sig = WTERMSIG(status), .core_dumped = WCOREDUMP(status), .gone = true};
    } else if (WIFSTOPPED(status)) {
        seen = (struct child_state){.state = "stopped", .sig = WSTOPSIG(status)};
    } else {
        seen = (struct child_state){.state = "continued"};
    }
    if (seen.gone) cleanup_forget_pid(child);
    return seen;
}

static void report_state(const struct child_state *seen) {
    obs_value_str(seen->state);
    if (strcmp(seen->state, "signaled") == 0) obs_signal(seen->sig);
    if (strcmp(seen->state, "stopped") == 0) obs_evidence_str("stop_signal", signal_name(seen->sig));
    if (strcmp(seen->state, "exited") == 0) obs_evidence_int("exit_status", seen->exit_status);
    obs_evidence_bool("core_dumped", seen->core_dumped);
}

/* A child still there (stopped or continued) is killed and reaped; SIGKILL ends a stopped one too. */
static void finish_child(pid_t child, const struct child_state *seen) {
    if (seen->gone) return;
    kill(child, SIGKILL);
    reap(child, NULL);
}

/* Sends sig to a child with the default action in place (and every signal blocked when block_all),
 * then tells it to carry on; what happened first is the observation. */
static void observe_default_action(int sig, bool block_all) {
    struct child_plan plan = {.sig = sig, .block_all = block_all};
    pid_t child = start_child(&plan);
    if (kill(child, sig) != 0) probe_fail("kill %s: %s", signal_name(sig), strerror(errno));
    /* The signal is pending before kill() returns, and a pending signal is acted on before the
     * child gets back to user mode: "go" cannot overtake it. An ignored signal is simply gone.
     * A child the signal has already ended has no reader left: EPIPE then, not SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    if (write(plan.go[1], "g", 1) != 1 && errno != EPIPE) probe_fail("write: %s", strerror(errno));
    struct child_state seen = next_state(child);
    report_state(&seen);
    obs_evidence_str("sent", signal_name(sig));
    finish_child(child, &seen);
    obs_emit();
}

void default_action(int argc, char **argv) {
    if (argc < 1) probe_usage("default-action needs SIGNAL");
    observe_default_action(parse_signal_name(argv[0]), false);
}

void blocked_default_action(int argc, char **argv) {
    if (argc < 1) probe_usage("blocked-default-action needs SIGNAL");
    observe_default_action(parse_signal_name(argv[0]), true);
}

void stop_then_continue(int argc, char **argv) {
    (void)argc, (void)argv;
    struct child_plan plan = {.sig = SIGCONT};
    pid_t child = start_child(&plan);
    if (kill(child, SIGSTOP) != 0) probe_fail("kill SIGSTOP: %s", strerror(errno));
    struct child_state first = next_state(child);
    if (strcmp(first.state, "stopped") != 0) probe_fail("SIGSTOP left the child %s", first.state);
    if (kill(child, SIGCONT) != 0) probe_fail("kill SIGCONT: %s", strerror(errno));
    struct child_state then = next_state(child);
    report_state(&then);
    obs_evidence_str("before", "stopped");
    /* Only now may it go on: an exit right after SIGCONT could hide the "continued" report. */
    signal(SIGPIPE, SIG_IGN);
    if (write(plan.go[1], "g", 1) != 1 && errno != EPIPE) probe_fail("write: %s", strerror(errno));
    if (!then.gone) {
        struct child_state last = next_state(child);
        obs_evidence_str("after", last.state);
        finish_child(child, &last);
    }
    obs_emit();
}
