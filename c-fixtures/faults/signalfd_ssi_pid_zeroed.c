/* Fault shim (LD_PRELOAD): read() of a signalfd hands back every record with ssi_pid 0, as if the
 * sender were unknown. Breaks signalfd(2)'s "ssi_pid: PID of sender", so the kit must report the
 * ssi_pid property as failed with the value 0, and leave the ssi_int one (same records) passing.
 * Other descriptors are told apart by their /proc/self/fd link, anon_inode:[signalfd]. */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

static bool is_signalfd(int fd) {
    char path[64], target[64] = {0};
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return readlink(path, target, sizeof target - 1) > 0 && strcmp(target, "anon_inode:[signalfd]") == 0;
}

ssize_t read(int fd, void *buffer, size_t count) {
    static ssize_t (*real_read)(int, void *, size_t);
    if (!real_read) real_read = (ssize_t(*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    ssize_t n = real_read(fd, buffer, count);
    /* Only whole records can come from a signalfd: anything shorter is left alone unexamined. */
    if (n < (ssize_t)sizeof(struct signalfd_siginfo) || !is_signalfd(fd)) return n;
    struct signalfd_siginfo *records = buffer;
    for (size_t i = 0; i < (size_t)n / sizeof *records; i++) records[i].ssi_pid = 0;
    return n;
}
