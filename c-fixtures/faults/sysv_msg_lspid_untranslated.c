/* Fault shim (LD_PRELOAD): msgctl(IPC_STAT) gives msg_lspid as the sender's pid in its own,
 * innermost PID namespace (the last NSpid field of /proc/PID/status) instead of the reader's
 * number for it. Breaks the translation of pids between PID namespaces (pid_namespaces(7)), so the
 * kit must report sysv-msg.isolation.msg-lspid-set-inside-a-pid-namespace-reads-as-the-parent-
 * namespace-pid-outside as failed; a pid read as 0 (no pid in the reader's namespace) is left alone. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>

static pid_t innermost(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *status = fopen(path, "r");
    if (!status) return pid;
    pid_t found = pid;
    while (fgets(line, sizeof line, status))
        if (strncmp(line, "NSpid:", 6) == 0) {
            char *last = strrchr(line, '\t');
            if (last) found = (pid_t)atoi(last + 1);
        }
    fclose(status);
    return found;
}

int msgctl(int queue, int command, struct msqid_ds *status) {
    static int (*real_msgctl)(int, int, struct msqid_ds *);
    if (!real_msgctl) real_msgctl = (int (*)(int, int, struct msqid_ds *))dlsym(RTLD_NEXT, "msgctl");
    int result = real_msgctl(queue, command, status);
    if (result == 0 && command == IPC_STAT && status && status->msg_lspid > 0)
        status->msg_lspid = innermost(status->msg_lspid);
    return result;
}
