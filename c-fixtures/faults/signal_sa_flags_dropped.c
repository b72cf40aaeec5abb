/* Fault shim (LD_PRELOAD): sigaction() drops SA_NOCLDSTOP and SA_ONSTACK from every new action.
 * Breaks sigaction(2)'s "do not receive notification when child processes stop" and "call the
 * signal handler on an alternate signal stack", so the kit must report those two properties as
 * failed (a SIGCHLD with CLD_STOPPED arrives; the handler runs on the normal stack). */
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction *action, struct sigaction *previous) {
    static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);
    if (!real_sigaction)
        real_sigaction =
            (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
    if (!action) return real_sigaction(sig, action, previous);
    struct sigaction stripped = *action;
    stripped.sa_flags &= ~(SA_NOCLDSTOP | SA_ONSTACK);
    return real_sigaction(sig, &stripped, previous);
}
