/* Mask and error cases of signal-probe: how sigprocmask/pthread_sigmask combine a set with the
 * mask (SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK), what they hand back, what they refuse, and which
 * signal numbers kill, sigqueue and sigaction refuse. */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

/* The mask as far as the three signals the case plays with: "SIGUSR1,SIGUSR2,SIGWINCH". */
static const int watched[] = {SIGUSR1, SIGUSR2, SIGWINCH};

static void mask_names(const sigset_t *mask, char *out, size_t size) {
    out[0] = '\0';
    for (size_t i = 0; i < sizeof watched / sizeof *watched; i++) {
        if (sigismember(mask, watched[i]) != 1) continue;
        if (out[0]) strncat(out, ",", size - strlen(out) - 1);
        strncat(out, signal_name(watched[i]), size - strlen(out) - 1);
    }
    if (!out[0]) strncat(out, "none", size - 1);
}

/* Starts from the mask {SIGUSR1, SIGUSR2} and applies {SIGUSR2, SIGWINCH} with `how`; value = the
 * resulting mask (or, for old, the mask handed back; for query, the mask read with a NULL set and
 * an undefined how). */
void sigprocmask_how(int argc, char **argv) {
    if (argc < 1) probe_usage("sigprocmask-how needs HOW");
    const char *how_name = argv[0];
    bool use_pthread = argc > 1 && strcmp(argv[1], "pthread_sigmask") == 0;
    if (argc > 1 && !use_pthread && strcmp(argv[1], "sigprocmask") != 0)
        probe_usage("'%s' is neither sigprocmask nor pthread_sigmask", argv[1]);
    change_mask(SIG_SETMASK, (const int[]){SIGUSR1, SIGUSR2, 0});
    sigset_t set, old, now;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGWINCH);
    sigemptyset(&old);
    int result, err = 0;
    bool report_old = false;
    if (strcmp(how_name, "pthread-invalid") == 0) {
        /* pthread_sigmask returns the error number instead of setting errno. */
        result = pthread_sigmask(12345, &set, NULL);
        err = result;
    } else {
        int how;
        const sigset_t *given = &set;
        if (strcmp(how_name, "block") == 0)
            how = SIG_BLOCK;
        else if (strcmp(how_name, "unblock") == 0)
            how = SIG_UNBLOCK;
        else if (strcmp(how_name, "setmask") == 0)
            how = SIG_SETMASK;
        else if (strcmp(how_name, "old") == 0)
            how = SIG_SETMASK, report_old = true;
        else if (strcmp(how_name, "invalid") == 0)
            how = 12345;
        else if (strcmp(how_name, "query") == 0)
            how = 12345, given = NULL;
        else
            probe_usage("'%s' is not block, unblock, setmask, old, invalid, query or pthread-invalid",
                        how_name);
        if (use_pthread) {
            /* pthread_sigmask returns the error number instead of setting errno. */
            result = pthread_sigmask(how, given, &old);
            err = result;
        } else {
            result = sigprocmask(how, given, &old);
            err = result != 0 ? errno : 0;
        }
    }
    sigprocmask(SIG_BLOCK, NULL, &now);
    char names[64], old_names[64];
    mask_names(&now, names, sizeof names);
    mask_names(&old, old_names, sizeof old_names);
    change_mask(SIG_SETMASK, (const int[]){0});
    obs_value_str(report_old ? old_names : names);
    obs_errno(err);
    obs_evidence_str("mask_after", names);
    obs_evidence_str("old_mask", old_names);
    obs_evidence_int("returned", result);
    obs_emit();
}

static volatile sig_atomic_t handled;
static void count_it(int sig) {
    (void)sig;
    handled++;
}

/* SIGUSR1 handled, blocked, sent to itself, then unblocked; value = handler runs counted on the
 * line right after sigprocmask returned. */
void unblock_delivers(int argc, char **argv) {
    (void)argc, (void)argv;
    struct sigaction action = {.sa_handler = count_it};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    change_mask(SIG_BLOCK, (const int[]){SIGUSR1, 0});
    if (kill(getpid(), SIGUSR1) != 0) probe_fail("kill: %s", strerror(errno));
    int before = handled;
    change_mask(SIG_UNBLOCK, (const int[]){SIGUSR1, 0});
    int after = handled;
    obs_value_int(after);
    obs_evidence_int("handled_while_blocked", before);
    obs_emit();
}

static void lead_a_group(void *arg) {
    (void)arg;
    setpgid(0, 0);
    for (;;) pause();
}

/* A signal number above SIGRTMAX (or 0 for sigaction) given to `call`; value = return, errno. */
void invalid_signal(int argc, char **argv) {
    if (argc < 1) probe_usage("invalid-signal needs CALL");
    const char *call = argv[0];
    int sig = SIGRTMAX + 1, result;
    if (strcmp(call, "kill") == 0) {
        result = kill(getpid(), sig);
    } else if (strcmp(call, "sigqueue") == 0) {
        result = sigqueue(getpid(), sig, (union sigval){.sival_int = 1});
    } else if (strcmp(call, "sigaction") == 0) {
        struct sigaction action = {.sa_handler = SIG_IGN};
        sigemptyset(&action.sa_mask);
        result = sigaction(sig, &action, NULL);
    } else if (strcmp(call, "sigaction-zero") == 0) {
        sig = 0;
        struct sigaction action = {.sa_handler = SIG_IGN};
        sigemptyset(&action.sa_mask);
        result = sigaction(sig, &action, NULL);
    } else if (strcmp(call, "raise") == 0) {
        result = raise(sig);
    } else if (strcmp(call, "killpg") == 0) {
        /* Aimed at a group of the probe's own making, though nothing is sent either way. */
        pid_t leader = spawn_helper(lead_a_group, NULL);
        setpgid(leader, leader);
        result = killpg(leader, sig);
        int saved = errno;
        kill(leader, SIGKILL);
        reap(leader, NULL);
        errno = saved;
    } else {
        probe_usage("'%s' is not kill, sigqueue, sigaction, sigaction-zero, raise or killpg", call);
    }
    int err = result != 0 ? errno : 0;
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_int("signal_number", sig);
    obs_evidence_int("sigrtmax", SIGRTMAX);
    obs_emit();
}
