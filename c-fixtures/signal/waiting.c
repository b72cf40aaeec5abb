/* Waiting cases of signal-probe: taking a blocked signal synchronously (sigwait, sigwaitinfo,
 * sigtimedwait), waiting with a temporary mask (sigsuspend), and looking at what is pending
 * (sigpending). "Blocks" is observed: a helper sends the signal after delay_ms. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

struct late_sender {
    pid_t target;
    int sig;
    int64_t delay_ns;
};

static void send_late(void *arg) {
    struct late_sender *plan = arg;
    sleep_ns(plan->delay_ns);
    if (kill(plan->target, plan->sig) != 0) _exit(1);
}

static int wait_with(const char *function, const sigset_t *set, siginfo_t *info,
                     const struct timespec *timeout) {
    if (strcmp(function, "sigwait") == 0) {
        int sig = 0, error = sigwait(set, &sig);
        if (error != 0) {
            errno = error;
            return -1;
        }
        return sig;
    }
    if (strcmp(function, "sigwaitinfo") == 0) return sigwaitinfo(set, info);
    if (strcmp(function, "sigtimedwait") == 0) return sigtimedwait(set, info, timeout);
    probe_usage("'%s' is not sigwait, sigwaitinfo or sigtimedwait", function);
}

/* SIGUSR1 blocked; `function` waits for it with nothing pending until a helper sends it after
 * the delay (or, with pending, it is sent first). */
static void observe_wait(int argc, char **argv, bool pending) {
    if (argc < 1) probe_usage("needs FUNCTION");
    const char *function = argv[0];
    int64_t delay = arg_delay_ns(argc, argv, 1);
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    struct timespec timeout = {.tv_sec = 2};
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (pending && kill(getpid(), SIGUSR1) != 0) probe_fail("kill: %s", strerror(errno));
    int64_t started = monotonic_ns();
    pid_t helper = 0;
    if (!pending) {
        struct late_sender plan = {.target = getpid(), .sig = SIGUSR1, .delay_ns = delay};
        helper = spawn_helper(send_late, &plan);
    }
    int sig;
    while ((sig = wait_with(function, &set, &info, &timeout)) < 0 && errno == EINTR) {
    }
    int err = sig < 0 ? errno : 0;
    int64_t elapsed = monotonic_ns() - started;
    if (helper) reap(helper, NULL);
    sigset_t still;
    sigpending(&still);
    if (sig > 0)
        obs_value_str(signal_name(sig));
    else
        obs_value_int(sig);
    obs_errno(err);
    obs_elapsed_ns(elapsed);
    if (!pending) obs_delay_ns(delay);
    obs_evidence_bool("still_pending_after", sigismember(&still, SIGUSR1) == 1);
    if (strcmp(function, "sigwait") != 0)
        obs_evidence_str("si_signo", sig > 0 ? signal_name(info.si_signo) : "none");
    obs_emit();
}

void wait_blocks_until_sent(int argc, char **argv) { observe_wait(argc, argv, false); }
void wait_takes_pending(int argc, char **argv) { observe_wait(argc, argv, true); }

/* As wait-pending with sigwaitinfo, but value = the si_signo it stored in info. */
void sigwaitinfo_signo(int argc, char **argv) {
    (void)argc, (void)argv;
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    if (kill(getpid(), SIGUSR1) != 0) probe_fail("kill: %s", strerror(errno));
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int sig = sigwaitinfo(&set, &info);
    if (sig < 0) probe_fail("sigwaitinfo: %s", strerror(errno));
    obs_value_str(signal_name(info.si_signo));
    obs_evidence_str("returned", signal_name(sig));
    obs_emit();
}

/* sigtimedwait with nothing pending and nothing sent: value = elapsed ms, errno. */
void sigtimedwait_timeout(int argc, char **argv) {
    long timeout_ms = arg_long(argc, argv, 0, 100);
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    struct timespec timeout = {.tv_sec = timeout_ms / 1000, .tv_nsec = (timeout_ms % 1000) * 1000000L};
    siginfo_t info;
    int64_t started = monotonic_ns();
    int sig = sigtimedwait(&set, &info, &timeout);
    int err = sig < 0 ? errno : 0;
    int64_t elapsed = monotonic_ns() - started;
    obs_value_int(elapsed / 1000000);
    obs_errno(err);
    obs_elapsed_ns(elapsed);
    obs_evidence_int("timeout_ms", timeout_ms);
    obs_evidence_int("returned", sig);
    obs_emit();
}

