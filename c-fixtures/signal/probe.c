/* signal-probe: observes signals (signal(7), sigaction(2), sigprocmask(2), sigqueue(3), kill(2)).
 * One case per run; c-fixtures/cases/signal.json says what each case observes. The cases live in
 * the signal_*_cases.c companions; this file holds the helpers they share and the case table. */
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
    {"standard-merged-while-blocked", standard_merged_while_blocked},
    {"realtime-queued-while-blocked", realtime_queued_while_blocked},
    {"realtime-values-in-order", realtime_values_in_order},
    {"lowest-realtime-first", lowest_realtime_first},
    {"standard-before-realtime", standard_before_realtime},
    {"sigqueue-until-rlimit", sigqueue_until_rlimit},
    {"sigaction-refused", sigaction_refused},
    {"sigprocmask-kill-stop", sigprocmask_kill_stop},
    {"default-action", default_action},
    {"blocked-default-action", blocked_default_action},
    {"stop-then-continue", stop_then_continue},
    {"handler-reraise", handler_reraise},
    {"read-interrupted-sa-restart", read_interrupted_sa_restart},
    {"read-interrupted-no-restart", read_interrupted_no_restart},
    {"kill-other-uid", kill_other_uid},
    {"kill-same-uid", kill_same_uid},
    {"exists-live", exists_live},
    {"exists-reaped", exists_reaped},
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
