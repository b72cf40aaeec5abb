/* Fault shim (LD_PRELOAD): every queue msgget creates is shrunk to 1024 bytes (IPC_SET lowers
 * msg_qbytes, which the owner may always do). Breaks "a new queue holds kernel.msgmnb bytes", so
 * the kit must report sysv-msg.capacity.queue-bytes-equal-kernel-msgmnb as failed with 1024. */
#include <dlfcn.h>
#include <errno.h>
#include <sys/msg.h>

#define SHRUNK_QUEUE_BYTES 1024

int msgget(key_t key, int flags) {
    static int (*real_msgget)(key_t, int);
    if (!real_msgget) real_msgget = (int (*)(key_t, int))dlsym(RTLD_NEXT, "msgget");
    int queue = real_msgget(key, flags);
    if (queue >= 0 && (flags & IPC_CREAT)) {
        int saved = errno;
        struct msqid_ds status;
        if (msgctl(queue, IPC_STAT, &status) == 0 && status.msg_qbytes > SHRUNK_QUEUE_BYTES) {
            status.msg_qbytes = SHRUNK_QUEUE_BYTES;
            msgctl(queue, IPC_SET, &status);
        }
        errno = saved;
    }
    return queue;
}
