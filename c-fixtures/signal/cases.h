/* The cases of signal-probe, grouped by what they observe, and the few helpers they share. */
#ifndef IPC_CONFORMANCE_SIGNAL_CASES_H
#define IPC_CONFORMANCE_SIGNAL_CASES_H

#include <signal.h>
#include <stdbool.h>

/* ---- shared helpers (probe.c) ------------------------------------------------------- */
/* "SIGTERM", "SIGRTMIN+2" → the signal number; a usage error for anything else. */
int parse_signal_name(const char *name);
/* Sets how `how` (SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK) applies the listed signals (0-terminated). */
void change_mask(int how, const int *signals);
/* Installs `handler` (SA_SIGINFO) for sig with every signal blocked while it runs, so that
 * pending signals are delivered one at a time, in the kernel's order, between handler runs. */
void install_recording_handler(int sig);
/* What the recording handler saw, in delivery order. */
int recorded_count(void);
int recorded_signal(int index);
int recorded_value(int index);

/* ---- pending and queueing (queue.c) ------------------------------------------- */
void standard_merged_while_blocked(int argc, char **argv);
void realtime_queued_while_blocked(int argc, char **argv);
void realtime_values_in_order(int argc, char **argv);
void lowest_realtime_first(int argc, char **argv);
void standard_before_realtime(int argc, char **argv);
void sigqueue_until_rlimit(int argc, char **argv);

/* ---- dispositions and default actions (disposition.c) ------------------------- */
void sigaction_refused(int argc, char **argv);
void sigprocmask_kill_stop(int argc, char **argv);
void default_action(int argc, char **argv);
void blocked_default_action(int argc, char **argv);
void stop_then_continue(int argc, char **argv);

/* ---- handlers (handler.c) ----------------------------------------------------- */
void handler_reraise(int argc, char **argv);
void read_interrupted_sa_restart(int argc, char **argv);
void read_interrupted_no_restart(int argc, char **argv);

/* ---- who may signal whom (sender.c) ------------------------------------------- */
void kill_other_uid(int argc, char **argv);
void kill_same_uid(int argc, char **argv);
void exists_live(int argc, char **argv);
void exists_reaped(int argc, char **argv);

/* ---- sigaction flags and the alternate stack (action.c) ------------------------ */
void sa_mask_applied(int argc, char **argv);
void sa_mask_kill_stop(int argc, char **argv);
void sa_resethand(int argc, char **argv);
void old_action(int argc, char **argv);
void query_action(int argc, char **argv);
void sa_onstack(int argc, char **argv);
void altstack_calls(int argc, char **argv);
void helper_altstack_state(int argc, char **argv);
void signal_function(int argc, char **argv);

/* ---- children: SIGCHLD, waitid, zombies, groups (children.c) ------------------- */
void sigchld_first_code(int argc, char **argv);
void waitid_state(int argc, char **argv);
void no_zombies(int argc, char **argv);
void kill_group(int argc, char **argv);
void kill_own_group(int argc, char **argv);
void kill_all_in_pid_namespace(int argc, char **argv);

/* ---- the init of a PID namespace of the probe's own (pid_namespace.c) ---------- */
void init_signal_from_inside(int argc, char **argv);
void kill_init_from_parent(int argc, char **argv);
void kill_init_ends_namespace(int argc, char **argv);

/* ---- senders across a PID namespace's boundary (pid_namespace_senders.c) ------- */
void si_pid_from_parent(int argc, char **argv);
void kill_parent_pid_from_inside(int argc, char **argv);

/* ---- synchronous waiting (waiting.c) ------------------------------------------- */
void wait_blocks_until_sent(int argc, char **argv);
void wait_takes_pending(int argc, char **argv);
void sigwaitinfo_signo(int argc, char **argv);
void sigtimedwait_timeout(int argc, char **argv);
void sigsuspend_case(int argc, char **argv);
void sigpending_case(int argc, char **argv);
void wait_leaves_pending(int argc, char **argv);
void wait_order(int argc, char **argv);
void sigsuspend_terminating(int argc, char **argv);

/* ---- masks and refused numbers (mask.c) ---------------------------------------- */
void sigprocmask_how(int argc, char **argv);
void unblock_delivers(int argc, char **argv);
void invalid_signal(int argc, char **argv);

/* ---- siginfo, forged codes, raise (info.c) ------------------------------------- */
void siginfo_code(int argc, char **argv);
void siginfo_sender(int argc, char **argv);
void siginfo_value(int argc, char **argv);
void forge_si_code(int argc, char **argv);
void raise_handler(int argc, char **argv);

#endif
