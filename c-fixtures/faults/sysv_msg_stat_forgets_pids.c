/* Fault shim (LD_PRELOAD): msgctl(IPC_STAT) reports msg_lspid and msg_lrpid as 0, as if no process
 * had ever sent or received. Breaks msgctl(2)'s "msg_lspid is the PID of the process that performed
 * the last msgsnd", so the kit must report sysv-msg.lifecycle.msg-lspid-names-the-last-sender as
 * failed with 0, while the times IPC_STAT reports still pass. */
#include <dlfcn.h>
#include <sys/msg.h>

int msgctl(int queue, int command, struct msqid_ds *status) {
    static int (*real_msgctl)(int, int, struct msqid_ds *);
    if (!real_msgctl) real_msgctl = (int (*)(int, int, struct msqid_ds *))dlsym(RTLD_NEXT, "msgctl");
    int result = real_msgctl(queue, command, status);
    if (result == 0 && command == IPC_STAT && status) {
        status->msg_lspid = 0;
        status->msg_lrpid = 0;
    }
    return result;
}
