/* Fault shim (LD_PRELOAD): a send() on a UNIX datagram socket that the kernel refuses with EAGAIN
 * (the receiver's queue is full) reports success instead, as UDP would after dropping the
 * datagram. Breaks unix(7)'s reliable datagrams, so the kit must report
 * unix-dgram.blocking.msg-dontwait-send-to-a-full-receiver-gives-eagain as failed: the sender
 * never sees the queue fill. Other sockets and other errors are untouched. */
#include <dlfcn.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/types.h>

ssize_t send(int fd, const void *buffer, size_t length, int flags) {
    static ssize_t (*real_send)(int, const void *, size_t, int);
    if (!real_send) real_send = (ssize_t(*)(int, const void *, size_t, int))dlsym(RTLD_NEXT, "send");
    ssize_t result = real_send(fd, buffer, length, flags);
    if (result >= 0 || errno != EAGAIN) return result;
    int saved = errno, domain = 0, type = 0;
    socklen_t size = sizeof domain;
    if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &size) == 0 && domain == AF_UNIX &&
        getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &(socklen_t){sizeof type}) == 0 && type == SOCK_DGRAM)
        return (ssize_t)length; /* dropped, as UDP would */
    errno = saved;
    return result;
}
