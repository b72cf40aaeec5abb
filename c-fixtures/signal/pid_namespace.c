/* Signals across the boundary of a PID namespace of the probe's own (pid_namespaces(7)): what its
 * init (pid 1 there) ignores, what a process of the parent namespace can still do to it, what
 * si_pid shows of a sender the receiver cannot see, and whom a process inside can name at all.
 * Only processes this probe made are ever signalled: every kill() aims at them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/pid_namespace.h"
#include "common/probe.h"
#include "cases.h"

/* How the init came out of what was done to it, as its parent outside sees it. */
static void init_fate(pid_t init, long timeout_ms, bool reported, bool handled, char *out, size_t size) {
    int sig = 0;
    int status = reap_within(init, timeout_ms, &sig);
    if (status < 0) {
        kill(init, SIGKILL);
        reap(init, NULL);
        snprintf(out, size, "still-running");
    } else if (status == NOT_PID_ONE_STATUS && !sig) {
        snprintf(out, size, "not-pid-1");
    } else if (sig) {
        snprintf(out, size, "ended-by-%s", signal_name(sig));
    } else if (status != 0 || !reported) {
        snprintf(out, size, "exited-%d", status);
    } else {
        snprintf(out, size, handled ? "handled" : "unaffected");
    }
}

/* ---- a signal from inside the namespace to its init --------------------------------------- */

struct from_inside_plan {
    int sig;
    bool with_handler;
    int report[2];
};

struct from_inside_report {
    int kill_result, kill_errno, sender_pid;
    bool handled;
};

static volatile sig_atomic_t init_handled;
static void note_handled(int sig) { (void)sig, init_handled = 1; }

struct sender_plan {
    int sig;
    int done[2];
};

/* A second process of the namespace: kill(1, sig), then says how it went. */
static void signal_init(void *arg) {
    struct sender_plan *plan = arg;
    close(plan->done[0]);
    struct from_inside_report sent = {.sender_pid = getpid()};
    sent.kill_result = kill(1, plan->sig);
    sent.kill_errno = sent.kill_result != 0 ? errno : 0;
    if (write(plan->done[1], &sent, sizeof sent) != sizeof sent) _exit(1);
}

static void init_signalled_from_inside(void *arg) {
    struct from_inside_plan *plan = arg;
    close(plan->report[0]);
    if (plan->sig != SIGKILL) {
        struct sigaction action = {.sa_handler = plan->with_handler ? note_handled : SIG_DFL};
        sigemptyset(&action.sa_mask);
        if (sigaction(plan->sig, &action, NULL) != 0) _exit(1);
    }
    change_mask(SIG_UNBLOCK, (const int[]){plan->sig, 0});
    struct sender_plan sender = {.sig = plan->sig};
    channel_create(sender.done);
    pid_t child = spawn_helper(signal_init, &sender);
    close(sender.done[1]);
    struct from_inside_report report;
    /* A signal the kernel does not drop is acted on before this read returns: it was sent before
     * the sender wrote. */
    if (read_full(sender.done[0], &report, sizeof report) != sizeof report) _exit(1);
    reap(child, NULL);
    report.handled = init_handled;
    if (write(plan->report[1], &report, sizeof report) != sizeof report) _exit(1);
}

struct init_observation {
    char fate[48];
    int kill_result, kill_errno, sender_pid, members, members_ended;
    pid_t init_outside;
};

static void observe_init_signalled_from_inside(void *arg, void *out) {
    struct from_inside_plan *plan = arg;
    struct init_observation *seen = out;
    channel_create(plan->report);
    pid_t init = spawn_namespace_init(init_signalled_from_inside, plan);
    close(plan->report[1]);
    struct from_inside_report report = {0};
    bool reported = read_full(plan->report[0], &report, sizeof report) == sizeof report;
    init_fate(init, 2000, reported, report.handled, seen->fate, sizeof seen->fate);
    seen->kill_result = report.kill_result;
    seen->kill_errno = report.kill_errno;
    seen->sender_pid = report.sender_pid;
}

void init_signal_from_inside(int argc, char **argv) {
    if (argc < 2) probe_usage("init-signal-from-inside needs SIGNAL DISPOSITION");
    struct from_inside_plan plan = {.sig = parse_signal_name(argv[0])};
    plan.with_handler = strcmp(argv[1], "handler") == 0;
    if (!plan.with_handler && strcmp(argv[1], "default") != 0)
        probe_usage("'%s' is neither default nor handler", argv[1]);
    if (plan.with_handler && plan.sig == SIGKILL) probe_usage("SIGKILL cannot have a handler");
    struct init_observation seen = {0};
    run_beside_pid_namespace(observe_init_signalled_from_inside, &plan, &seen, sizeof seen);
    if (strcmp(seen.fate, "not-pid-1") == 0)
        probe_fail("the first process of the new namespace is not pid 1");
    obs_value_str(seen.fate);
    obs_errno(seen.kill_errno);
    obs_evidence_int("sender_pid_in_namespace", seen.sender_pid);
    obs_evidence_int("target_pid", 1);
    obs_evidence_str("disposition", argv[1]);
    obs_emit();
}

/* ---- a signal from the parent namespace to the init --------------------------------------- */

#define MEMBERS 2

