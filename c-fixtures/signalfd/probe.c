/* signalfd-probe: observes signals taken through a descriptor (signalfd(2)). One case per run; the
 * case table below says what each case observes. The cases here need one process and send signals
 * to themselves; those with a sender or reader of their own live in processes.c. The probe's
 * machinery keeps SIGALRM, SIGTERM, SIGINT, SIGHUP and SIGUSR2 for itself: the cases use SIGUSR1,
 * SIGWINCH and SIGRTMIN. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

sigset_t signals_of(const int *signals) {
    sigset_t set;
    sigemptyset(&set);
    for (; *signals; signals++) sigaddset(&set, *signals);
    return set;
}

void block_signals(const int *signals) {
    sigset_t set = signals_of(signals);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) probe_fail("sigprocmask: %s", strerror(errno));
}

int descriptor_for(const int *signals, int flags) {
    sigset_t set = signals_of(signals);
    int fd = signalfd(-1, &set, flags | SFD_CLOEXEC);
    if (fd < 0) probe_fail("signalfd: %s", strerror(errno));
    return fd;
}

ssize_t read_record(int fd, struct signalfd_siginfo *record) {
    memset(record, 0, sizeof *record);
    return read(fd, record, sizeof *record);
}

bool is_pending(int sig) {
    sigset_t pending;
    if (sigpending(&pending) != 0) probe_fail("sigpending: %s", strerror(errno));
    return sigismember(&pending, sig) == 1;
}

static void send_self(int sig) {
    if (kill(getpid(), sig) != 0) probe_fail("kill(self, %s): %s", signal_name(sig), strerror(errno));
}

static volatile sig_atomic_t handler_runs;
static void count_run(int sig) { (void)sig, handler_runs++; }

static void unblocked_delivered(int argc, char **argv) {
    (void)argc, (void)argv;
    struct sigaction action = {.sa_handler = count_run};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, SFD_NONBLOCK); /* SIGUSR1 left unblocked */
    send_self(SIGUSR1);
    struct signalfd_siginfo record;
    ssize_t n = read_record(fd, &record);
    int err = n < 0 ? errno : 0;
    bool read_it = n == (ssize_t)sizeof record;
    obs_value_str(read_it && handler_runs ? "both"
                  : read_it               ? "signalfd"
                  : handler_runs          ? "handler"
                                          : "neither");
    obs_evidence_int("handler_runs", handler_runs);
    obs_evidence_str("read_errno", err ? errno_name(err) : "none");
    obs_emit();
}

static void realtime_order(int argc, char **argv) {
    long count = arg_long(argc, argv, 0, 3);
    block_signals((const int[]){SIGRTMIN, 0});
    int fd = descriptor_for((const int[]){SIGRTMIN, 0}, SFD_NONBLOCK);
    for (long i = 1; i <= count; i++)
        if (sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = (int)i}) != 0)
            probe_fail("sigqueue: %s", strerror(errno));
    char order[256] = "";
    struct signalfd_siginfo record;
    long reads = 0;
    while (reads <= count && read_record(fd, &record) == (ssize_t)sizeof record) {
        size_t used = strlen(order);
        snprintf(order + used, sizeof order - used, "%s%d", reads ? "," : "", record.ssi_int);
        reads++;
    }
    obs_value_str(order);
    obs_evidence_int("sent", count);
    obs_evidence_int("reads", reads);
    obs_emit();
}

