/* Who a signal names across the boundary of a PID namespace of the probe's own
 * (pid_namespaces(7)): the si_pid an init inside sees of a sender in the parent namespace, and
 * kill() from inside aimed at a pid number that exists only in the parent namespace. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/pid_namespace.h"
#include "common/probe.h"
#include "cases.h"

/* ---- si_pid of a sender the receiver cannot see ------------------------------------------ */

struct si_pid_plan {
    int ready[2], report[2];
};

struct si_pid_report {
    int pid_field, code_field, receiver_pid;
    bool handled;
};

static volatile sig_atomic_t seen_si_pid = -1, seen_si_code;
static void note_sender(int sig, siginfo_t *info, void *context) {
    (void)sig, (void)context;
    seen_si_pid = info->si_pid;
    seen_si_code = info->si_code;
}

/* The init: a SA_SIGINFO handler for SIGUSR1 (the only way a signal from outside other than
 * SIGKILL/SIGSTOP reaches it), then waits until the handler has run once. */
static void init_receiving(void *arg) {
    struct si_pid_plan *plan = arg;
    close(plan->ready[0]);
    close(plan->report[0]);
    struct sigaction action = {.sa_sigaction = note_sender, .sa_flags = SA_SIGINFO};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) _exit(1);
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    if (write(plan->ready[1], "r", 1) != 1) _exit(1);
    sigset_t waiting;
    sigprocmask(SIG_SETMASK, NULL, &waiting);
    sigdelset(&waiting, SIGUSR1);
    while (seen_si_pid < 0) sigsuspend(&waiting);
    struct si_pid_report report = {
        .pid_field = seen_si_pid, .code_field = seen_si_code, .receiver_pid = getpid()};
    report.handled = true;
    if (write(plan->report[1], &report, sizeof report) != sizeof report) _exit(1);
}

struct si_pid_observation {
    struct si_pid_report report;
    int sender_pid, init_outside, kill_errno;
    bool reported;
};

static void observe_si_pid(void *arg, void *out) {
    struct si_pid_plan *plan = arg;
    struct si_pid_observation *seen = out;
    channel_create(plan->ready);
    channel_create(plan->report);
    pid_t init = spawn_namespace_init(init_receiving, plan);
    close(plan->ready[1]);
    close(plan->report[1]);
    seen->init_outside = init;
    seen->sender_pid = getpid();
    char byte;
    if (read_full(plan->ready[0], &byte, 1) == 1) {
        if (kill(init, SIGUSR1) != 0) seen->kill_errno = errno;
        guard_arm(); /* a signal that never arrives ends the read with EINTR after 1 s */
        seen->reported =
            read_full(plan->report[0], &seen->report, sizeof seen->report) == sizeof seen->report;
        guard_disarm();
    }
    kill(init, SIGKILL);
    reap(init, NULL);
}

void si_pid_from_parent(int argc, char **argv) {
    (void)argc, (void)argv;
    struct si_pid_plan plan;
    struct si_pid_observation seen = {0};
    run_beside_pid_namespace(observe_si_pid, &plan, &seen, sizeof seen);
    if (seen.kill_errno) probe_fail("kill(init, SIGUSR1) from outside: %s", strerror(seen.kill_errno));
    if (!seen.reported) probe_fail("the namespace's init never ran its SIGUSR1 handler");
    obs_value_int(seen.report.pid_field);
    obs_evidence_int("sender_pid_outside", seen.sender_pid);
    obs_evidence_int("receiver_pid_inside", seen.report.receiver_pid);
    obs_evidence_int("receiver_pid_outside", seen.init_outside);
    obs_evidence_bool("si_code_is_si_user", seen.report.code_field == SI_USER);
    obs_emit();
}

/* ---- kill() from inside at a pid of the parent namespace --------------------------------- */

struct outward_plan {
    pid_t target;
    int report[2];
};

struct outward_report {
    int result, err, sender_pid;
};

static void init_signalling_outward(void *arg) {
    struct outward_plan *plan = arg;
    close(plan->report[0]);
    struct outward_report report = {.sender_pid = getpid()};
    /* The namespace holds this process alone (pid 1); the target is another number. */
    report.result = kill(plan->target, SIGUSR1);
    report.err = report.result != 0 ? errno : 0;
    if (write(plan->report[1], &report, sizeof report) != sizeof report) _exit(1);
}

struct outward_observation {
    struct outward_report report;
    int target;
    bool reported, target_got_it;
};

static void observe_outward(void *arg, void *out) {
    struct outward_plan *plan = arg;
    struct outward_observation *seen = out;
    /* The target is this helper, SIGUSR1 blocked so that a signal that got through stays pending. */
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    plan->target = getpid();
    seen->target = plan->target;
    if (plan->target == 1) return; /* cannot happen for a forked helper; never aim at pid 1 */
    channel_create(plan->report);
    pid_t init = spawn_namespace_init(init_signalling_outward, plan);
    close(plan->report[1]);
    seen->reported = read_full(plan->report[0], &seen->report, sizeof seen->report) == sizeof seen->report;
    reap(init, NULL);
    sigset_t pending;
    sigpending(&pending);
    seen->target_got_it = sigismember(&pending, SIGUSR1) == 1;
}

void kill_parent_pid_from_inside(int argc, char **argv) {
    (void)argc, (void)argv;
    struct outward_plan plan;
    struct outward_observation seen = {0};
    run_beside_pid_namespace(observe_outward, &plan, &seen, sizeof seen);
    if (seen.target == 1) probe_fail("the helper outside is pid 1: no pid number to aim at");
    if (!seen.reported) probe_fail("the namespace's init reported nothing");
    if (seen.report.sender_pid != 1) probe_fail("the first process of the new namespace is not pid 1");
    obs_value_int(seen.report.result);
    obs_errno(seen.report.err);
    obs_evidence_int("target_pid", seen.target);
    obs_evidence_int("sender_pid_in_namespace", seen.report.sender_pid);
    obs_evidence_int("processes_in_namespace", 1); /* the init alone: it makes no other */
    obs_evidence_bool("target_got_it", seen.target_got_it);
    obs_emit();
}