struct from_parent_plan {
    int sig;
    int ready[2];
    int alive[MEMBERS][2]; /* member i holds alive[i][1]: EOF on [0] says it has ended */
};

static void hold_and_wait(void *arg) {
    (void)arg;
    for (;;) pause();
}

/* The init: SIGUSR1 and SIGTERM at their default, two members, then waits for ever. */
static void init_waiting_with_members(void *arg) {
    struct from_parent_plan *plan = arg;
    close(plan->ready[0]);
    /* A process group of its own (its members join it): gVisor was seen to send SIGHUP and SIGCONT
     * to the group of a stopped namespace init, which would otherwise end the probe's helpers. */
    setpgid(0, 0);
    struct sigaction by_default = {.sa_handler = SIG_DFL};
    sigemptyset(&by_default.sa_mask);
    sigaction(SIGUSR1, &by_default, NULL);
    sigaction(SIGTERM, &by_default, NULL);
    change_mask(SIG_UNBLOCK, (const int[]){SIGUSR1, SIGTERM, 0});
    for (int i = 0; i < MEMBERS; i++) {
        spawn_helper(hold_and_wait, NULL);
        close(plan->alive[i][1]); /* only the member holds it now */
    }
    if (write(plan->ready[1], "r", 1) != 1) _exit(1);
    close(plan->ready[1]);
    for (;;) pause();
}

/* Members whose end of the pipe reads EOF within timeout_ms: they have ended. */
static int members_ended(struct from_parent_plan *plan, long timeout_ms) {
    int ended = 0;
    int64_t deadline = monotonic_ns() + (int64_t)timeout_ms * 1000000;
    for (int i = 0; i < MEMBERS; i++) {
        set_nonblocking(plan->alive[i][0], true);
        char byte;
        ssize_t got;
        while ((got = read(plan->alive[i][0], &byte, 1)) < 0 && errno == EAGAIN && monotonic_ns() < deadline)
            sleep_ns(1000000);
        ended += got == 0;
    }
    return ended;
}

static void observe_init_signalled_from_parent(void *arg, void *out) {
    struct from_parent_plan *plan = arg;
    struct init_observation *seen = out;
    channel_create(plan->ready);
    for (int i = 0; i < MEMBERS; i++) channel_create(plan->alive[i]);
    pid_t init = spawn_namespace_init(init_waiting_with_members, plan);
    close(plan->ready[1]);
    for (int i = 0; i < MEMBERS; i++) close(plan->alive[i][1]);
    char byte;
    if (read_full(plan->ready[0], &byte, 1) != 1) {
        init_fate(init, 0, false, false, seen->fate, sizeof seen->fate);
        return;
    }
    seen->init_outside = init;
    seen->kill_result = kill(init, plan->sig);
    seen->kill_errno = seen->kill_result != 0 ? errno : 0;
    if (plan->sig == SIGSTOP) {
        /* A stop is seen by the parent in waitpid(WUNTRACED); a stopped init is then ended. */
        int64_t deadline = monotonic_ns() + 1000000000LL;
        int status = 0;
        pid_t done;
        while ((done = waitpid(init, &status, WUNTRACED | WNOHANG)) == 0 && monotonic_ns() < deadline)
            sleep_ns(1000000);
        bool stopped = done == init && WIFSTOPPED(status);
        if (done == init && !stopped) {
            cleanup_forget_pid(init); /* it ended instead, and that wait reaped it */
        } else {
            kill(init, SIGKILL);
            reap(init, NULL);
        }
        snprintf(seen->fate, sizeof seen->fate, stopped ? "stopped" : "unaffected");
    } else {
        /* A signal the init ignores leaves it waiting: after a second it is still running. */
        init_fate(init, plan->sig == SIGKILL ? 2000 : 300, true, false, seen->fate, sizeof seen->fate);
        if (strcmp(seen->fate, "still-running") == 0) snprintf(seen->fate, sizeof seen->fate, "unaffected");
    }
    seen->members = MEMBERS;
    seen->members_ended = members_ended(plan, 1000);
}

static void run_signalled_from_parent(int sig, struct init_observation *seen) {
    struct from_parent_plan plan = {.sig = sig};
    run_beside_pid_namespace(observe_init_signalled_from_parent, &plan, seen, sizeof *seen);
    if (strcmp(seen->fate, "not-pid-1") == 0)
        probe_fail("the first process of the new namespace is not pid 1");
    if (!seen->init_outside) probe_fail("the namespace's init did not start its members (%s)", seen->fate);
}

void kill_init_from_parent(int argc, char **argv) {
    if (argc < 1) probe_usage("kill-init-from-parent needs SIGNAL");
    struct init_observation seen = {0};
    run_signalled_from_parent(parse_signal_name(argv[0]), &seen);
    obs_value_str(seen.fate);
    obs_errno(seen.kill_errno);
    obs_evidence_int("init_pid_outside", seen.init_outside);
    obs_emit();
}

void kill_init_ends_namespace(int argc, char **argv) {
    (void)argc, (void)argv;
    struct init_observation seen = {0};
    run_signalled_from_parent(SIGKILL, &seen);
    obs_value_int(seen.members_ended);
    obs_errno(seen.kill_errno);
    obs_evidence_int("members", seen.members);
    obs_evidence_str("init", seen.fate);
    obs_emit();
}
