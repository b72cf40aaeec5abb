/* Fault shim (LD_PRELOAD): sigprocmask(SIG_BLOCK, set, old) reports the old mask and returns 0 but
 * blocks nothing. Breaks sigprocmask(2)'s "the set of blocked signals is the union of the current
 * set and the set argument", so the kit must report the SIG_BLOCK property as failed with the mask
 * left as it was ("SIGUSR1,SIGUSR2"), from the C fixture and the FFI probe alike. */
#include <dlfcn.h>
#include <signal.h>
#include <stddef.h>

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
    static int (*real_sigprocmask)(int, const sigset_t *, sigset_t *);
    if (!real_sigprocmask)
        real_sigprocmask = (int (*)(int, const sigset_t *, sigset_t *))dlsym(RTLD_NEXT, "sigprocmask");
    if (how == SIG_BLOCK && set) return real_sigprocmask(SIG_BLOCK, NULL, old);
    return real_sigprocmask(how, set, old);
}
