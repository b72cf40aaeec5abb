/* Fault shim (LD_PRELOAD): msgctl(IPC_SET) reports success and changes nothing. Breaks msgctl(2)'s
 * "IPC_SET writes the values of some members of the msqid_ds structure", so the kit must report
 * sysv-msg.permissions.owner-changes-the-mode-with-ipc-set as failed with the mode the queue kept
 * (0600), while IPC_STAT-only properties still pass. */
#include <dlfcn.h>
#include <sys/msg.h>

int msgctl(int queue, int command, struct msqid_ds *status) {
    static int (*real_msgctl)(int, int, struct msqid_ds *);
    if (!real_msgctl) real_msgctl = (int (*)(int, int, struct msqid_ds *))dlsym(RTLD_NEXT, "msgctl");
    if (command == IPC_SET) return 0;
    return real_msgctl(queue, command, status);
}
