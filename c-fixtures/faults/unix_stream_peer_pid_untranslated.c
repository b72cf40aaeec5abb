/* Fault shim (LD_PRELOAD): the pids UNIX sockets report are not translated into the reader's PID
 * namespace. A pid that SO_PEERCRED or an SCM_CREDENTIALS message gives is replaced by the pid that
 * process has in its own, innermost namespace (the last NSpid field of /proc/PID/status). Breaks
 * unix(7) and pid_namespaces(7) (credentials are given as the receiver's namespace numbers the
 * sender), so the kit must report the unix-stream.isolation properties read in the parent
 * namespace as failed; a pid already 0 (no pid in the reader's namespace) is left alone. */
#include <dlfcn.h>
#include <string.h>
#include <sys/socket.h>

#include "faults/innermost_pid.h"

int getsockopt(int fd, int level, int name, void *value, socklen_t *length) {
    static int (*real_getsockopt)(int, int, int, void *, socklen_t *);
    if (!real_getsockopt)
        real_getsockopt = (int (*)(int, int, int, void *, socklen_t *))dlsym(RTLD_NEXT, "getsockopt");
    int result = real_getsockopt(fd, level, name, value, length);
    if (result == 0 && level == SOL_SOCKET && name == SO_PEERCRED && *length >= sizeof(struct ucred)) {
        struct ucred *peer = value;
        if (peer->pid > 0) peer->pid = innermost_pid(peer->pid);
    }
    return result;
}

ssize_t recvmsg(int fd, struct msghdr *message, int flags) {
    static ssize_t (*real_recvmsg)(int, struct msghdr *, int);
    if (!real_recvmsg) real_recvmsg = (ssize_t(*)(int, struct msghdr *, int))dlsym(RTLD_NEXT, "recvmsg");
    ssize_t result = real_recvmsg(fd, message, flags);
    if (result < 0) return result;
    for (struct cmsghdr *header = CMSG_FIRSTHDR(message); header; header = CMSG_NXTHDR(message, header))
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_CREDENTIALS) {
            struct ucred sender;
            memcpy(&sender, CMSG_DATA(header), sizeof sender);
            if (sender.pid > 0) sender.pid = innermost_pid(sender.pid);
            memcpy(CMSG_DATA(header), &sender, sizeof sender);
        }
    return result;
}
