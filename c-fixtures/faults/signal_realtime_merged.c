/* Fault shim (LD_PRELOAD): a real-time signal that is already pending is not queued again, as if
 * real-time signals merged like standard ones. Breaks signal(7)'s "multiple instances of a real-time
 * signal can be queued", so the kit must report the queueing property as failed with 1 delivery. */
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static int already_pending(int sig) {
    sigset_t pending;
    return sig >= SIGRTMIN && sigpending(&pending) == 0 && sigismember(&pending, sig) == 1;
}

int sigqueue(pid_t pid, int sig, const union sigval value) {
    static int (*real_sigqueue)(pid_t, int, const union sigval);
    if (!real_sigqueue) real_sigqueue = (int (*)(pid_t, int, const union sigval))dlsym(RTLD_NEXT, "sigqueue");
    /* Only a signal sent to the caller itself can be seen pending from here. */
    if (pid == getpid() && already_pending(sig)) return 0;
    return real_sigqueue(pid, sig, value);
}

int pthread_sigqueue(pthread_t thread, int sig, const union sigval value) {
    static int (*real_pthread_sigqueue)(pthread_t, int, const union sigval);
    if (!real_pthread_sigqueue)
        real_pthread_sigqueue =
            (int (*)(pthread_t, int, const union sigval))dlsym(RTLD_NEXT, "pthread_sigqueue");
    if (pthread_equal(thread, pthread_self()) && already_pending(sig)) return 0;
    return real_pthread_sigqueue(thread, sig, value);
}
