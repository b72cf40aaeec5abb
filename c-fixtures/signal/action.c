/* sigaction cases of signal-probe: what a handler's mask is while it runs (sa_mask, SA_NODEFER,
 * SA_RESETHAND), what sigaction hands back (the old action, a query), and where a handler runs
 * (SA_ONSTACK with sigaltstack). Every case sends its signal to itself: an unblocked signal a
 * process sends itself is delivered before kill() returns (kill(2), POSIX kill()). */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

static volatile sig_atomic_t runs, usr2_blocked_inside, own_blocked_inside, kill_stop_inside;

static void look_at_mask(int sig) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    runs++;
    usr2_blocked_inside = sigismember(&now, SIGUSR2) == 1;
    own_blocked_inside = sigismember(&now, sig) == 1;
    kill_stop_inside = sigismember(&now, SIGKILL) + sigismember(&now, SIGSTOP);
}

static void install(int sig, void (*handler)(int), int flags, const sigset_t *mask) {
    struct sigaction action = {.sa_handler = handler, .sa_flags = flags};
    if (mask)
        action.sa_mask = *mask;
    else
        sigemptyset(&action.sa_mask);
    if (sigaction(sig, &action, NULL) != 0) probe_fail("sigaction %s: %s", signal_name(sig), strerror(errno));
}

static void send_self(int sig) {
    if (kill(getpid(), sig) != 0) probe_fail("kill %s: %s", signal_name(sig), strerror(errno));
    if (!runs) probe_fail("the %s handler did not run before kill() returned", signal_name(sig));
}

static bool blocked_now(int sig) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, sig) == 1;
}

void sa_mask_applied(int argc, char **argv) {
    if (argc < 1 || (strcmp(argv[0], "during") != 0 && strcmp(argv[0], "after") != 0))
        probe_usage("sa-mask needs during or after");
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    install(SIGUSR1, look_at_mask, 0, &mask);
    send_self(SIGUSR1);
    bool after = blocked_now(SIGUSR2);
    obs_value_bool(strcmp(argv[0], "during") == 0 ? usr2_blocked_inside : after);
    obs_evidence_bool("sigusr2_blocked_in_handler", usr2_blocked_inside);
    obs_evidence_bool("sigusr2_blocked_after_return", after);
    obs_emit();
}

void sa_mask_kill_stop(int argc, char **argv) {
    (void)argc, (void)argv;
    sigset_t every;
    sigfillset(&every);
    struct sigaction action = {.sa_handler = look_at_mask, .sa_mask = every};
    int result = sigaction(SIGUSR1, &action, NULL);
    int err = result != 0 ? errno : 0;
    if (result == 0) {
        send_self(SIGUSR1);
        obs_value_int(kill_stop_inside);
    }
    obs_errno(err);
    obs_evidence_bool("sigusr2_blocked_in_handler", usr2_blocked_inside);
    obs_emit();
}

static const char *disposition_name(int sig) {
    struct sigaction now;
    if (sigaction(sig, NULL, &now) != 0) return errno_name(errno);
    return now.sa_handler == SIG_DFL ? "default" : now.sa_handler == SIG_IGN ? "ignore" : "handler";
}

void sa_resethand(int argc, char **argv) {
    bool reset = argc > 0 && strcmp(argv[0], "resethand") == 0;
    if (argc < 2 || (!reset && strcmp(argv[0], "none") != 0))
        probe_usage("sa-resethand needs resethand|none REPORT");
    const char *report = argv[1];
    if (strcmp(report, "disposition-after") != 0 && strcmp(report, "own-signal-blocked") != 0)
        probe_usage("'%s' is not disposition-after or own-signal-blocked", report);
    install(SIGUSR1, look_at_mask, reset ? SA_RESETHAND : 0, NULL);
    send_self(SIGUSR1);
    const char *after = disposition_name(SIGUSR1);
    if (strcmp(report, "disposition-after") == 0)
        obs_value_str(after);
    else
        obs_value_bool(own_blocked_inside);
    obs_evidence_str("disposition_after", after);
    obs_evidence_bool("own_signal_blocked_in_handler", own_blocked_inside);
    obs_evidence_bool("sa_resethand", reset);
    obs_emit();
}

static void first_handler(int sig) { (void)sig; }
static void second_handler(int sig) { (void)sig; }

void old_action(int argc, char **argv) {
    (void)argc, (void)argv;
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGWINCH);
    install(SIGUSR1, first_handler, SA_RESTART, &mask);
    struct sigaction second = {.sa_handler = second_handler}, old;
    sigemptyset(&second.sa_mask);
    memset(&old, 0, sizeof old);
    int result = sigaction(SIGUSR1, &second, &old);
    int err = result != 0 ? errno : 0;
    bool same_handler = old.sa_handler == first_handler;
    bool same_flags = (old.sa_flags & SA_RESTART) != 0;
    bool same_mask = sigismember(&old.sa_mask, SIGWINCH) == 1;
    obs_value_bool(result == 0 && same_handler && same_flags && same_mask);
    obs_errno(err);
    obs_evidence_bool("old_handler_is_the_first", same_handler);
    obs_evidence_bool("old_flags_have_sa_restart", same_flags);
    obs_evidence_bool("old_mask_has_sigwinch", same_mask);
    obs_emit();
}

