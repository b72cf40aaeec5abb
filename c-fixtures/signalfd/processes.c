/* signalfd-probe cases with a second process: a child that sends the signal (who sent it, and a
 * read that waits for it), a child that holds SIGKILL and SIGSTOP in its signalfd mask, and a
 * child that reads the signalfd it inherited. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

#define SENT_VALUE 42

static const char *code_name(int code) {
    switch (code) {
        case SI_USER: return "SI_USER";
        case SI_QUEUE: return "SI_QUEUE";
        case SI_TKILL: return "SI_TKILL";
        case SI_KERNEL: return "SI_KERNEL";
        default: return "other";
    }
}

struct sending {
    pid_t target;
    bool queue;      /* sigqueue with SENT_VALUE, else kill */
    bool other_ruid; /* a root probe's child takes OTHER_UID as its real uid first */
};

/* Exit status of a sender that sent with the probe's own real uid (it could not take another). */
#define SENT_AS_OWN_UID 3

static void send_to_target(void *arg) {
    struct sending *sending = arg;
    /* ssi_uid is the sender's real uid. Only the real uid changes: the effective uid stays 0, so
     * the signal is still permitted, and ssi_uid can then be told apart from the probe's own. */
    bool changed = sending->other_ruid && setresuid(OTHER_UID, (uid_t)-1, (uid_t)-1) == 0;
    int result = sending->queue ? sigqueue(sending->target, SIGUSR1, (union sigval){.sival_int = SENT_VALUE})
                                : kill(sending->target, SIGUSR1);
    _exit(result != 0 ? 1 : changed || !sending->other_ruid ? 0 : SENT_AS_OWN_UID);
}