/* ---- sigsuspend ----------------------------------------------------------------------------- */

static volatile sig_atomic_t handled, usr2_blocked_inside, kill_stop_inside;

static void note_mask(int sig) {
    (void)sig;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    usr2_blocked_inside = sigismember(&now, SIGUSR2) == 1;
    kill_stop_inside = sigismember(&now, SIGKILL) + sigismember(&now, SIGSTOP);
    handled++;
}

/* SIGUSR1 blocked and handled; sigsuspend with a mask that holds SIGUSR2 and not SIGUSR1; a
 * helper sends SIGUSR1 after the delay. */
void sigsuspend_case(int argc, char **argv) {
    if (argc < 1) probe_usage("sigsuspend needs REPORT");
    const char *report = argv[0];
    int64_t delay = arg_delay_ns(argc, argv, 1);
    struct sigaction action = {.sa_handler = note_mask};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    change_mask(SIG_SETMASK, (const int[]){SIGUSR1, 0});
    sigset_t temporary;
    /* kill-stop-during asks for every signal but SIGUSR1: SIGKILL and SIGSTOP must stay out. */
    bool full = strcmp(report, "kill-stop-during") == 0;
    if (full) {
        sigfillset(&temporary);
        sigdelset(&temporary, SIGUSR1);
    } else {
        sigemptyset(&temporary);
        sigaddset(&temporary, SIGUSR2);
    }
    int64_t started = monotonic_ns();
    struct late_sender plan = {.target = getpid(), .sig = SIGUSR1, .delay_ns = delay};
    pid_t helper = spawn_helper(send_late, &plan);
    int result = sigsuspend(&temporary);
    int err = result != 0 ? errno : 0;
    int64_t elapsed = monotonic_ns() - started;
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    bool restored = sigismember(&after, SIGUSR1) == 1 && sigismember(&after, SIGUSR2) != 1;
    reap(helper, NULL);
    if (strcmp(report, "return") == 0) {
        obs_value_int(result);
        obs_errno(err);
    } else if (strcmp(report, "mask-after") == 0) {
        obs_value_bool(restored);
    } else if (strcmp(report, "mask-during") == 0) {
        obs_value_bool(usr2_blocked_inside);
    } else if (full) {
        obs_value_int(kill_stop_inside);
    } else if (strcmp(report, "blocks") == 0) {
        obs_value_int(handled);
        obs_elapsed_ns(elapsed);
        obs_delay_ns(delay);
    } else {
        probe_usage("'%s' is not return, mask-after, mask-during, kill-stop-during or blocks", report);
    }
    obs_evidence_int("returned", result);
    obs_evidence_str("errno_of_return", err ? errno_name(err) : "none");
    obs_evidence_int("handler_calls", handled);
    obs_evidence_bool("mask_restored", restored);
    obs_evidence_bool("sigusr2_blocked_in_handler", usr2_blocked_inside);
    obs_emit();
}

/* SIGUSR2 blocked and sent to itself; value = whether sigpending holds it (`when` = blocked), or
 * whether it still does after sigwaitinfo took it (`when` = taken). */
void sigpending_case(int argc, char **argv) {
    if (argc < 1) probe_usage("sigpending needs WHEN");
    bool taken = strcmp(argv[0], "taken") == 0;
    if (!taken && strcmp(argv[0], "blocked") != 0) probe_usage("'%s' is neither blocked nor taken", argv[0]);
    change_mask(SIG_BLOCK, (const int[]){SIGUSR2, 0});
    if (kill(getpid(), SIGUSR2) != 0) probe_fail("kill: %s", strerror(errno));
    if (taken) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGUSR2);
        if (sigwaitinfo(&set, NULL) != SIGUSR2) probe_fail("sigwaitinfo: %s", strerror(errno));
    }
    sigset_t pending;
    int result = sigpending(&pending);
    int err = result != 0 ? errno : 0;
    if (result == 0) obs_value_bool(sigismember(&pending, SIGUSR2) == 1);
    obs_errno(err);
    obs_evidence_int("returned", result);
    obs_emit();
}

