/* pidfd-probe cases that send signals through a pidfd: what the receiver's siginfo says with and
 * without a siginfo of the sender's, and a pidfd whose process is gone. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

#define SIVAL_SENT 4242

/* What the receiving child saw. */
struct received_signal {
    int signo; /* 0: nothing arrived within the child's wait */
    int code;
    int pid;
    int sival;
};

struct receiver {
    int report[2];
};

/* The child: SIGUSR1 is blocked from its start (the probe blocked it before forking), so the
 * signal waits for sigtimedwait whenever it is sent. */
static void receive_one(void *arg) {
    struct receiver *receiver = arg;
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGUSR1);
    struct timespec patience = {.tv_sec = 3};
    siginfo_t info = {0};
    struct received_signal got = {0};
    if (sigtimedwait(&wanted, &info, &patience) == SIGUSR1)
        got = (struct received_signal){SIGUSR1, info.si_code, info.si_pid, info.si_value.sival_int};
    if (write(receiver->report[1], &got, sizeof got) != sizeof got) _exit(1);
}

static const char *si_code_name(int code) {
    static char number[16];
    switch (code) {
        case SI_USER: return "SI_USER";
        case SI_QUEUE: return "SI_QUEUE";
        case SI_TKILL: return "SI_TKILL";
        case SI_KERNEL: return "SI_KERNEL";
        default: snprintf(number, sizeof number, "%d", code); return number;
    }
}

/* Starts a receiving child, sends SIGUSR1 through its pidfd (with `info` when not NULL) and
 * reports what the child saw. */
static void send_and_observe(siginfo_t *info) {
    sigset_t usr1, previous;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, &previous);
    struct receiver receiver;
    channel_create(receiver.report);
    pid_t child = spawn_helper(receive_one, &receiver);
    sigprocmask(SIG_SETMASK, &previous, NULL);
    close(receiver.report[1]);
    int fd = pidfd_of(child, 0);
    int sent = pidfd_send_signal(fd, SIGUSR1, info, 0);
    int send_errno = sent < 0 ? errno : 0;
    struct received_signal got = {0};
    if (read_full(receiver.report[0], &got, sizeof got) != sizeof got)
        probe_fail("the receiver reported nothing");
    reap(child, NULL);
    if (got.signo == SIGUSR1)
        obs_value_str(si_code_name(got.code));
    else
        obs_value_str("none"); /* nothing arrived */
    obs_errno(send_errno);
    obs_evidence_bool("si_pid_is_probe", got.pid == getpid());
    obs_evidence_int("sival_int", got.sival);
}

void send_signal_si_user(int argc, char **argv) {
    (void)argc, (void)argv;
    send_and_observe(NULL);
    obs_emit();
}

void send_signal_with_info(int argc, char **argv) {
    (void)argc, (void)argv;
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = SIGUSR1;
    info.si_code = SI_QUEUE;
    info.si_pid = getpid();
    info.si_uid = getuid();
    info.si_value.sival_int = SIVAL_SENT;
    send_and_observe(&info);
    obs_evidence_int("sival_sent", SIVAL_SENT);
    obs_emit();
}

void signal_after_reap(int argc, char **argv) {
    (void)argc, (void)argv;
    struct held_child child = hold_child();
    int fd = pidfd_of(child.pid, 0);
    release_child(&child);
    reap(child.pid, NULL);
    int sent = pidfd_send_signal(fd, SIGTERM, NULL, 0);
    obs_value_int(sent);
    obs_errno(sent < 0 ? errno : 0);
    /* The pid number alone may name another process by now; the pidfd never does. */
    errno = 0;
    obs_evidence_str("kill_errno", kill(child.pid, 0) < 0 ? errno_name(errno) : "none");
    obs_emit();
}
