/* Fault shim (LD_PRELOAD): msgctl(IPC_STAT) gives msg_lspid as the sender's pid in its own,
 * innermost PID namespace (the last NSpid field of /proc/PID/status) instead of the reader's
 * number for it. Breaks the translation of pids between PID namespaces (pid_namespaces(7)), so the
 * kit must report sysv-msg.isolation.msg-lspid-set-inside-a-pid-namespace-reads-as-the-parent-
 * namespace-pid-outside as failed; a pid read as 0 (no pid in the reader's namespace) is left alone. */
#include <dlfcn.h>
#include <sys/msg.h>

#include "faults/innermost_pid.h"

int msgctl(int queue, int command, struct msqid_ds *status) {
    static int (*real_msgctl)(int, int, struct msqid_ds *);
    if (!real_msgctl) real_msgctl = (int (*)(int, int, struct msqid_ds *))dlsym(RTLD_NEXT, "msgctl");
    int result = real_msgctl(queue, command, status);
    if (result == 0 && command == IPC_STAT && status && status->msg_lspid > 0)
        status->msg_lspid = innermost_pid(status->msg_lspid);
    return result;
}