void siginfo_from_child(int argc, char **argv) {
    (void)argc;
    const char *field = argv[0], *sender = argv[1];
    if (strcmp(sender, "kill") != 0 && strcmp(sender, "sigqueue") != 0)
        probe_usage("'%s' is not kill or sigqueue", sender);
    block_signals((const int[]){SIGUSR1, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, 0);
    struct sending sending = {
        .target = getpid(), .queue = strcmp(sender, "sigqueue") == 0, .other_ruid = geteuid() == 0};
    pid_t child = spawn_helper(send_to_target, &sending);
    int status = reap(child, NULL);
    if (status != 0 && status != SENT_AS_OWN_UID) probe_fail("the child could not send SIGUSR1");
    bool other_ruid = sending.other_ruid && status == 0;
    struct signalfd_siginfo record;
    /* Sent before the child exited, so pending now: the read does not wait (the watchdog bounds it). */
    if (read_record(fd, &record) != (ssize_t)sizeof record) probe_fail("read: %s", strerror(errno));
    if (strcmp(field, "pid") == 0)
        obs_value_int(record.ssi_pid);
    else if (strcmp(field, "uid") == 0)
        obs_value_int(record.ssi_uid);
    else if (strcmp(field, "code") == 0)
        obs_value_str(code_name(record.ssi_code));
    else if (strcmp(field, "int") == 0)
        obs_value_int(record.ssi_int);
    else
        probe_usage("'%s' is not pid, uid, code or int", field);
    obs_evidence_int("sender_pid", child);
    obs_evidence_int("sender_uid", other_ruid ? OTHER_UID : getuid());
    obs_evidence_int("sent_value", SENT_VALUE);
    obs_evidence_str("ssi_signo", signal_name((int)record.ssi_signo));
    obs_evidence_int("ssi_code", record.ssi_code);
    obs_emit();
}

static bool send_usr1_to_parent(void *arg) { return kill(*(pid_t *)arg, SIGUSR1) == 0; }

static ssize_t read_one(void *arg) {
    struct signalfd_siginfo record;
    return read_record(*(int *)arg, &record);
}

void read_blocks(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    block_signals((const int[]){SIGUSR1, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, 0);
    pid_t self = getpid();
    observe_blocking_call(send_usr1_to_parent, &self, delay, read_one, &fd);
    obs_emit();
}

/* The child of kill-stop-in-mask: reports whether signalfd took the mask, then reads. Whatever it
 * reads, if anything, is written back (a signal name) before it exits. */
static void hold_kill_stop(void *arg) {
    int *channel = arg;
    static const int all[] = {SIGKILL, SIGSTOP, SIGUSR1, 0};
    sigset_t set = signals_of(all);
    sigprocmask(SIG_BLOCK, &set, NULL); /* SIGKILL and SIGSTOP are left out silently */
    int fd = signalfd(-1, &set, SFD_CLOEXEC);
    char accepted = fd >= 0 ? '1' : '0';
    if (write(channel[1], &accepted, 1) != 1 || fd < 0) _exit(1);
    struct signalfd_siginfo record;
    if (read_record(fd, &record) == (ssize_t)sizeof record) {
        const char *name = signal_name((int)record.ssi_signo);
        if (write(channel[1], name, strlen(name)) < 0) _exit(1);
    }
    _exit(0);
}

void kill_stop_in_mask(int argc, char **argv) {
    (void)argc, (void)argv;
    int channel[2];
    channel_create(channel);
    pid_t child = spawn_helper(hold_kill_stop, channel);
    close(channel[1]);
    char accepted = '?';
    if (read_full(channel[0], &accepted, 1) != 1) probe_fail("the child reported nothing");
    sleep_ns(50 * 1000000LL); /* let it reach read() */
    int status = 0;
    if (kill(child, SIGSTOP) != 0) probe_fail("kill(SIGSTOP): %s", strerror(errno));
    if (waitpid(child, &status, WUNTRACED) != child) probe_fail("waitpid: %s", strerror(errno));
    bool stopped = WIFSTOPPED(status);
    char outcome[48];
    if (stopped) {
        if (kill(child, SIGKILL) != 0) probe_fail("kill(SIGKILL): %s", strerror(errno));
        int sig = 0;
        reap(child, &sig);
        snprintf(outcome, sizeof outcome, "stopped,%s", sig ? signal_name(sig) : "exited");
    } else {
        cleanup_forget_pid(child); /* already reaped by waitpid */
        snprintf(outcome, sizeof outcome, "not-stopped,%s",
                 WIFSIGNALED(status) ? signal_name(WTERMSIG(status)) : "exited");
    }
    char read_name[32] = {0};
    ssize_t n = read(channel[0], read_name, sizeof read_name - 1);
    obs_value_str(outcome);
    obs_evidence_bool("signalfd_accepted_mask", accepted == '1');
    obs_evidence_str("child_read", n > 0 ? read_name : "none");
    obs_emit();
}

struct child_reading {
    char first[32];
    char second[32];
};

static const char *record_name(int fd) {
    struct signalfd_siginfo record;
    return read_record(fd, &record) == (ssize_t)sizeof record ? signal_name((int)record.ssi_signo) : "none";
}

static void read_inherited(void *arg, void *result) {
    int fd = *(int *)arg;
    struct child_reading *reading = result;
    raise(SIGWINCH); /* blocked (the mask is inherited): pending in this child only */
    snprintf(reading->first, sizeof reading->first, "%s", record_name(fd));
    snprintf(reading->second, sizeof reading->second, "%s", record_name(fd));
}

void forked_child_reads_own(int argc, char **argv) {
    (void)argc, (void)argv;
    block_signals((const int[]){SIGUSR1, SIGWINCH, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, SIGWINCH, 0}, SFD_NONBLOCK);
    if (kill(getpid(), SIGUSR1) != 0) probe_fail("kill(self): %s", strerror(errno));
    struct child_reading reading;
    run_reporting_helper(read_inherited, &fd, &reading, sizeof reading, "reading child");
    obs_value_str(reading.first);
    obs_evidence_str("child_second_read", reading.second);
    obs_evidence_bool("parent_still_pending", is_pending(SIGUSR1));
    obs_emit();
}