void query_action(int argc, char **argv) {
    (void)argc, (void)argv;
    install(SIGUSR1, first_handler, 0, NULL);
    struct sigaction seen;
    int result = sigaction(SIGUSR1, NULL, &seen);
    int err = result != 0 ? errno : 0;
    struct sigaction again;
    sigaction(SIGUSR1, NULL, &again);
    obs_value_bool(result == 0 && again.sa_handler == first_handler);
    obs_errno(err);
    obs_evidence_bool("query_saw_the_handler", seen.sa_handler == first_handler);
    obs_emit();
}

/* ---- the alternate signal stack ------------------------------------------------------------- */

#define ALT_STACK_SIZE (256 * 1024)
static char alt_stack[ALT_STACK_SIZE] __attribute__((aligned(16)));
static volatile sig_atomic_t on_alt_stack, altstack_flags_inside, modify_result, modify_errno;

static void where_am_i(int sig) {
    (void)sig;
    char here;
    uintptr_t address = (uintptr_t)&here, base = (uintptr_t)alt_stack;
    on_alt_stack = address >= base && address < base + ALT_STACK_SIZE;
    stack_t now;
    if (sigaltstack(NULL, &now) == 0) altstack_flags_inside = now.ss_flags;
    stack_t other = {.ss_sp = alt_stack, .ss_size = ALT_STACK_SIZE};
    modify_result = sigaltstack(&other, NULL);
    modify_errno = modify_result != 0 ? errno : 0;
    runs++;
}

static const char *ss_flags_name(int flags) {
    return flags & SS_ONSTACK ? "SS_ONSTACK" : flags & SS_DISABLE ? "SS_DISABLE" : "0";
}

