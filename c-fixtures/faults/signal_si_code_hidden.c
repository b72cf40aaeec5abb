/* Fault shim (LD_PRELOAD): sigwaitinfo() reports every signal with si_code SI_USER, as if kill()
 * had sent it. Breaks sigaction(2)'s "SI_QUEUE: sent by sigqueue(3)", so the kit must report the
 * sigqueue si_code property as failed with the value SI_USER, and leave the kill() one passing. */
#include <dlfcn.h>
#include <signal.h>

int sigwaitinfo(const sigset_t *set, siginfo_t *info) {
    static int (*real_sigwaitinfo)(const sigset_t *, siginfo_t *);
    if (!real_sigwaitinfo)
        real_sigwaitinfo = (int (*)(const sigset_t *, siginfo_t *))dlsym(RTLD_NEXT, "sigwaitinfo");
    int sig = real_sigwaitinfo(set, info);
    if (sig > 0 && info) info->si_code = SI_USER;
    return sig;
}
