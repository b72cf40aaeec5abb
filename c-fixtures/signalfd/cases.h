/* The cases of signalfd-probe, grouped by file, and the helpers they share (probe.c). */
#ifndef IPC_CONFORMANCE_SIGNALFD_CASES_H
#define IPC_CONFORMANCE_SIGNALFD_CASES_H

#include <signal.h>
#include <stdbool.h>
#include <sys/signalfd.h>
#include <sys/types.h>

/* A set of the listed signals (0-terminated). */
sigset_t signals_of(const int *signals);
/* Blocks the listed signals (0-terminated) in the probe, or the probe fails. */
void block_signals(const int *signals);
/* signalfd(-1, listed signals, flags), or the probe fails. */
int descriptor_for(const int *signals, int flags);
/* One read of one record; the result of read(), errno kept. */
ssize_t read_record(int fd, struct signalfd_siginfo *record);
/* Whether sig is in the probe's pending set. */
bool is_pending(int sig);

/* ---- more than one process (processes.c) ------------------------------------------------- */
void siginfo_from_child(int argc, char **argv);
void read_blocks(int argc, char **argv);
void kill_stop_in_mask(int argc, char **argv);
void forked_child_reads_own(int argc, char **argv);

#endif
