/* Sender cases of signal_probe: who may signal whom (kill(2) permission rule), and signal 0 as an
 * existence check. The uid cases act as uid 65534 and need root (PROTOCOL.md, "Other uid"). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/probe.h"
#include "signal_cases.h"

#define OTHER_UID 65534

struct kill_attempt {
    int result;
    int err;
    int sender_uid;
};

struct target_plan {
    bool drop;
    int ready[2];
};

/* The target: optionally becomes uid 65534, says so, and waits; SIGUSR1 at its default ends it. */
static void wait_as_target(void *arg) {
    struct target_plan *plan = arg;
    close(plan->ready[0]);
    struct sigaction by_default = {.sa_handler = SIG_DFL};
    sigemptyset(&by_default.sa_mask);
    sigaction(SIGUSR1, &by_default, NULL);
    if (plan->drop) drop_to_uid(OTHER_UID);
    if (write(plan->ready[1], "r", 1) != 1) _exit(1);
    for (;;) pause();
}

struct sender_plan {
    pid_t target;
    int report[2];
};

static void send_as_other_uid(void *arg) {
    struct sender_plan *plan = arg;
    close(plan->report[0]);
    drop_to_uid(OTHER_UID);
    struct kill_attempt attempt = {.result = kill(plan->target, SIGUSR1)};
    attempt.err = attempt.result != 0 ? errno : 0;
    attempt.sender_uid = (int)geteuid();
    if (write(plan->report[1], &attempt, sizeof attempt) != sizeof attempt) _exit(1);
}

/* uid 65534 sends SIGUSR1 to a target that runs as root (drop_target false) or as 65534 too. */
static void observe_kill_across_uids(bool drop_target) {
    if (geteuid() != 0) probe_usage("needs root to act as uid %d", OTHER_UID);
    struct target_plan target_plan = {.drop = drop_target};
    struct sender_plan sender_plan;
    if (pipe2(target_plan.ready, O_CLOEXEC) != 0 || pipe2(sender_plan.report, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    pid_t target = spawn_helper(wait_as_target, &target_plan);
    close(target_plan.ready[1]);
    char ready;
    if (read_full(target_plan.ready[0], &ready, 1) != 1) probe_fail("the target died before it was set up");
    sender_plan.target = target;
    pid_t sender = spawn_helper(send_as_other_uid, &sender_plan);
    close(sender_plan.report[1]);
    struct kill_attempt attempt;
    if (read_full(sender_plan.report[0], &attempt, sizeof attempt) != sizeof attempt) probe_fail("the uid-%d sender reported nothing", OTHER_UID);
    reap(sender, NULL);
    /* Whether the signal landed: a delivered SIGUSR1 ends the target, a refused one leaves it waiting. */
    int target_signal = 0;
    if (attempt.result != 0) {
        obs_evidence_bool("target_still_running", waitpid(target, NULL, WNOHANG) == 0);
        kill(target, SIGKILL);
        reap(target, NULL);
    } else {
        reap(target, &target_signal);
        obs_evidence_str("target_ended_by", target_signal ? signal_name(target_signal) : "exit");
    }
    obs_value_int(attempt.result);
    obs_errno(attempt.err);
    obs_evidence_int("sender_uid", attempt.sender_uid);
    obs_evidence_int("target_uid", drop_target ? OTHER_UID : 0);
    obs_emit();
}

void kill_other_uid(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_kill_across_uids(false);
}

void kill_same_uid(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_kill_across_uids(true);
}

/* ---- signal 0 ------------------------------------------------------------------------------ */

void exists_live(int argc, char **argv) {
    (void)argc, (void)argv;
    struct target_plan plan = {.drop = false};
    if (pipe2(plan.ready, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    pid_t child = spawn_helper(wait_as_target, &plan);
    close(plan.ready[1]);
    char ready;
    if (read_full(plan.ready[0], &ready, 1) != 1) probe_fail("the child died before it was set up");
    int result = kill(child, 0);
    int err = result != 0 ? errno : 0;
    /* Signal 0 sends nothing: the child is still waiting afterwards. */
    bool still_running = waitpid(child, NULL, WNOHANG) == 0;
    kill(child, SIGKILL);
    reap(child, NULL);
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_bool("child_still_running", still_running);
    obs_emit();
}

static void exit_at_once(void *arg) { (void)arg; }

void exists_reaped(int argc, char **argv) {
    (void)argc, (void)argv;
    pid_t child = spawn_helper(exit_at_once, NULL);
    reap(child, NULL);
    int result = kill(child, 0);
    int err = result != 0 ? errno : 0;
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_int("pid", child);
    obs_emit();
}
