/* What the files of pidfd-probe share: a child that lives until the probe lets it go, the pidfd
 * of a process (the probe fails when it cannot be had), and the cases of the other files. */
#ifndef IPC_CONFORMANCE_PIDFD_CASES_H
#define IPC_CONFORMANCE_PIDFD_CASES_H

#include <sys/types.h>

/* A helper child that waits until release_child() (or the probe's end) and then exits 0. */
struct held_child {
    pid_t pid;
    int release; /* write end of the pipe the child waits on: closing it lets the child exit */
};
struct held_child hold_child(void);
void release_child(struct held_child *child);

/* pidfd_open(pid, flags). When it fails, that is what the system answered: the errno becomes the
 * observation (value null, evidence.failed_call) and the probe ends there, cleaning up. */
int pidfd_of(pid_t pid, unsigned flags);

/* signalling.c: signals sent through a pidfd. */
void send_signal_si_user(int argc, char **argv);
void send_signal_with_info(int argc, char **argv);
void signal_after_reap(int argc, char **argv);

/* descriptors.c: pidfd_getfd and CLONE_PIDFD. */
void getfd_shares_offset(int argc, char **argv);
void getfd_other_uid(int argc, char **argv);
void clone_pidfd(int argc, char **argv);

/* reuse.c: a pidfd whose pid number came round again, in a PID namespace of the probe's own. */
void signal_after_pid_reuse(int argc, char **argv);

#endif
