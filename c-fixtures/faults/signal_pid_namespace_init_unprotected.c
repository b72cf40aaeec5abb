/* Fault shim (LD_PRELOAD): the init of a PID namespace gets no protection from signals at their
 * default disposition. Setting SIGTERM, SIGUSR1, SIGUSR2, SIGINT or SIGHUP back to SIG_DFL in a
 * process that is pid 1 installs a handler that ends the process instead (the kernel would not let
 * the default action end it). Breaks pid_namespaces(7)'s "only signals for which the init has
 * established a handler can be sent to it", so the kit must report the signal.isolation properties
 * about SIGTERM and SIGUSR1 at their default as failed; SIGKILL, which no handler can take, is
 * left alone. The machine's own init never loads this shim. */
#include <dlfcn.h>
#include <signal.h>
#include <unistd.h>

static void end_like_the_default(int sig) { _exit(128 + sig); }

static int breaks(int sig) {
    return sig == SIGTERM || sig == SIGUSR1 || sig == SIGUSR2 || sig == SIGINT || sig == SIGHUP;
}

int sigaction(int sig, const struct sigaction *action, struct sigaction *old) {
    static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);
    if (!real_sigaction)
        real_sigaction =
            (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
    if (action && getpid() == 1 && breaks(sig) && !(action->sa_flags & SA_SIGINFO) &&
        action->sa_handler == SIG_DFL) {
        struct sigaction ending = *action;
        ending.sa_handler = end_like_the_default;
        return real_sigaction(sig, &ending, old);
    }
    return real_sigaction(sig, action, old);
}
