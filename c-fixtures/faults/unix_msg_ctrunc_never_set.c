/* Fault shim (LD_PRELOAD): recvmsg() clears MSG_CTRUNC from msg_flags, so a receiver never learns
 * that descriptors were dropped for lack of control buffer. Breaks recvmsg(2)'s MSG_CTRUNC rule, so
 * the kit must report unix-stream.kin.too-small-a-control-buffer-sets-msg-ctrunc as failed with
 * the value false measured; the descriptors themselves are still handled by the kernel. */
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/types.h>

ssize_t recvmsg(int fd, struct msghdr *message, int flags) {
    static ssize_t (*real_recvmsg)(int, struct msghdr *, int);
    if (!real_recvmsg) real_recvmsg = (ssize_t(*)(int, struct msghdr *, int))dlsym(RTLD_NEXT, "recvmsg");
    ssize_t result = real_recvmsg(fd, message, flags);
    if (result >= 0 && message) message->msg_flags &= ~MSG_CTRUNC;
    return result;
}