void sa_onstack(int argc, char **argv) {
    bool onstack = argc > 0 && strcmp(argv[0], "onstack") == 0;
    if (argc < 2 || (!onstack && strcmp(argv[0], "none") != 0))
        probe_usage("sa-onstack needs onstack|none REPORT");
    const char *report = argv[1];
    stack_t stack = {.ss_sp = alt_stack, .ss_size = ALT_STACK_SIZE}, before;
    if (sigaltstack(&stack, &before) != 0) probe_fail("sigaltstack: %s", strerror(errno));
    install(SIGUSR1, where_am_i, onstack ? SA_ONSTACK : 0, NULL);
    send_self(SIGUSR1);
    stack_t off = {.ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
    if (strcmp(report, "on-alt-stack") == 0) {
        obs_value_bool(on_alt_stack);
    } else if (strcmp(report, "ss-flags") == 0) {
        obs_value_str(ss_flags_name(altstack_flags_inside));
    } else if (strcmp(report, "modify-in-handler") == 0) {
        obs_value_int(modify_result);
        obs_errno(modify_errno);
    } else {
        probe_usage("'%s' is not on-alt-stack, ss-flags or modify-in-handler", report);
    }
    obs_evidence_bool("handler_on_alt_stack", on_alt_stack);
    obs_evidence_str("ss_flags_in_handler", ss_flags_name(altstack_flags_inside));
    obs_evidence_bool("sa_onstack", onstack);
    obs_emit();
}

/* The re-executed helper reports its alternate stack's state by exit status: base + 0 (enabled),
 * + 1 (SS_DISABLE) or + 2 (SS_ONSTACK). */
#define ALTSTACK_EXIT_BASE 20

void helper_altstack_state(int argc, char **argv) {
    (void)argc, (void)argv;
    stack_t now;
    if (sigaltstack(NULL, &now) != 0) _exit(1);
    _exit(ALTSTACK_EXIT_BASE + (now.ss_flags & SS_ONSTACK ? 2 : now.ss_flags & SS_DISABLE ? 1 : 0));
}

void altstack_calls(int argc, char **argv) {
    if (argc < 1) probe_usage("altstack needs CALL");
    const char *call = argv[0];
    stack_t stack = {.ss_sp = alt_stack, .ss_size = ALT_STACK_SIZE}, seen = {0};
    int result, err;
    if (strcmp(call, "old-stack") == 0) {
        if (sigaltstack(&stack, NULL) != 0) probe_fail("sigaltstack: %s", strerror(errno));
        stack_t off = {.ss_flags = SS_DISABLE};
        result = sigaltstack(&off, &seen);
        err = result != 0 ? errno : 0;
        obs_value_bool(result == 0 && seen.ss_sp == alt_stack && seen.ss_size == ALT_STACK_SIZE);
        obs_evidence_int("old_ss_size", (int64_t)seen.ss_size);
    } else if (strcmp(call, "disabled") == 0) {
        if (sigaltstack(&stack, NULL) != 0) probe_fail("sigaltstack: %s", strerror(errno));
        stack_t off = {.ss_flags = SS_DISABLE};
        sigaltstack(&off, NULL);
        result = sigaltstack(NULL, &seen);
        err = result != 0 ? errno : 0;
        obs_value_str(ss_flags_name(seen.ss_flags));
    } else if (strcmp(call, "too-small") == 0) {
        stack_t small = {.ss_sp = alt_stack, .ss_size = 512}; /* below MINSIGSTKSZ on every architecture */
        result = sigaltstack(&small, NULL);
        err = result != 0 ? errno : 0;
        obs_value_int(result);
        obs_evidence_int("ss_size", 512);
    } else if (strcmp(call, "bad-flags") == 0) {
        stack_t bad = {.ss_sp = alt_stack, .ss_size = ALT_STACK_SIZE, .ss_flags = 0x40};
        result = sigaltstack(&bad, NULL);
        err = result != 0 ? errno : 0;
        obs_value_int(result);
        obs_evidence_int("ss_flags", 0x40);
    } else if (strcmp(call, "after-exec") == 0) {
        /* fork keeps the alternate stack; the exec that follows in the helper must drop it. */
        if (sigaltstack(&stack, NULL) != 0) probe_fail("sigaltstack: %s", strerror(errno));
        char *helper_argv[] = {"signal-probe", "helper-altstack-state", NULL};
        int status = reap(spawn_reexec(helper_argv), NULL);
        if (status < ALTSTACK_EXIT_BASE || status > ALTSTACK_EXIT_BASE + 2)
            probe_fail("the re-executed helper exited with %d", status);
        static const char *const states[] = {"0", "SS_DISABLE", "SS_ONSTACK"};
        obs_value_str(states[status - ALTSTACK_EXIT_BASE]);
        result = 0, err = 0;
    } else {
        probe_usage("'%s' is not old-stack, disabled, too-small, bad-flags or after-exec", call);
    }
    stack_t off = {.ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
    obs_errno(err);
    obs_emit();
}

/* ---- signal() ------------------------------------------------------------------------------ */

static volatile sig_atomic_t signal_seen;
static void note_signal(int sig) { signal_seen = sig; }
static void other_handler(int sig) { (void)sig; }

struct default_child {
    int ready[2];
};

static void wait_with_signal_default(void *arg) {
    struct default_child *plan = arg;
    close(plan->ready[0]);
    signal(SIGUSR1, note_signal);
    signal(SIGUSR1, SIG_DFL);
    if (write(plan->ready[1], "r", 1) != 1) _exit(1);
    for (;;) pause();
}

/* signal() as the older interface: `what` = default (a child resets SIGUSR1 to SIG_DFL with
 * signal() and is sent it: value = signaled/exited, signal), ignore (SIG_IGN, then SIGUSR1 to
 * self: value = true, the probe carried on), handler (value = the number the handler was called
 * with, as a name), previous (value = whether the second signal() returned the first handler),
 * invalid (signal number SIGRTMAX+1: value = whether SIG_ERR came back, errno), sigkill (a handler
 * for SIGKILL: the same). */
void signal_function(int argc, char **argv) {
    if (argc < 1) probe_usage("signal-function needs WHAT");
    const char *what = argv[0];
    if (strcmp(what, "default") == 0) {
        struct default_child plan;
        if (pipe(plan.ready) != 0) probe_fail("pipe: %s", strerror(errno));
        pid_t child = spawn_helper(wait_with_signal_default, &plan);
        close(plan.ready[1]);
        char byte;
        if (read(plan.ready[0], &byte, 1) != 1) probe_fail("the child died before it was set up");
        close(plan.ready[0]);
        kill(child, SIGUSR1);
        int sig = 0;
        reap(child, &sig);
        obs_value_str(sig ? "signaled" : "exited");
        obs_signal(sig);
    } else if (strcmp(what, "ignore") == 0) {
        if (signal(SIGUSR1, SIG_IGN) == SIG_ERR) probe_fail("signal: %s", strerror(errno));
        if (kill(getpid(), SIGUSR1) != 0) probe_fail("kill: %s", strerror(errno));
        obs_value_bool(true); /* reached only if SIGUSR1 did not end the probe */
    } else if (strcmp(what, "handler") == 0) {
        if (signal(SIGUSR1, note_signal) == SIG_ERR) probe_fail("signal: %s", strerror(errno));
        if (kill(getpid(), SIGUSR1) != 0) probe_fail("kill: %s", strerror(errno));
        obs_value_str(signal_seen ? signal_name(signal_seen) : "none");
    } else if (strcmp(what, "previous") == 0) {
        if (signal(SIGUSR1, note_signal) == SIG_ERR) probe_fail("signal: %s", strerror(errno));
        void (*previous)(int) = signal(SIGUSR1, other_handler);
        obs_value_bool(previous == note_signal);
    } else if (strcmp(what, "invalid") == 0 || strcmp(what, "sigkill") == 0) {
        int sig = strcmp(what, "invalid") == 0 ? SIGRTMAX + 1 : SIGKILL;
        errno = 0;
        void (*previous)(int) = signal(sig, note_signal);
        obs_value_bool(previous == SIG_ERR);
        obs_errno(previous == SIG_ERR ? errno : 0);
        obs_evidence_int("signal_number", sig);
    } else {
        probe_usage("'%s' is not default, ignore, handler, previous, invalid or sigkill", what);
    }
    obs_emit();
}
