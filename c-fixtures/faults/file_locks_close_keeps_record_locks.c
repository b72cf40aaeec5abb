/* Fault shim (LD_PRELOAD): close() of a descriptor of a regular file that the process has open
 * through another descriptor too does nothing (and reports success), so the process keeps its
 * record locks on that file, as if they belonged to the locking descriptor. Breaks fcntl(2)'s
 * "closing any descriptor of the file releases all the process's locks on it", so the kit must
 * report file-locks.record.closing-any-descriptor-of-the-file-releases-the-process-locks as failed.
 * The skipped descriptors stay open until the process exits, which then releases the locks. */
#include <dlfcn.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

/* Descriptors searched for another one of the same file; the probes' are far below this. */
#define SEARCHED_DESCRIPTORS 1024

static bool open_elsewhere(int fd, const struct stat *file) {
    for (int other = 0; other < SEARCHED_DESCRIPTORS; other++) {
        struct stat status;
        if (other != fd && fstat(other, &status) == 0 && status.st_dev == file->st_dev &&
            status.st_ino == file->st_ino)
            return true;
    }
    return false;
}

int close(int fd) {
    static int (*real_close)(int);
    if (!real_close) real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
    struct stat file;
    if (fstat(fd, &file) == 0 && S_ISREG(file.st_mode) && open_elsewhere(fd, &file)) return 0;
    return real_close(fd);
}
