/* Fault shim (LD_PRELOAD): a write of more than one byte to a pipe or FIFO goes out in two halves
 * with a short pause between them. Breaks POSIX write()'s "writes of at most PIPE_BUF bytes are
 * atomic", so concurrent writers interleave and the kit must report the atomicity properties as
 * failed. Partial writes and errno keep their usual meaning for the caller. */
#include <dlfcn.h>
#include <errno.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

ssize_t write(int fd, const void *buffer, size_t size) {
    static ssize_t (*real_write)(int, const void *, size_t);
    if (!real_write) real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    struct stat target;
    int saved = errno;
    if (size < 2 || fstat(fd, &target) != 0 || !S_ISFIFO(target.st_mode)) {
        errno = saved;
        return real_write(fd, buffer, size);
    }
    errno = saved;
    ssize_t first = real_write(fd, buffer, size / 2);
    if (first <= 0) return first;
    struct timespec pause = {.tv_nsec = 50000};
    nanosleep(&pause, NULL);
    ssize_t rest = real_write(fd, (const char *)buffer + first, size - (size_t)first);
    return rest < 0 ? first : first + rest;
}
