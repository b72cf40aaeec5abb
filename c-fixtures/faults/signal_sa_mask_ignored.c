/* Fault shim (LD_PRELOAD): sigaction() installs every handler with an empty sa_mask, whatever the
 * caller asked for. Breaks sigaction(2)'s "sa_mask specifies a mask of signals which should be
 * blocked during execution of the handler", so the kit must report the sa_mask property as failed
 * with the value false (SIGUSR2 not blocked inside the handler). */
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction *action, struct sigaction *previous) {
    static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);
    if (!real_sigaction)
        real_sigaction =
            (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
    if (!action) return real_sigaction(sig, action, previous);
    struct sigaction stripped = *action;
    sigemptyset(&stripped.sa_mask);
    return real_sigaction(sig, &stripped, previous);
}
