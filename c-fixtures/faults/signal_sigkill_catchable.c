/* Fault shim (LD_PRELOAD): sigaction() pretends to accept any new disposition for SIGKILL and
 * SIGSTOP (returns 0 without asking the kernel). Breaks sigaction(2)'s EINVAL for them, so the kit
 * must report "SIGKILL cannot be caught" as failed with the value 0 and no errno. */
#include <dlfcn.h>
#include <signal.h>

int sigaction(int sig, const struct sigaction *action, struct sigaction *previous) {
    static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);
    if (!real_sigaction)
        real_sigaction =
            (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
    if (action && (sig == SIGKILL || sig == SIGSTOP)) {
        if (previous) real_sigaction(sig, NULL, previous);
        return 0;
    }
    return real_sigaction(sig, action, previous);
}
