/* Fault shim (LD_PRELOAD): sigaction() drops SA_NOCLDWAIT. Breaks sigaction(2)'s "do not transform
 * children into zombies when they terminate", so the kit must report the SA_NOCLDWAIT property as
 * failed (waitpid reaps the zombie: value 0, no ECHILD) and leave the SIGCHLD-ignored one passing. */
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction *action, struct sigaction *previous) {
    static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);
    if (!real_sigaction)
        real_sigaction =
            (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
    if (!action) return real_sigaction(sig, action, previous);
    struct sigaction stripped = *action;
    stripped.sa_flags &= ~SA_NOCLDWAIT;
    return real_sigaction(sig, &stripped, previous);
}
