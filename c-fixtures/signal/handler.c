/* Handler cases of signal-probe: how a running handler treats its own signal (SA_NODEFER), and
 * what a handled signal does to a blocked read (SA_RESTART). */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

/* ---- a handler that sends its own signal again --------------------------------------------- */

static volatile sig_atomic_t depth, deepest, calls, own_signal_blocked;

/* On its first run the handler sends its signal to the process again. Blocked, that signal waits
 * until the handler returns (deepest nesting 1); not blocked, it interrupts the handler (2). */
static void reraise(int sig) {
    depth++;
    calls++;
    if (depth > deepest) deepest = depth;
    if (calls == 1) {
        sigset_t now;
        sigprocmask(SIG_BLOCK, NULL, &now);
        own_signal_blocked = sigismember(&now, sig) == 1;
        kill(getpid(), sig);
    }
    depth--;
}

void handler_reraise(int argc, char **argv) {
    bool nodefer = argc > 0 && strcmp(argv[0], "nodefer") == 0;
    if (argc > 0 && !nodefer) probe_usage("'%s' is not nodefer", argv[0]);
    struct sigaction action = {.sa_handler = reraise, .sa_flags = nodefer ? SA_NODEFER : 0};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    /* An unblocked signal a process sends itself is delivered before kill() returns. */
    if (kill(getpid(), SIGUSR1) != 0) probe_fail("kill: %s", strerror(errno));
    obs_value_int(deepest);
    obs_evidence_int("handler_calls", calls);
    obs_evidence_bool("own_signal_blocked_in_handler", own_signal_blocked);
    obs_evidence_bool("sa_nodefer", nodefer);
    obs_emit();
}

/* ---- a read interrupted by a handled signal ------------------------------------------------ */

static volatile sig_atomic_t handled;

static void count_handled(int sig) {
    (void)sig;
    handled++;
}

struct interrupter {
    pid_t reader;
    int write_end;
    int64_t delay_ns;
};

/* Signals the reader after one delay, then gives it a byte after a second one. */
static void signal_then_write(void *arg) {
    struct interrupter *plan = arg;
    sleep_ns(plan->delay_ns);
    if (kill(plan->reader, SIGUSR1) != 0) _exit(1);
    sleep_ns(plan->delay_ns);
    if (write(plan->write_end, "x", 1) != 1) _exit(1);
}

/* One read(1) on an empty pipe while a helper sends SIGUSR1 (handled, with or without SA_RESTART)
 * after DELAY and writes a byte after 2 × DELAY. A restarted read returns the byte at about
 * 2 × DELAY; an unrestarted one fails with EINTR at about DELAY. */
static void observe_interrupted_read(int argc, char **argv, bool restart) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    struct sigaction action = {.sa_handler = count_handled, .sa_flags = restart ? SA_RESTART : 0};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    int fds[2];
    channel_create(fds);
    struct interrupter plan = {.reader = getpid(), .write_end = fds[1], .delay_ns = delay};
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(signal_then_write, &plan);
    char byte;
    ssize_t n = read(fds[0], &byte, 1);
    int err = n < 0 ? errno : 0;
    int64_t elapsed = monotonic_ns() - started;
    if (!handled) probe_fail("the read returned (%zd) before the signal was handled", n);
    reap(helper, NULL);
    obs_value_int(n);
    obs_errno(err);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(delay);
    obs_evidence_int("signal_at_ns", delay);
    obs_evidence_int("write_at_ns", 2 * delay);
    obs_evidence_int("handler_calls", handled);
    obs_evidence_bool("sa_restart", restart);
    obs_emit();
}

void read_interrupted_sa_restart(int argc, char **argv) { observe_interrupted_read(argc, argv, true); }
void read_interrupted_no_restart(int argc, char **argv) { observe_interrupted_read(argc, argv, false); }