static void standard_merged(int argc, char **argv) {
    long count = arg_long(argc, argv, 0, 3);
    block_signals((const int[]){SIGUSR1, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, SFD_NONBLOCK);
    for (long i = 0; i < count; i++) send_self(SIGUSR1);
    struct signalfd_siginfo record;
    long reads = 0;
    while (reads <= count && read_record(fd, &record) == (ssize_t)sizeof record) reads++;
    obs_value_int(reads);
    obs_evidence_int("sent", count);
    obs_emit();
}

static void small_buffer(int argc, char **argv) {
    (void)argc, (void)argv;
    block_signals((const int[]){SIGUSR1, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, SFD_NONBLOCK);
    send_self(SIGUSR1); /* one is pending, so only the size can make the read fail */
    char small[sizeof(struct signalfd_siginfo) - 1];
    ssize_t n = read(fd, small, sizeof small);
    obs_value_int(n);
    obs_errno(n < 0 ? errno : 0);
    obs_evidence_int("buffer_bytes", (int64_t)sizeof small);
    obs_evidence_bool("still_pending", is_pending(SIGUSR1));
    obs_emit();
}

static void nonblocking_empty(int argc, char **argv) {
    (void)argc, (void)argv;
    block_signals((const int[]){SIGUSR1, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, SFD_NONBLOCK);
    struct signalfd_siginfo record;
    ssize_t n = read_record(fd, &record);
    obs_value_int(n);
    obs_errno(n < 0 ? errno : 0);
    obs_emit();
}

static const char *readable(int fd) {
    struct pollfd entry = {.fd = fd, .events = POLLIN};
    if (poll(&entry, 1, 0) < 0) probe_fail("poll: %s", strerror(errno));
    return entry.revents & POLLIN ? "in" : "none";
}

static void readiness(int argc, char **argv) {
    (void)argc, (void)argv;
    block_signals((const int[]){SIGUSR1, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, SFD_NONBLOCK);
    char seen[32];
    snprintf(seen, sizeof seen, "%s,", readable(fd));
    send_self(SIGUSR1);
    strcat(seen, readable(fd));
    obs_value_str(seen);
    obs_emit();
}

static void consumed(int argc, char **argv) {
    (void)argc, (void)argv;
    block_signals((const int[]){SIGUSR1, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, SFD_NONBLOCK);
    send_self(SIGUSR1);
    obs_evidence_bool("pending_before", is_pending(SIGUSR1));
    struct signalfd_siginfo record;
    ssize_t n = read_record(fd, &record);
    obs_value_bool(is_pending(SIGUSR1));
    obs_errno(n < 0 ? errno : 0);
    obs_evidence_str("read_signal",
                     n == (ssize_t)sizeof record ? signal_name((int)record.ssi_signo) : "none");
    obs_emit();
}

static void mask_update(int argc, char **argv) {
    (void)argc, (void)argv;
    block_signals((const int[]){SIGUSR1, SIGWINCH, 0});
    int fd = descriptor_for((const int[]){SIGUSR1, 0}, SFD_NONBLOCK);
    sigset_t replacement = signals_of((const int[]){SIGWINCH, 0});
    int updated = signalfd(fd, &replacement, 0);
    if (updated < 0) probe_fail("signalfd(fd, {SIGWINCH}): %s", strerror(errno));
    send_self(SIGUSR1);
    send_self(SIGWINCH);
    struct signalfd_siginfo record;
    ssize_t n = read_record(fd, &record);
    obs_value_str(n == (ssize_t)sizeof record ? signal_name((int)record.ssi_signo) : "none");
    obs_errno(n < 0 ? errno : 0);
    n = read_record(fd, &record);
    obs_evidence_str("second_read",
                     n == (ssize_t)sizeof record ? signal_name((int)record.ssi_signo) : "none");
    obs_evidence_bool("same_descriptor", updated == fd);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("unblocked-delivered", unblocked_delivered,
               "SIGUSR1 handled and NOT blocked, a non-blocking signalfd for it; kill(self, SIGUSR1), "
               "then one read; value = which took it: handler, signalfd, both or neither; "
               "evidence.handler_runs, read_errno"),
    PROBE_CASE("siginfo", siginfo_from_child,
               "SIGUSR1 blocked; a forked child sends it with kill or sigqueue (value 42); one read of "
               "a signalfd; value = ssi_pid (pid), ssi_uid (uid), ssi_code name (code: SI_USER, "
               "SI_QUEUE …) or ssi_int (int); evidence.sender_pid, sender_uid, sent_value, ssi_signo",
               PARAM("field", "pid, uid, code or int"), PARAM("sender", "kill or sigqueue")),
    PROBE_CASE("realtime-order", realtime_order,
               "SIGRTMIN blocked, queued to self `count` times with values 1..count by sigqueue, then "
               "read until a non-blocking read fails; value = the ssi_int values in reading order "
               "(\"1,2,3\"); evidence.sent, reads",
               OPTIONAL_PARAM("count", "how many to queue (default 3)")),
    PROBE_CASE("standard-merged", standard_merged,
               "SIGUSR1 blocked, sent to self `count` times, then read until a non-blocking read "
               "fails; value = records read; evidence.sent",
               OPTIONAL_PARAM("count", "how many to send (default 3)")),
    PROBE_CASE("kill-stop-in-mask", kill_stop_in_mask,
               "a child blocks SIGKILL, SIGSTOP and SIGUSR1, makes a signalfd for all three and reads "
               "it; the probe sends SIGSTOP, then SIGKILL; value = \"stopped\" or \"not-stopped\", a "
               "comma, then the signal that ended the child or \"exited\"; "
               "evidence.signalfd_accepted_mask, child_read"),
    PROBE_CASE("small-buffer", small_buffer,
               "SIGUSR1 blocked and pending; read of a signalfd with a buffer one byte short of "
               "struct signalfd_siginfo; value = return, errno; evidence.buffer_bytes, still_pending"),
    PROBE_CASE("read-blocks", read_blocks,
               "SIGUSR1 blocked, none pending; read of a blocking signalfd while a helper sends SIGUSR1 "
               "after delay_ms; value = read's return, errno; elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("nonblocking-empty", nonblocking_empty,
               "SIGUSR1 blocked, none pending; read of an SFD_NONBLOCK signalfd; value = return, errno"),
    PROBE_CASE("readiness", readiness,
               "SIGUSR1 blocked; value = what poll (no wait) says of the signalfd before and after "
               "SIGUSR1 is sent to self: \"none,in\" (each \"in\" or \"none\")"),
    PROBE_CASE("consumed", consumed,
               "SIGUSR1 blocked and sent to self, then read through a signalfd; value = whether "
               "sigpending still holds it, errno of the read; evidence.pending_before, read_signal"),
    PROBE_CASE("forked-child-reads-own", forked_child_reads_own,
               "SIGUSR1 and SIGWINCH blocked, a signalfd for both; SIGUSR1 sent to the probe, then a "
               "forked child sends SIGWINCH to itself and reads the inherited signalfd; value = the "
               "signal it read or \"none\"; evidence.child_second_read, parent_still_pending"),
    PROBE_CASE("mask-update", mask_update,
               "SIGUSR1 and SIGWINCH blocked; a signalfd for SIGUSR1, then signalfd(fd, {SIGWINCH}); "
               "both sent to self; value = the signal one read returns, errno; "
               "evidence.second_read, same_descriptor"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
