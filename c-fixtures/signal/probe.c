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
               PARAM("signal", "the signal's name (SIGKILL)"), PARAM("action", "catch or ignore"),
               OPTIONAL_PARAM("report", "return (default: value = return, errno) or disposition-after "
                                        "(value = the disposition read back)")),
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
               "as uid 65534 (needs root), kill(SIGUSR1) a process running as root (or sigqueue it, "
               "kill it with SIGCONT from the same session, or killpg the group it leads); value = "
               "return of the call, errno; evidence.sender_uid, target_uid, target_still_running",
               OPTIONAL_PARAM("call", "kill (default), sigqueue, sigcont or killpg")),
    PROBE_CASE("kill-same-uid", kill_same_uid,
               "as uid 65534 (needs root), kill(SIGUSR1) a process also running as uid 65534; value = "
               "return of kill, errno; evidence.sender_uid, target_uid, target_ended_by"),
    PROBE_CASE("exists-live", exists_live,
               "kill(child, 0) on a waiting child; value = return of kill, errno; "
               "evidence.child_still_running afterwards"),
    PROBE_CASE(
        "exists-reaped", exists_reaped,
        "a child exits and is reaped; kill(its pid, 0); value = return of kill, errno (ESRCH "
        "expected); evidence.pid, call",
        OPTIONAL_PARAM(
            "call",
            "kill (default), sigqueue or killpg (the pid as a group): which call sends the null signal")),
    PROBE_CASE("sa-mask", sa_mask_applied,
               "a SIGUSR1 handler installed with sa_mask {SIGUSR2} runs (kill to self); value = whether "
               "SIGUSR2 was blocked inside the handler (during) or is blocked after it returned (after); "
               "evidence.sigusr2_blocked_in_handler, sigusr2_blocked_after_return",
               PARAM("moment", "during or after")),
    PROBE_CASE("sa-mask-kill-stop", sa_mask_kill_stop,
               "sigaction(SIGUSR1) with sa_mask = every signal, then SIGUSR1 to self; value = how many of "
               "SIGKILL and SIGSTOP the mask inside the handler holds (null if sigaction failed), errno"),
    PROBE_CASE("sa-resethand", sa_resethand,
               "a SIGUSR1 handler with SA_RESETHAND (resethand) or without (none) runs once; value = the "
               "disposition read back afterwards (default, handler, ignore) or whether SIGUSR1 was "
               "blocked inside the handler; evidence.disposition_after, own_signal_blocked_in_handler",
               PARAM("flag", "resethand or none"),
               PARAM("report", "disposition-after or own-signal-blocked")),
    PROBE_CASE("old-action", old_action,
               "installs handler A (SA_RESTART, sa_mask {SIGWINCH}) for SIGUSR1, then handler B asking for "
               "the old action; value = whether the old action is A with its flag and mask, errno; "
               "evidence.old_handler_is_the_first, old_flags_have_sa_restart, old_mask_has_sigwinch"),
    PROBE_CASE("query-action", query_action,
               "installs a SIGUSR1 handler, then sigaction(SIGUSR1, NULL, &old); value = whether the "
               "handler is still installed afterwards, errno; evidence.query_saw_the_handler"),
    PROBE_CASE("sa-onstack", sa_onstack,
               "an alternate stack (256 KiB) is declared with sigaltstack; a SIGUSR1 handler with "
               "SA_ONSTACK (onstack) or without (none) runs; value = whether the handler's locals lay "
               "on the alternate stack (on-alt-stack), the ss_flags sigaltstack reported inside it "
               "(ss-flags: SS_ONSTACK, SS_DISABLE or 0), or the return and errno of changing the "
               "alternate stack inside it (modify-in-handler)",
               PARAM("flag", "onstack or none"),
               PARAM("report", "on-alt-stack, ss-flags or modify-in-handler")),
    PROBE_CASE("altstack", altstack_calls,
               "one sigaltstack call: old-stack (value = whether disabling hands back the declared "
               "ss_sp and ss_size), disabled (value = ss_flags read after SS_DISABLE), too-small "
               "(ss_size 512, below MINSIGSTKSZ; value = return, errno), bad-flags (ss_flags 0x40; value = "
               "return, errno), after-exec (value = the ss_flags a re-executed child of a process with an "
               "alternate stack finds: SS_DISABLE, 0 or SS_ONSTACK)",
               PARAM("call", "old-stack, disabled, too-small, bad-flags or after-exec")),
    HELPER_CASE("helper-altstack-state", helper_altstack_state),
    PROBE_CASE("signal-function", signal_function,
               "signal() itself: default (a child resets SIGUSR1 to SIG_DFL with signal() and is sent it; "
               "value = signaled or exited, signal), ignore (SIG_IGN, SIGUSR1 to self; value = true when the "
               "probe carried on), handler (value = the signal the handler was called with), previous "
               "(value = whether the second signal() returned the first handler), invalid (SIGRTMAX+1) or "
               "sigkill (a handler for SIGKILL): value = whether SIG_ERR came back, errno",
               PARAM("what", "default, ignore, handler, previous, invalid or sigkill")),
    PROBE_CASE("sigchld-code", sigchld_first_code,
               "SIGCHLD handled (with SA_NOCLDSTOP: nocldstop, or none) and blocked; a child is stopped "
               "(SIGSTOP, seen by waitpid WUNTRACED), continued (SIGCONT, seen by WCONTINUED), then "
               "exits and is reaped. event stop: value = si_code of the SIGCHLD left pending at the end "
               "(the first generated: CLD_STOPPED, or CLD_EXITED when stopping generated none); event "
               "continue: the SIGCHLD of the stop is taken first (waiting up to 1 s without the flag, "
               "polling with it), value = si_code of what is pending at the end; "
               "evidence.taken_before_continue",
               PARAM("flag", "nocldstop or none"), PARAM("event", "stop or continue")),
    PROBE_CASE("waitid-state", waitid_state,
               "a waiting child is stopped with SIGSTOP and seen by waitid(P_PID, WSTOPPED), then (event "
               "continue) sent SIGCONT and seen by waitid(WCONTINUED); value = the si_code of the last "
               "waitid (CLD_STOPPED, CLD_CONTINUED), errno; evidence.si_status, si_pid_is_child",
               PARAM("event", "stop or continue")),
    PROBE_CASE("no-zombies", no_zombies,
               "SIGCHLD with SA_NOCLDWAIT (nocldwait) or at SIG_IGN (ignore); a child exits; "
               "waitpid(-1) blocks until it has ended; value = 0 if it reported the child, -1 if it "
               "failed; errno (ECHILD: no zombie was left); evidence.waited_for_the_child",
               PARAM("mode", "nocldwait or ignore")),
    PROBE_CASE("kill-group", kill_group,
               "three children in a new process group, SIGUSR1 at its default; kill(-pgid) (kill) or "
               "killpg(pgid) (killpg); value = how many of them SIGUSR1 ended, errno; evidence.members, "
               "prober_in_group",
               PARAM("call", "kill or killpg")),
    PROBE_CASE("kill-own-group", kill_own_group,
               "a helper leads a new process group with two members (SIGUSR1 at its default), blocks "
               "SIGUSR1 itself and calls kill(0, SIGUSR1); value = how many of the three it reached "
               "(members ended by it, plus 1 if it is pending in the sender), errno; evidence.group_size, "
               "members_ended, sender_got_it"),
    PROBE_CASE("kill-all-in-pid-namespace", kill_all_in_pid_namespace,
               "(needs root) a child unshares a PID namespace; its pid 1 there, SIGUSR1 blocked, starts "
               "three waiting members and calls kill(-1, SIGUSR1) (only after checking it is pid 1 of "
               "the new namespace); value = members SIGUSR1 ended, errno; evidence.members, "
               "sender_not_signalled"),
    PROBE_CASE("init-signal-from-inside", init_signal_from_inside,
               "a helper makes a PID namespace (with a user namespace when CAP_SYS_ADMIN is missing); "
               "its init (pid 1 there) sets `signal` to SIG_DFL or to a handler, and a second process "
               "there calls kill(1, signal); value = what became of the init (unaffected, handled, "
               "ended-by-SIG…, exited-N), errno of that kill; evidence.sender_pid_in_namespace, "
               "target_pid, disposition",
               PARAM("signal", "SIGKILL, SIGTERM, SIGUSR1 …"),
               PARAM("disposition", "default or handler (not with SIGKILL)")),
    PROBE_CASE("kill-init-from-parent", kill_init_from_parent,
               "the init of a PID namespace of the probe's own (SIGUSR1 and SIGTERM at SIG_DFL, two "
               "members waiting) is sent `signal` by its parent in the parent namespace; value = what "
               "became of it (unaffected, stopped, ended-by-SIG…), errno of the kill; "
               "evidence.init_pid_outside",
               PARAM("signal", "SIGKILL, SIGSTOP, SIGUSR1, SIGTERM …")),
    PROBE_CASE("kill-init-ends-namespace", kill_init_ends_namespace,
               "the init of a PID namespace of the probe's own, with two members waiting, is sent "
               "SIGKILL from the parent namespace; value = members that ended within 1 s (their pipe "
               "end closed), errno of the kill; evidence.members, init (what became of it)"),
    PROBE_CASE("si-pid-from-parent", si_pid_from_parent,
               "the init of a PID namespace of the probe's own has a SA_SIGINFO handler for SIGUSR1; its "
               "parent, in the parent namespace, sends it SIGUSR1; value = si_pid the handler saw; "
               "evidence.sender_pid_outside, receiver_pid_inside, receiver_pid_outside, si_code_is_si_user"),
    PROBE_CASE("kill-parent-pid-from-inside", kill_parent_pid_from_inside,
               "the init of a PID namespace of the probe's own (the only process there) calls "
               "kill(P, SIGUSR1), P the pid of its parent in the parent namespace (SIGUSR1 blocked "
               "there); value = kill's result, errno; evidence.target_pid, sender_pid_in_namespace, "
               "processes_in_namespace, target_got_it"),
    PROBE_CASE("wait-blocks", wait_blocks_until_sent,
               "SIGUSR1 blocked and nothing pending; `function` (sigwait, sigwaitinfo, sigtimedwait with "
               "2 s) waits for it while a helper sends it after delay_ms; value = the signal returned "
               "(name) or -1, errno; elapsed_ns, delay_ns; evidence.still_pending_after, si_signo",
               PARAM("function", "sigwait, sigwaitinfo or sigtimedwait"), DELAY_PARAM),
    PROBE_CASE("wait-pending", wait_takes_pending,
               "SIGUSR1 blocked and sent to self first; `function` takes it; value = the signal returned "
               "(name) or -1, errno; elapsed_ns; evidence.still_pending_after (whether it is pending "
               "after it was taken), si_signo",
               PARAM("function", "sigwait, sigwaitinfo or sigtimedwait")),
    PROBE_CASE("sigtimedwait-timeout", sigtimedwait_timeout,
               "SIGUSR1 blocked, nothing sent; sigtimedwait with a timeout of timeout_ms; value = "
               "elapsed whole ms, errno; elapsed_ns; evidence.returned",
               OPTIONAL_PARAM("timeout_ms", "the timeout in milliseconds, 0 polls (default 100)")),
    PROBE_CASE("sigsuspend", sigsuspend_case,
               "SIGUSR1 handled and blocked; sigsuspend(mask {SIGUSR2}); a helper sends SIGUSR1 after "
               "delay_ms; report return: value = return, errno; mask-during: value = whether SIGUSR2 "
               "was blocked in the handler; mask-after: value = whether the mask is back to {SIGUSR1}; "
               "kill-stop-during: the mask is every signal but SIGUSR1, value = how many of SIGKILL and "
               "SIGSTOP the handler's mask holds; blocks: value = handler runs, elapsed_ns, delay_ns",
               PARAM("report", "return, mask-during, mask-after, kill-stop-during or blocks"), DELAY_PARAM),
    PROBE_CASE("sigwaitinfo-signo", sigwaitinfo_signo,
               "SIGUSR1 blocked and sent to self, taken by sigwaitinfo; value = the si_signo stored in info; "
               "evidence.returned"),
    PROBE_CASE("sigpending", sigpending_case,
               "SIGUSR2 blocked and sent to self; value = whether sigpending holds it (blocked), or "
               "still holds it after sigwaitinfo took it (taken), errno",
               PARAM("when", "blocked or taken")),
    PROBE_CASE("wait-leaves", wait_leaves_pending,
               "SIGUSR1 (standard) or SIGRTMIN (realtime, queued) blocked and sent to self three times; "
               "`function` takes one; value = whether the signal is still pending afterwards",
               PARAM("kind", "standard or realtime"),
               PARAM("function", "sigwait, sigwaitinfo or sigtimedwait")),
    PROBE_CASE("wait-order", wait_order,
               "SIGRTMIN+5, +2, +0 queued in that order while blocked, then taken one at a time by "
               "`function`; value = the order taken, as signal names; evidence.sent_order",
               PARAM("function", "sigwait, sigwaitinfo or sigtimedwait")),
    PROBE_CASE("sigsuspend-terminating", sigsuspend_terminating,
               "a child blocks SIGTERM (default action) and calls sigsuspend with an empty mask; the probe "
               "sends SIGTERM; value = signaled or exited (exited means sigsuspend returned), signal"),
    PROBE_CASE(
        "sigprocmask-how", sigprocmask_how,
        "mask {SIGUSR1,SIGUSR2}; set {SIGUSR2,SIGWINCH} applied with how = block, unblock, "
        "setmask, old (SIG_SETMASK, value = the old mask handed back), invalid (how 12345), "
        "query (how 12345 and a NULL set), pthread-invalid (pthread_sigmask, how 12345, errno = "
        "the returned error number); value = the resulting mask among those three signals "
        "(\"SIGUSR1,SIGUSR2\", \"none\"), errno; evidence.mask_after, old_mask, returned",
        PARAM("how", "block, unblock, setmask, old, invalid, query or pthread-invalid"),
        OPTIONAL_PARAM("function", "sigprocmask (default) or pthread_sigmask: which call applies how")),
    PROBE_CASE("unblock-delivers", unblock_delivers,
               "SIGUSR1 handled, blocked, sent to self, then unblocked; value = handler runs counted "
               "right after sigprocmask returned; evidence.handled_while_blocked"),
    PROBE_CASE("invalid-signal", invalid_signal,
               "kill(self), sigqueue(self), raise, killpg (a group of one child of the probe) or "
               "sigaction with signal SIGRTMAX+1 (sigaction-zero: signal 0); value = return, errno; "
               "evidence.signal_number",
               PARAM("call", "kill, sigqueue, raise, killpg, sigaction or sigaction-zero")),
    PROBE_CASE("siginfo-code", siginfo_code,
               "SIGRTMIN blocked, sent to self by kill, sigqueue or tgkill, taken by sigwaitinfo; value = "
               "its si_code name (SI_USER, SI_QUEUE, SI_TKILL …); evidence.si_code, si_signo",
               PARAM("sender", "kill, sigqueue or tgkill")),
    PROBE_CASE("siginfo-sender", siginfo_sender,
               "SIGUSR1 blocked; a child sends it with kill; sigwaitinfo takes it; value = si_pid (pid) "
               "or si_uid (uid); evidence.sender_pid, sender_uid, si_code",
               PARAM("field", "pid or uid")),
    PROBE_CASE("siginfo-value", siginfo_value,
               "sigqueue(self, SIGRTMIN, 42) while blocked, taken by sigwaitinfo; value = si_value."
               "sival_int; evidence.sent_value"),
    PROBE_CASE("forge-si-code", forge_si_code,
               "rt_sigqueueinfo(SIGUSR1) with si_code SI_USER and a made-up si_pid, to a waiting child "
               "of the same uid (other) or to the probe itself (self, SIGUSR1 blocked); value = return, "
               "errno; evidence.si_code_arrived (self)",
               PARAM("target", "other or self")),
    PROBE_CASE("raise-handler", raise_handler,
               "raise(SIGUSR1), or kill/sigqueue of SIGUSR1 to the probe itself, with a handler; value = "
               "handler runs counted right after the call returned",
               OPTIONAL_PARAM("call", "raise (default), kill or sigqueue")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
