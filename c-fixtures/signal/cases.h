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

#endif
