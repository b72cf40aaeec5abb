/* Fault shim (LD_PRELOAD): recv() drops MSG_TRUNC from its flags, so it returns the bytes copied
 * instead of the datagram's real length. Breaks recv(2)'s MSG_TRUNC rule for UNIX datagram
 * sockets, so the kit must report unix-dgram.boundaries.recv-with-msg-trunc-returns-the-full-length
 * as failed with the 4 bytes measured. */
#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/types.h>

ssize_t recv(int fd, void *buffer, size_t length, int flags) {
    static ssize_t (*real_recv)(int, void *, size_t, int);
    if (!real_recv) real_recv = (ssize_t(*)(int, void *, size_t, int))dlsym(RTLD_NEXT, "recv");
    return real_recv(fd, buffer, length, flags & ~MSG_TRUNC);
}
