/* Fault shim (LD_PRELOAD): a non-blocking write of at most PIPE_BUF bytes to a pipe or FIFO that
 * the kernel refuses with EAGAIN is reported as a partial write of the room that was left, as if
 * the kernel had split it. Breaks pipe(7)'s "O_NONBLOCK, n <= PIPE_BUF: all or EAGAIN", so the kit
 * must report pipe.atomicity.nonblocking-write-up-to-pipe-buf-into-less-room-gives-eagain as failed
 * with the room measured. Writes larger than PIPE_BUF, and writes into a full pipe, are untouched. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t write(int fd, const void *buffer, size_t size) {
    static ssize_t (*real_write)(int, const void *, size_t);
    if (!real_write) real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    ssize_t result = real_write(fd, buffer, size);
    if (result >= 0 || errno != EAGAIN || size > PIPE_BUF) return result;
    int saved = errno;
    struct stat target;
    int capacity = fcntl(fd, F_GETPIPE_SZ), unread = 0;
    if (fstat(fd, &target) != 0 || !S_ISFIFO(target.st_mode) || capacity <= 0 ||
        ioctl(fd, FIONREAD, &unread) != 0) {
        errno = saved;
        return result;
    }
    ssize_t room = capacity - unread;
    if (room > 0 && (size_t)room < size) return room;
    errno = saved;
    return result;
}
