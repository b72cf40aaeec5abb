/* Processes: jitter after fork (a perturbation), and at the first process's exit the children it
 * never waited for: the ones that ended (zombies: reaping with WNOHANG finds exactly those) and the
 * ones still running (the children it forked that waitpid with WNOHANG reports as not ended). */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tracer.h"

/* The children the first process forked, so that those still running at its exit can be counted. */
#define TRACKED_CHILDREN 256
static pid_t children[TRACKED_CHILDREN];
static int child_count;

pid_t fork(void) {
    pid_t pid = REAL(fork)();
    if (pid > 0 && (int)getpid() == tracer_first_pid && child_count < TRACKED_CHILDREN)
        children[child_count++] = pid;
    if (pid == 0) child_count = 0; /* a child's own children are not the first process's */
    if (pid < 0 || perturb_fork_jitter_ms <= 0) return pid;
    /* Both sides drew the same numbers (the state was copied), so they agree on who waits. */
    unsigned draw = tracer_random();
    bool child_waits = draw & 1;
    int wait_ms = (int)((draw >> 1) % (unsigned)(perturb_fork_jitter_ms + 1));
    if ((pid == 0) == child_waits) tracer_pause_ms(wait_ms);
    if (pid == 0) (void)tracer_random(); /* diverge from the parent from here on */
    return pid;
}

__attribute__((destructor)) static void count_zombies(void) {
    if ((int)getpid() != tracer_first_pid) return;
    int err = errno, zombies = 0, running = 0, status;
    /* Still running: waitid finds no state change (ended ones report their pid, children already
     * waited for give ECHILD); WNOWAIT leaves the zombies for the count below. */
    for (int i = 0; i < child_count; i++) {
        siginfo_t info = {0};
        running +=
            waitid(P_PID, (id_t)children[i], &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
    }
    while (waitpid(-1, &status, WNOHANG) > 0) zombies++;
    trace_line line;
    line_start(&line, "exit");
    line_int(&line, "zombies", zombies);
    line_int(&line, "running", running);
    line_emit(&line);
    errno = err;
}
