/* signal-probe: observes signals (signal(7), sigaction(2), sigprocmask(2), sigqueue(3), kill(2)).
 * One case per run; the case table below says what each case observes. The cases live in
 * its companions (queue.c, disposition.c, handler.c, sender.c); this file holds the helpers they share and
 * the case table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/probe.h"
#include "cases.h"

int parse_signal_name(const char *name) {
    for (int sig = 1; sig <= SIGRTMAX; sig++)
        if (strcmp(signal_name(sig), name) == 0) return sig;
    probe_usage("'%s' is not a signal name (SIGTERM, SIGRTMIN+2, ...)", name);
}

void change_mask(int how, const int *signals) {
    sigset_t set;
    sigemptyset(&set);
    for (const int *sig = signals; *sig; sig++) sigaddset(&set, *sig);
    if (sigprocmask(how, &set, NULL) != 0) probe_fail("sigprocmask: %s", strerror(errno));
}

/* Fixed arrays: written from the handler, so nothing here allocates. */
#define MAX_RECORDED 256
static volatile sig_atomic_t recorded;
static int recorded_signals[MAX_RECORDED];
static int recorded_values[MAX_RECORDED];

static void record_delivery(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (recorded < MAX_RECORDED) {
        recorded_signals[recorded] = sig;
        recorded_values[recorded] = info->si_value.sival_int;
    }
    recorded++;
}

void install_recording_handler(int sig) {
    struct sigaction action = {.sa_sigaction = record_delivery, .sa_flags = SA_SIGINFO};
    sigfillset(&action.sa_mask);
    if (sigaction(sig, &action, NULL) != 0) probe_fail("sigaction %s: %s", signal_name(sig), strerror(errno));
}

int recorded_count(void) { return recorded; }
int recorded_signal(int index) { return index < MAX_RECORDED ? recorded_signals[index] : 0; }
int recorded_value(int index) { return index < MAX_RECORDED ? recorded_values[index] : 0; }

