/* Fault shim (LD_PRELOAD): sigsuspend() leaves its temporary mask in force when it returns. Breaks
 * sigsuspend(2)'s "the signal mask is restored to the value before the call", so the kit must
 * report the restoring property as failed with the value false. */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>

int sigsuspend(const sigset_t *mask) {
    static int (*real_sigsuspend)(const sigset_t *);
    if (!real_sigsuspend) real_sigsuspend = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    int result = real_sigsuspend(mask);
    int saved = errno;
    sigprocmask(SIG_SETMASK, mask, NULL);
    errno = saved;
    return result;
}
