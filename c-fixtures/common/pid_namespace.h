/* A PID namespace of the probe's own (pid_namespaces(7)): a helper that stays in the parent
 * namespace and the first process of the new one (its init, pid 1 there), so that a probe can
 * observe what crosses the boundary between them. The machine's namespace is never touched. */
#ifndef IPC_CONFORMANCE_PID_NAMESPACE_H
#define IPC_CONFORMANCE_PID_NAMESPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Makes the caller's next child the init of a new PID namespace: unshare(CLONE_NEWPID), or, when
 * that is refused for want of CAP_SYS_ADMIN (a container's root), unshare(CLONE_NEWUSER |
 * CLONE_NEWPID) with the caller's uid and gid mapped to 0 in the new user namespace. 0, or -1 with
 * errno. It changes the caller for good: call it in a helper, never in the probe itself. */
int unshare_pid_namespace(void);

/* The exit status of an init that found it is not pid 1 (the namespace was not made). */
#define NOT_PID_ONE_STATUS 125

/* In a process that called unshare_pid_namespace: forks the namespace's init, which runs body(arg)
 * and exits 0. It dies with its parent (PR_SET_PDEATHSIG), and with it the whole namespace; it is
 * registered for kill+reap. It exits NOT_PID_ONE_STATUS at once if it is not pid 1. */
pid_t spawn_namespace_init(void (*body)(void *arg), void *arg);

/* run_reporting_helper whose helper first makes a new PID namespace: body(arg, report) runs in the
 * parent namespace and starts the init with spawn_namespace_init. A namespace that cannot be made
 * fails the probe, naming the refused call (the pid-namespace requirement said it could be). */
void run_beside_pid_namespace(void (*body)(void *arg, void *report), void *arg, void *report, size_t size);

/* Reaps `pid`, waiting at most timeout_ms: its exit status (or 128+signal), the signal in *sig;
 * -1 when it is still running then (it is left to the caller). */
int reap_within(pid_t pid, long timeout_ms, int *sig);

/* ---- a pid-valued field read on both sides (System V's last-operation pids) ---------------- */

/* What both sides read. The pids say who the processes are, each as a namespace numbers it. */
struct pid_field_views {
    long inside, outside;                /* the field as the init and as the helper outside read it */
    int inside_errno, outside_errno;     /* of those reads (0: it succeeded) */
    int act_errno;                       /* of the act */
    int inside_pid_in_own_namespace;     /* the init's getpid(): 1 */
    int inside_pid_in_parent_namespace;  /* the init's pid as fork() gave it to the helper */
    int outside_pid_in_parent_namespace; /* the helper's getpid() */
};

/* Makes a PID namespace, then: `act` once, in the init (act_inside) or in the helper outside
 * before the init starts; then `read` in the init and in the helper, while the init is alive.
 * act(arg, &handle) returns 0 or an errno and may replace the handle (an object the init made);
 * read(arg, handle) returns the field, or -1 with errno. The probe fails if the init reports
 * nothing or is not pid 1. */
void observe_pid_field_across_pid_namespace(bool act_inside, int (*act)(void *arg, int *handle),
                                            long (*read_field)(void *arg, int handle), void *arg, int handle,
                                            struct pid_field_views *views);

/* value = the field as `reader_inside` says (init or helper), errno of that read; the pids above
 * and act_errno as evidence. Emits the observation. */
void emit_pid_field_views(const struct pid_field_views *views, bool reader_inside);

/* "inside" → true, "outside" → false; a usage error naming `what` for anything else. */
bool parse_namespace_side(const char *text, const char *what);

#endif