static const probe_case cases[] = {
    PROBE_CASE("standard-merged-while-blocked", standard_merged_while_blocked,
               "SIGUSR1 blocked, a recording handler installed; kill(self, SIGUSR1) `count` times, then "
               "unblock; value = handler runs; evidence.sent, evidence.pending_before_unblock",
               OPTIONAL_PARAM("count", "signals to send (default 5)")),
    PROBE_CASE("realtime-queued-while-blocked", realtime_queued_while_blocked,
               "SIGRTMIN blocked; sigqueue(self, SIGRTMIN, 1..count), then unblock; value = handler "
               "runs; evidence.sent, evidence.values = the si_value of each delivery in order",
               OPTIONAL_PARAM("count", "signals to queue (default 5)")),
    PROBE_CASE("realtime-values-in-order", realtime_values_in_order,
               "as realtime-queued-while-blocked; value = the delivered si_values in delivery order "
               "(\"1,2,3,4,5\"); evidence.deliveries",
               OPTIONAL_PARAM("count", "signals to queue (default 5)")),
    PROBE_CASE("lowest-realtime-first", lowest_realtime_first,
               "SIGRTMIN+5, SIGRTMIN+2, SIGRTMIN+0 sent in that order while blocked, then unblocked "
               "together; value = delivery order as signal names; evidence.sent_order"),
    PROBE_CASE("standard-before-realtime", standard_before_realtime,
               "SIGRTMIN+0 then SIGUSR1 sent while blocked, then unblocked together; value = delivery "
               "order as signal names; evidence.sent_order"),
    PROBE_CASE("sigqueue-until-rlimit", sigqueue_until_rlimit,
               "a child (as root: a uid no other process has) lowers its soft RLIMIT_SIGPENDING to "
               "`limit`, blocks SIGRTMIN and sigqueue()s it to itself until refused; value = signals "
               "accepted, errno of the refusal; evidence.rlimit_sigpending = getrlimit afterwards, "
               "evidence.uid, evidence.queued_before = SigQ before (-1 if unreadable)",
               OPTIONAL_PARAM("limit", "the soft RLIMIT_SIGPENDING to set (default 16)")),
    PROBE_CASE("sigaction-refused", sigaction_refused,
               "sigaction(signal) with a handler (catch) or SIG_IGN (ignore); value = return of "
               "sigaction, errno; evidence.disposition_after",
               PARAM("signal", "the signal's name (SIGKILL)"), PARAM("action", "catch or ignore")),
    PROBE_CASE("sigprocmask-kill-stop", sigprocmask_kill_stop,
               "sigprocmask(SIG_BLOCK, every signal), then read the mask back (and restore it); value = "
               "how many of SIGKILL and SIGSTOP the mask holds (null if the call failed), errno; "
               "evidence.sigkill_blocked, sigstop_blocked, sigusr1_blocked"),
    PROBE_CASE("default-action", default_action,
               "a child in a process group of its own, RLIMIT_CORE 0 and not dumpable, the signal at "
               "SIG_DFL and unblocked, waits on a pipe; the parent sends the signal, then lets it exit "
               "0; value = its first change of state (exited, signaled, stopped, continued), signal = "
               "the terminating signal; evidence.stop_signal, exit_status, core_dumped, rlimit_core",
               PARAM("signal", "the signal's name (SIGTERM, SIGRTMIN+2)")),
    PROBE_CASE("blocked-default-action", blocked_default_action,
               "as default-action, but the child blocks every signal first; "
               "evidence.signal_in_child_mask = whether the signal is in the mask the child ended up "
               "with",
               PARAM("signal", "the signal's name (SIGKILL)")),
    PROBE_CASE("stop-then-continue", stop_then_continue,
               "a waiting child is stopped with SIGSTOP, then sent SIGCONT; value = the state "
               "waitpid(WUNTRACED|WCONTINUED) reports after SIGCONT; evidence.before, evidence.after"),
    PROBE_CASE("handler-reraise", handler_reraise,
               "a SIGUSR1 handler (SA_NODEFER when asked) sends SIGUSR1 to the process again on its "
               "first run; value = deepest nesting of handler runs; evidence.handler_calls, "
               "own_signal_blocked_in_handler, sa_nodefer",
               OPTIONAL_PARAM("flag", "nodefer: install the handler with SA_NODEFER (default: without)")),
    PROBE_CASE("read-interrupted-sa-restart", read_interrupted_sa_restart,
               "a SIGUSR1 handler with SA_RESTART; one read(1) on an empty pipe; a helper sends SIGUSR1 "
               "after delay_ms and writes a byte after twice that; value = return of read, errno; "
               "elapsed_ns, delay_ns; evidence.handler_calls, signal_at_ns, write_at_ns",
               DELAY_PARAM),
    PROBE_CASE("read-interrupted-no-restart", read_interrupted_no_restart,
               "as read-interrupted-sa-restart, with the handler installed without SA_RESTART", DELAY_PARAM),
    PROBE_CASE("kill-other-uid", kill_other_uid,
               "as uid 65534 (needs root), kill(SIGUSR1) a process running as root; value = return of "
               "kill, errno; evidence.sender_uid, target_uid, target_still_running"),
    PROBE_CASE("kill-same-uid", kill_same_uid,
               "as uid 65534 (needs root), kill(SIGUSR1) a process also running as uid 65534; value = "
               "return of kill, errno; evidence.sender_uid, target_uid, target_ended_by"),
    PROBE_CASE("exists-live", exists_live,
               "kill(child, 0) on a waiting child; value = return of kill, errno; "
               "evidence.child_still_running afterwards"),
    PROBE_CASE("exists-reaped", exists_reaped,
               "a child exits and is reaped; kill(its pid, 0); value = return of kill, errno (ESRCH "
               "expected); evidence.pid"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
