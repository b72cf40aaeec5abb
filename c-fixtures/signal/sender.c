/* Sender cases of signal-probe: who may signal whom (kill(2) permission rule), and signal 0 as an
 * existence check. The uid cases act as uid 65534 and need root (PROTOCOL.md, "Other uid"). */
#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

struct kill_attempt {
    int result;
    int err;
};

struct target_plan {
    bool drop;
    bool own_group;
    int ready[2];
};

/* The target: optionally becomes uid 65534, says so, and waits; SIGUSR1 at its default ends it. */
static void wait_as_target(void *arg) {
    struct target_plan *plan = arg;
    close(plan->ready[0]);
    struct sigaction by_default = {.sa_handler = SIG_DFL};
    sigemptyset(&by_default.sa_mask);
    sigaction(SIGUSR1, &by_default, NULL);
    if (plan->own_group) setpgid(0, 0);
    if (plan->drop) drop_to_uid(OTHER_UID);
    if (write(plan->ready[1], "r", 1) != 1) _exit(1);
    for (;;) pause();
}

/* Starts a target (as uid 65534 when `drop`) and returns its pid once it waits; a target that
 * dies before then fails the probe, naming it as `who`. */
static pid_t start_target_in(bool drop, bool own_group, const char *who) {
    struct target_plan plan = {.drop = drop, .own_group = own_group};
    channel_create(plan.ready);
    pid_t target = spawn_helper(wait_as_target, &plan);
    if (own_group) setpgid(target, target);
    close(plan.ready[1]);
    char ready;
    if (read_full(plan.ready[0], &ready, 1) != 1) probe_fail("the %s died before it was set up", who);
    close(plan.ready[0]);
    return target;
}

static pid_t start_target(bool drop, const char *who) { return start_target_in(drop, false, who); }

struct send_request {
    pid_t target;
    const char *call; /* kill, sigqueue, sigcont (kill with SIGCONT) or killpg (the target's group) */
};

static void send_as_asked(void *arg, void *report) {
    const struct send_request *request = arg;
    struct kill_attempt *attempt = report;
    if (strcmp(request->call, "sigqueue") == 0)
        attempt->result = sigqueue(request->target, SIGUSR1, (union sigval){.sival_int = 1});
    else if (strcmp(request->call, "sigcont") == 0)
        attempt->result = kill(request->target, SIGCONT);
    else if (strcmp(request->call, "killpg") == 0)
        attempt->result = killpg(request->target, SIGUSR1);
    else
        attempt->result = kill(request->target, SIGUSR1);
    attempt->err = attempt->result != 0 ? errno : 0;
}

/* uid 65534 sends SIGUSR1 (or SIGCONT) with `call` to a target that runs as root (drop_target
 * false) or as 65534 too; for killpg the target leads a process group of its own. */
static void observe_kill_across_uids(bool drop_target, const char *call) {
    if (geteuid() != 0) probe_usage("needs root to act as uid %d", OTHER_UID);
    bool group = strcmp(call, "killpg") == 0, cont = strcmp(call, "sigcont") == 0;
    if (!group && !cont && strcmp(call, "kill") != 0 && strcmp(call, "sigqueue") != 0)
        probe_usage("'%s' is not kill, sigqueue, sigcont or killpg", call);
    pid_t target = start_target_in(drop_target, group, "target");
    struct send_request request = {.target = target, .call = call};
    struct kill_attempt attempt;
    int sender_uid = run_as_other_uid(send_as_asked, &request, &attempt, sizeof attempt, "uid-65534 sender");
    /* Whether the signal landed: a delivered SIGUSR1 ends the target, a refused one (or SIGCONT,
     * which a running process ignores) leaves it waiting. */
    int target_signal = 0;
    if (attempt.result != 0 || cont) {
        obs_evidence_bool("target_still_running", waitpid(target, NULL, WNOHANG) == 0);
        kill(target, SIGKILL);
        reap(target, NULL);
    } else {
        reap(target, &target_signal);
        obs_evidence_str("target_ended_by", target_signal ? signal_name(target_signal) : "exit");
    }
    obs_value_int(attempt.result);
    obs_errno(attempt.err);
    obs_evidence_int("sender_uid", sender_uid);
    obs_evidence_int("target_uid", drop_target ? OTHER_UID : 0);
    obs_evidence_str("call", call);
    obs_emit();
}

void kill_other_uid(int argc, char **argv) { observe_kill_across_uids(false, argc > 0 ? argv[0] : "kill"); }

void kill_same_uid(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_kill_across_uids(true, "kill");
}

/* ---- signal 0 ------------------------------------------------------------------------------ */

void exists_live(int argc, char **argv) {
    (void)argc, (void)argv;
    pid_t child = start_target(false, "child");
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
    const char *call = argc > 0 ? argv[0] : "kill";
    bool queue = strcmp(call, "sigqueue") == 0, group = strcmp(call, "killpg") == 0;
    if (!queue && !group && strcmp(call, "kill") != 0)
        probe_usage("'%s' is not kill, sigqueue or killpg", call);
    pid_t child = spawn_helper(exit_at_once, NULL);
    reap(child, NULL);
    /* killpg: the child never led a group, and now its pid names no process at all. */
    int result = queue   ? sigqueue(child, 0, (union sigval){.sival_int = 0})
                 : group ? killpg(child, 0)
                         : kill(child, 0);
    int err = result != 0 ? errno : 0;
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_int("pid", child);
    obs_evidence_str("call", call);
    obs_emit();
}
