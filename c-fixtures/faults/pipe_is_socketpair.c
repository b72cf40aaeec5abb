/* Fault shim (LD_PRELOAD): pipe() hands out a bidirectional UNIX stream socketpair. Breaks
 * pipe(2)'s "fds[0] is the read end": writing to it succeeds, so the kit must report
 * pipe.direction.read-end-cannot-write as failed. */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    int type = SOCK_STREAM;
    if (flags & O_CLOEXEC) type |= SOCK_CLOEXEC;
    if (flags & O_NONBLOCK) type |= SOCK_NONBLOCK;
    return socketpair(AF_UNIX, type, 0, fds);
}

int pipe(int fds[2]) { return pipe2(fds, 0); }