/* ---- what taking one signal leaves behind, and in which order several are taken -------------- */

/* `sig` blocked and sent to itself three times (real-time ones queued), then `function` takes
 * one; value = whether the signal is still pending afterwards. */
void wait_leaves_pending(int argc, char **argv) {
    if (argc < 2) probe_usage("wait-leaves needs KIND FUNCTION");
    bool realtime = strcmp(argv[0], "realtime") == 0;
    if (!realtime && strcmp(argv[0], "standard") != 0)
        probe_usage("'%s' is neither standard nor realtime", argv[0]);
    int sig = realtime ? SIGRTMIN : SIGUSR1;
    change_mask(SIG_BLOCK, (const int[]){sig, 0});
    for (int i = 0; i < 3; i++) {
        int sent = realtime ? sigqueue(getpid(), sig, (union sigval){.sival_int = i}) : kill(getpid(), sig);
        if (sent != 0) probe_fail("sending: %s", strerror(errno));
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    siginfo_t info;
    struct timespec timeout = {.tv_sec = 2};
    int taken = wait_with(argv[1], &set, &info, &timeout);
    if (taken != sig) probe_fail("%s: %s", argv[1], strerror(errno));
    sigset_t pending;
    sigpending(&pending);
    obs_value_bool(sigismember(&pending, sig) == 1);
    obs_evidence_int("sent", 3);
    obs_evidence_str("signal", signal_name(sig));
    obs_emit();
}

/* SIGRTMIN+5, +2 and +0 sent in that order while blocked, then taken one by one with `function`;
 * value = the order they were taken in. */
void wait_order(int argc, char **argv) {
    if (argc < 1) probe_usage("wait-order needs FUNCTION");
    int sent[] = {SIGRTMIN + 5, SIGRTMIN + 2, SIGRTMIN, 0};
    change_mask(SIG_BLOCK, sent);
    sigset_t set;
    sigemptyset(&set);
    for (int *sig = sent; *sig; sig++) {
        sigaddset(&set, *sig);
        if (sigqueue(getpid(), *sig, (union sigval){.sival_int = *sig}) != 0)
            probe_fail("sigqueue: %s", strerror(errno));
    }
    char order[64] = "";
    struct timespec timeout = {.tv_sec = 2};
    for (int i = 0; i < 3; i++) {
        siginfo_t info;
        int sig = wait_with(argv[0], &set, &info, &timeout);
        if (sig < 0) probe_fail("%s: %s", argv[0], strerror(errno));
        if (order[0]) strncat(order, ",", sizeof order - strlen(order) - 1);
        strncat(order, signal_name(sig), sizeof order - strlen(order) - 1);
    }
    obs_value_str(order);
    obs_evidence_str("sent_order", "SIGRTMIN+5,SIGRTMIN+2,SIGRTMIN+0");
    obs_emit();
}

struct suspender_plan {
    int ready[2];
};

static void suspend_with_sigterm_at_default(void *arg) {
    struct suspender_plan *plan = arg;
    close(plan->ready[0]);
    change_mask(SIG_BLOCK, (const int[]){SIGTERM, 0}); /* SIG_DFL since the helper was made */
    if (write(plan->ready[1], "r", 1) != 1) _exit(1);
    sigset_t nothing;
    sigemptyset(&nothing);
    sigsuspend(&nothing);
    _exit(0); /* reached only if sigsuspend returned */
}

/* A child blocks SIGTERM (at its default action) and calls sigsuspend with an empty mask; the
 * probe sends SIGTERM; value = how the child ended (signaled or exited), signal = its signal. */
void sigsuspend_terminating(int argc, char **argv) {
    (void)argc, (void)argv;
    struct suspender_plan plan;
    channel_create(plan.ready);
    pid_t child = spawn_helper(suspend_with_sigterm_at_default, &plan);
    close(plan.ready[1]);
    char byte;
    if (read_full(plan.ready[0], &byte, 1) != 1) probe_fail("the child died before it was set up");
    close(plan.ready[0]);
    if (kill(child, SIGTERM) != 0) probe_fail("kill: %s", strerror(errno));
    int sig = 0;
    int status = reap(child, &sig);
    obs_value_str(sig ? "signaled" : "exited");
    obs_signal(sig);
    obs_evidence_int("exit_status", sig ? -1 : status);
    obs_emit();
}
