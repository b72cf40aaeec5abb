/* Short transfers (a perturbation): read(2) may return fewer bytes than asked on a pipe, FIFO or
 * stream socket, and write(2)/send(2) may on a stream socket (a signal, a full buffer with
 * O_NONBLOCK). Making every such transfer short is legal, and shows a program that takes one call
 * for the whole message. Datagram sockets are left alone: there a short transfer would truncate. */
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tracer.h"

static bool is_stream_socket(int fd) {
    int type;
    socklen_t length = sizeof type;
    return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 && type == SOCK_STREAM;
}

/* The size to pass on: fewer bytes than asked (at least one) when the perturbation applies. */
static size_t shortened(int fd, size_t asked, bool writing) {
    if (!perturb_short_transfers || asked < 2) return asked;
    struct stat info;
    if (fstat(fd, &info) != 0) return asked;
    bool applies = S_ISSOCK(info.st_mode) ? is_stream_socket(fd) : (!writing && S_ISFIFO(info.st_mode));
    if (!applies) return asked;
    size_t limit = asked - 1 < 65536 ? asked - 1 : 65536;
    return 1 + tracer_random() % limit;
}

ssize_t read(int fd, void *buffer, size_t size) { return REAL(read)(fd, buffer, shortened(fd, size, false)); }

ssize_t write(int fd, const void *buffer, size_t size) {
    return REAL(write)(fd, buffer, shortened(fd, size, true));
}

ssize_t recv(int fd, void *buffer, size_t size, int flags) {
    /* MSG_WAITALL asks the kernel for the whole size; only a signal may cut it short. */
    return REAL(recv)(fd, buffer, (flags & MSG_WAITALL) ? size : shortened(fd, size, false), flags);
}

ssize_t send(int fd, const void *buffer, size_t size, int flags) {
    return REAL(send)(fd, buffer, shortened(fd, size, true), flags);
}
