/* Pending and queueing cases of signal-probe: what happens to signals sent while blocked. The
 * signals are sent to the probe itself while blocked, then released at once; a recording handler
 * (every signal blocked while it runs) notes each delivery in the order the kernel makes them. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/user_namespace.h"
#include "cases.h"

/* Sends sig to the probe `count` times while it is blocked, then unblocks it. Real-time signals go
 * through sigqueue() with the values 1..count; standard ones through kill(). */
static void send_blocked_then_release(int sig, long count, bool queued) {
    int only[] = {sig, 0};
    install_recording_handler(sig);
    change_mask(SIG_BLOCK, only);
    for (long i = 0; i < count; i++) {
        int result =
            queued ? sigqueue(getpid(), sig, (union sigval){.sival_int = (int)(i + 1)}) : kill(getpid(), sig);
        if (result != 0) probe_fail("sending %s #%ld: %s", signal_name(sig), i + 1, strerror(errno));
    }
    sigset_t pending;
    sigpending(&pending);
    obs_evidence_bool("pending_before_unblock", sigismember(&pending, sig) == 1);
    change_mask(SIG_UNBLOCK, only); /* every pending instance is delivered before this returns */
    obs_evidence_int("sent", count);
}

/* The recorded values (or signal names) as "1,2,3" for the observation. */
static void recorded_list(char *out, size_t size, bool names) {
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < recorded_count() && used + 1 < size; i++) {
        int written =
            names ? snprintf(out + used, size - used, "%s%s", i ? "," : "", signal_name(recorded_signal(i)))
                  : snprintf(out + used, size - used, "%s%d", i ? "," : "", recorded_value(i));
        if (written < 0) break;
        used += (size_t)written;
    }
}

void standard_merged_while_blocked(int argc, char **argv) {
    send_blocked_then_release(SIGUSR1, arg_long(argc, argv, 0, 5), false);
    obs_value_int(recorded_count());
    obs_emit();
}

void realtime_queued_while_blocked(int argc, char **argv) {
    char values[512];
    send_blocked_then_release(SIGRTMIN, arg_long(argc, argv, 0, 5), true);
    recorded_list(values, sizeof values, false);
    obs_value_int(recorded_count());
    obs_evidence_str("values", values);
    obs_emit();
}

void realtime_values_in_order(int argc, char **argv) {
    char values[512];
    send_blocked_then_release(SIGRTMIN, arg_long(argc, argv, 0, 5), true);
    recorded_list(values, sizeof values, false);
    obs_value_str(values);
    obs_evidence_int("deliveries", recorded_count());
    obs_emit();
}

/* Sends each listed signal once while all of them are blocked, in the listed order, then releases
 * them together; the value is the order of delivery, as signal names. */
static void release_together(const int *signals) {
    char order[512], sent[512] = "";
    for (const int *sig = signals; *sig; sig++) install_recording_handler(*sig);
    change_mask(SIG_BLOCK, signals);
    for (const int *sig = signals; *sig; sig++) {
        int result = *sig >= SIGRTMIN ? sigqueue(getpid(), *sig, (union sigval){.sival_int = *sig})
                                      : kill(getpid(), *sig);
        if (result != 0) probe_fail("sending %s: %s", signal_name(*sig), strerror(errno));
        size_t used = strlen(sent);
        snprintf(sent + used, sizeof sent - used, "%s%s", used ? "," : "", signal_name(*sig));
    }
    change_mask(SIG_UNBLOCK, signals);
    recorded_list(order, sizeof order, true);
    obs_value_str(order);
    obs_evidence_str("sent_order", sent);
    obs_emit();
}

void lowest_realtime_first(int argc, char **argv) {
    (void)argc, (void)argv;
    int highest_first[] = {SIGRTMIN + 5, SIGRTMIN + 2, SIGRTMIN, 0};
    release_together(highest_first);
}

void standard_before_realtime(int argc, char **argv) {
    (void)argc, (void)argv;
    int realtime_first[] = {SIGRTMIN, SIGUSR1, 0};
    release_together(realtime_first);
}

struct queue_fill {
    long accepted;
    int refused_errno;
    long soft_limit;
    long hard_limit;
    long uid;
    long queued_before;
    int setrlimit_errno;
};

/* SigQ in /proc/self/status: signals already queued for this real uid; -1 when unreadable. */
static long queued_for_uid(void) {
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    long queued = -1;
    if (!status) return -1;
    while (fgets(line, sizeof line, status))
        if (sscanf(line, "SigQ: %ld/", &queued) == 1) break;
    fclose(status);
    return queued;
}

/* The limit counts every signal queued for the real uid, by any process of it. As root, take a
 * uid no other process has (common/user_namespace.h), so that the count is this helper's alone;
 * otherwise stay, and let evidence.queued_before explain a shortfall. */
static void become_private_uid(void) {
    if (geteuid() != 0) return;
    uid_t uid = private_uid(0);
    if (setgroups(0, NULL) == 0 && setresgid(uid, uid, uid) == 0) {
        if (setresuid(uid, uid, uid) != 0) { /* stays root: evidence says so */
        }
    }
}

static long fill_limit;

static void fill_queue(void *arg, void *report) {
    (void)arg;
    struct queue_fill *result = report;
    struct queue_fill fill = {0};
    int only[] = {SIGRTMIN, 0};
    become_private_uid();
    struct rlimit limit;
    getrlimit(RLIMIT_SIGPENDING, &limit);
    limit.rlim_cur = (rlim_t)fill_limit;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_cur > limit.rlim_max) limit.rlim_cur = limit.rlim_max;
    /* A system that will not lower it is filled up to the limit it has; evidence says so. */
    fill.setrlimit_errno = setrlimit(RLIMIT_SIGPENDING, &limit) != 0 ? errno : 0;
    getrlimit(RLIMIT_SIGPENDING, &limit); /* what the kernel holds now is what the count is judged by */
    fill.soft_limit = (long)limit.rlim_cur;
    fill.hard_limit = (long)limit.rlim_max;
    fill.uid = (long)getuid();
    fill.queued_before = queued_for_uid();
    change_mask(SIG_BLOCK, only); /* queued instances stay pending; they die with this helper */
    /* Bounded: a kernel that never refuses must not loop for ever (nor an unlimited one). */
    long bound = limit.rlim_cur == RLIM_INFINITY ? 1L << 20 : fill.soft_limit + 1024;
    for (; fill.accepted < bound; fill.accepted++) {
        if (sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = (int)fill.accepted}) != 0) {
            fill.refused_errno = errno;
            break;
        }
    }
    *result = fill;
}

void sigqueue_until_rlimit(int argc, char **argv) {
    fill_limit = arg_long(argc, argv, 0, 16);
    if (fill_limit < 1) probe_usage("the limit must be at least 1");
    struct queue_fill fill;
    run_reporting_helper(fill_queue, NULL, &fill, sizeof fill, "queue-filling helper");
    obs_value_int(fill.accepted);
    obs_errno(fill.refused_errno);
    obs_evidence_int("rlimit_sigpending", fill.soft_limit);
    obs_evidence_int("rlimit_sigpending_hard", fill.hard_limit);
    obs_evidence_int("uid", fill.uid);
    obs_evidence_int("queued_before", fill.queued_before);
    if (fill.setrlimit_errno) obs_evidence_str("setrlimit_refused", errno_name(fill.setrlimit_errno));
    obs_emit();
}
