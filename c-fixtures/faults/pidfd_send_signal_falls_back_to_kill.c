/* Fault shim (LD_PRELOAD): pidfd_send_signal() looks up the pid the pidfd refers to and calls
 * kill(pid, sig), dropping the caller's siginfo. Breaks pidfd_send_signal(2)'s "if info is not
 * NULL, it is the siginfo the receiver gets (as with rt_sigqueueinfo)", so the kit must report
 * pidfd.notification.pidfd-send-signal-with-a-siginfo-delivers-its-si-code-si-queue as failed with
 * SI_USER, and leave the plain SI_USER property passing. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

/* The "Pid:" line of /proc/self/fdinfo/FD: the pid a pidfd refers to, -1 once it is gone, 0 when
 * the line is missing. */
static pid_t pid_of_pidfd(int pidfd) {
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", pidfd);
    FILE *info = fopen(path, "r");
    if (!info) return 0;
    long pid = 0;
    while (fgets(line, sizeof line, info))
        if (sscanf(line, "Pid: %ld", &pid) == 1) break;
    fclose(info);
    return (pid_t)pid;
}

int pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags) {
    (void)info, (void)flags;
    pid_t pid = pid_of_pidfd(pidfd);
    /* kill() of 0 or -1 would reach a whole group or every process: a gone pid stays ESRCH. */
    if (pid <= 0) {
        errno = ESRCH;
        return -1;
    }
    return kill(pid, sig);
}
