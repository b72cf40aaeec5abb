/* Fatal-signal steps chained in front of the probe runtime's handler; see guard.h. */
#include "guard.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/probe.h"

#define MAX_STEPS 4

static void (*steps[MAX_STEPS])(void);
static const int fatal_signals[] = {SIGALRM, SIGTERM, SIGINT, SIGHUP};
static struct sigaction runtime_actions[sizeof fatal_signals / sizeof *fatal_signals];
static bool installed;

static void run_steps(int sig) {
    for (int i = MAX_STEPS - 1; i >= 0; i--)
        if (steps[i]) steps[i]();
    for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++) {
        if (fatal_signals[i] != sig) continue;
        void (*handler)(int) = runtime_actions[i].sa_handler;
        if (handler == SIG_IGN) return;
        if (handler != SIG_DFL) {
            handler(sig); /* the runtime's cleanup; it exits */
            return;
        }
        /* No handler before ours: die of the signal as if we had not been here. */
        signal(sig, SIG_DFL);
        raise(sig);
    }
}

void guard_add(void (*step)(void)) {
    if (!installed) {
        /* Installed after the runtime's handlers (the case is already running), which are kept to
         * be called last. Every signal is blocked while the steps run, as the runtime does. */
        struct sigaction chained = {.sa_handler = run_steps};
        sigfillset(&chained.sa_mask);
        for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
            sigaction(fatal_signals[i], &chained, &runtime_actions[i]);
        installed = true;
    }
    for (int i = 0; i < MAX_STEPS; i++) {
        if (!steps[i]) {
            steps[i] = step;
            return;
        }
    }
    probe_fail("more than %d fatal-signal steps", MAX_STEPS);
}

void guard_remove(void (*step)(void)) {
    for (int i = 0; i < MAX_STEPS; i++)
        if (steps[i] == step) steps[i] = NULL;
}
