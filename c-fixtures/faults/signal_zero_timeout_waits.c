/* Fault shim (LD_PRELOAD): sigtimedwait() with a zero timeout sleeps 100 ms before it looks, as if a
 * zero timeout meant "a short wait". Breaks sigwaitinfo(2)'s "a zero timeout polls", so the kit
 * must report the polling property as failed with the ~100 ms it measured, and leave the
 * EAGAIN-at-the-timeout property (a real timeout, which still ends in EAGAIN) passing. */
#include <dlfcn.h>
#include <signal.h>
#include <time.h>

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout) {
    static int (*real_sigtimedwait)(const sigset_t *, siginfo_t *, const struct timespec *);
    if (!real_sigtimedwait)
        real_sigtimedwait =
            (int (*)(const sigset_t *, siginfo_t *, const struct timespec *))dlsym(RTLD_NEXT, "sigtimedwait");
    if (timeout && timeout->tv_sec == 0 && timeout->tv_nsec == 0) {
        struct timespec pause = {.tv_nsec = 100000000L};
        nanosleep(&pause, NULL);
    }
    return real_sigtimedwait(set, info, timeout);
}
