/* Fault shim (LD_PRELOAD): send() on a TCP socket puts the second half of the buffer on the wire
 * before the first. Breaks tcp(7)'s "data arrives in order", so the kit must report the stream
 * ordering properties as failed with the count of misplaced bytes, while byte counts (the
 * boundaries property) stay what they were. */
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>

typedef ssize_t (*send_function)(int, const void *, size_t, int);

static send_function real_send(void) {
    static send_function function;
    if (!function) function = (send_function)dlsym(RTLD_NEXT, "send");
    return function;
}

static int is_tcp(int fd) {
    int type = 0;
    struct sockaddr_storage address;
    socklen_t type_length = sizeof type, address_length = sizeof address;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_length) != 0 || type != SOCK_STREAM) return 0;
    if (getsockname(fd, (struct sockaddr *)&address, &address_length) != 0) return 0;
    return address.ss_family == AF_INET || address.ss_family == AF_INET6;
}

/* The whole of buffer, as the blocking sockets the probes use allow; -1 on the first failure. */
static ssize_t send_whole(int fd, const char *buffer, size_t size, int flags) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = real_send()(fd, buffer + done, size - done, flags);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

ssize_t send(int fd, const void *buffer, size_t size, int flags) {
    int saved = errno;
    if (size < 2 || !is_tcp(fd)) {
        errno = saved;
        return real_send()(fd, buffer, size, flags);
    }
    errno = saved;
    size_t head = size / 2;
    if (send_whole(fd, (const char *)buffer + head, size - head, flags) < 0) return -1;
    if (send_whole(fd, buffer, head, flags) < 0) return -1;
    return (ssize_t)size;
}
