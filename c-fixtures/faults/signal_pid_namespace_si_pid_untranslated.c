/* Fault shim (LD_PRELOAD): si_pid is not translated into the receiver's PID namespace. kill()
 * records its caller's pid (as the caller's own namespace numbers it) in a page shared with every
 * process forked later; a SA_SIGINFO handler that is handed si_pid 0 for a kill() (SI_USER) is
 * handed that recorded pid instead. Breaks pid_namespaces(7)'s "si_pid is zero" for a sender in an
 * ancestor namespace, so the kit must report
 * signal.isolation.si-pid-of-a-sender-in-the-parent-namespace-is-zero as failed. */
#include <dlfcn.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

static volatile pid_t *last_sender;
static void (*user_handlers[_NSIG])(int, siginfo_t *, void *);

__attribute__((constructor)) static void share_a_page(void) {
    void *page = mmap(NULL, sizeof(pid_t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page != MAP_FAILED) last_sender = page;
}

int kill(pid_t pid, int sig) {
    static int (*real_kill)(pid_t, int);
    if (!real_kill) real_kill = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    if (last_sender) *last_sender = getpid();
    return real_kill(pid, sig);
}

static void untranslated(int sig, siginfo_t *info, void *context) {
    if (info && info->si_code == SI_USER && info->si_pid == 0 && last_sender) info->si_pid = *last_sender;
    user_handlers[sig](sig, info, context);
}

int sigaction(int sig, const struct sigaction *action, struct sigaction *old) {
    static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);
    if (!real_sigaction)
        real_sigaction =
            (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
    if (action && sig > 0 && sig < _NSIG && (action->sa_flags & SA_SIGINFO) && action->sa_sigaction) {
        user_handlers[sig] = action->sa_sigaction;
        struct sigaction wrapped = *action;
        wrapped.sa_sigaction = untranslated;
        return real_sigaction(sig, &wrapped, old);
    }
    return real_sigaction(sig, action, old);
}
