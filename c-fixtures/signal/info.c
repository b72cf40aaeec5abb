/* siginfo cases of signal-probe: what a delivered signal says about how it was sent (si_code),
 * who sent it (si_pid, si_uid) and what it carries (si_value); forging si_code through
 * rt_sigqueueinfo; raise() and its handler. Signals are taken with sigwaitinfo while blocked. */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

static const char *si_code_name(int code) {
    switch (code) {
        case SI_USER: return "SI_USER";
        case SI_QUEUE: return "SI_QUEUE";
        case SI_TKILL: return "SI_TKILL";
        case SI_KERNEL: return "SI_KERNEL";
        case SI_TIMER: return "SI_TIMER";
        case SI_MESGQ: return "SI_MESGQ";
        case SI_ASYNCIO: return "SI_ASYNCIO";
        default: return "other";
    }
}

static siginfo_t take(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int taken;
    while ((taken = sigwaitinfo(&set, &info)) < 0 && errno == EINTR) {
    }
    if (taken != sig) probe_fail("sigwaitinfo: %s", strerror(errno));
    return info;
}

/* SIGRTMIN blocked, sent to itself by `sender`; value = si_code of what arrives. */
void siginfo_code(int argc, char **argv) {
    if (argc < 1) probe_usage("siginfo-code needs SENDER");
    const char *sender = argv[0];
    int sig = SIGRTMIN;
    change_mask(SIG_BLOCK, (const int[]){sig, 0});
    int result;
    if (strcmp(sender, "kill") == 0)
        result = kill(getpid(), sig);
    else if (strcmp(sender, "sigqueue") == 0)
        result = sigqueue(getpid(), sig, (union sigval){.sival_int = 7});
    else if (strcmp(sender, "tgkill") == 0)
        result = (int)syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), sig);
    else
        probe_usage("'%s' is not kill, sigqueue or tgkill", sender);
    if (result != 0) probe_fail("%s: %s", sender, strerror(errno));
    siginfo_t info = take(sig);
    obs_value_str(si_code_name(info.si_code));
    obs_evidence_int("si_code", info.si_code);
    obs_evidence_str("si_signo", signal_name(info.si_signo));
    obs_emit();
}

struct sender_plan {
    pid_t target;
    int ready[2];
};

static void send_usr1_to_parent(void *arg) {
    struct sender_plan *plan = arg;
    if (kill(plan->target, SIGUSR1) != 0) _exit(1);
}

/* A child sends SIGUSR1 to the blocked probe; value = si_pid or si_uid of what arrives;
 * evidence.sender_pid, sender_uid for the relation. */
void siginfo_sender(int argc, char **argv) {
    if (argc < 1) probe_usage("siginfo-sender needs FIELD");
    bool want_pid = strcmp(argv[0], "pid") == 0;
    if (!want_pid && strcmp(argv[0], "uid") != 0) probe_usage("'%s' is neither pid nor uid", argv[0]);
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    struct sender_plan plan = {.target = getpid()};
    pid_t child = spawn_helper(send_usr1_to_parent, &plan);
    siginfo_t info = take(SIGUSR1);
    if (reap(child, NULL) != 0) probe_fail("the sender could not send");
    obs_value_int(want_pid ? info.si_pid : (int64_t)info.si_uid);
    obs_evidence_int("sender_pid", child);
    obs_evidence_int("sender_uid", getuid()); /* a fork keeps its parent's real uid */
    obs_evidence_str("si_code", si_code_name(info.si_code));
    obs_emit();
}

/* sigqueue(self, SIGRTMIN, 42) while blocked; value = si_value.sival_int sigwaitinfo hands back. */
void siginfo_value(int argc, char **argv) {
    (void)argc, (void)argv;
    const int sent = 42;
    change_mask(SIG_BLOCK, (const int[]){SIGRTMIN, 0});
    if (sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = sent}) != 0)
        probe_fail("sigqueue: %s", strerror(errno));
    siginfo_t info = take(SIGRTMIN);
    obs_value_int(info.si_value.sival_int);
    obs_evidence_int("sent_value", sent);
    obs_emit();
}

/* ---- rt_sigqueueinfo with a forged si_code ------------------------------------------------- */

static void wait_blocked(void *arg) {
    int *ready = arg;
    close(ready[0]);
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    if (write(ready[1], "r", 1) != 1) _exit(1);
    for (;;) pause();
}

/* rt_sigqueueinfo(target, SIGUSR1) with si_code SI_USER (≥ 0, as if kill() had sent it), to a child
 * of the same uid (other) or to the probe itself (self); value = return, errno. */
void forge_si_code(int argc, char **argv) {
    if (argc < 1) probe_usage("forge-si-code needs TARGET");
    bool self = strcmp(argv[0], "self") == 0;
    if (!self && strcmp(argv[0], "other") != 0) probe_usage("'%s' is neither self nor other", argv[0]);
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    pid_t target = getpid(), child = 0;
    if (!self) {
        int ready[2];
        channel_create(ready);
        child = spawn_helper(wait_blocked, ready);
        close(ready[1]);
        char byte;
        if (read_full(ready[0], &byte, 1) != 1) probe_fail("the target died before it was set up");
        close(ready[0]);
        target = child;
    }
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = SIGUSR1;
    info.si_code = SI_USER;
    info.si_pid = 1; /* a lie about the sender, which only the kernel may tell */
    info.si_uid = 0;
    long result = syscall(SYS_rt_sigqueueinfo, target, SIGUSR1, &info);
    int err = result != 0 ? errno : 0;
    const char *arrived = "not-looked";
    if (self && result == 0) arrived = si_code_name(take(SIGUSR1).si_code);
    if (child) {
        kill(child, SIGKILL);
        reap(child, NULL);
    }
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_str("si_code_sent", "SI_USER");
    obs_evidence_str("si_code_arrived", arrived);
    obs_emit();
}

/* ---- raise ---------------------------------------------------------------------------------- */

static volatile sig_atomic_t raised;
static void note_raise(int sig) {
    (void)sig;
    raised++;
}

/* raise(SIGUSR1), or kill/sigqueue to the probe itself, with a handler; value = handler runs
 * counted right after the call returned. */
void raise_handler(int argc, char **argv) {
    const char *call = argc > 0 ? argv[0] : "raise";
    struct sigaction action = {.sa_handler = note_raise};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    int result;
    if (strcmp(call, "raise") == 0)
        result = raise(SIGUSR1);
    else if (strcmp(call, "kill") == 0)
        result = kill(getpid(), SIGUSR1);
    else if (strcmp(call, "sigqueue") == 0)
        result = sigqueue(getpid(), SIGUSR1, (union sigval){.sival_int = 1});
    else
        probe_usage("'%s' is not raise, kill or sigqueue", call);
    int runs = raised;
    obs_value_int(runs);
    obs_errno(result != 0 ? errno : 0);
    obs_evidence_int("returned", result);
    obs_emit();
}
