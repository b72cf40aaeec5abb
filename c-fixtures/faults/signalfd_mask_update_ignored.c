/* Fault shim (LD_PRELOAD): signalfd(fd, mask, flags) on an existing descriptor returns it without
 * changing its mask. Breaks signalfd(2)'s "if fd is an existing signalfd, mask replaces its mask",
 * so the kit must report the mask-update property as failed with the old mask's SIGUSR1 read, and
 * leave a new descriptor's behaviour (fd -1) untouched. */
#include <dlfcn.h>
#include <sys/signalfd.h>

int signalfd(int fd, const sigset_t *mask, int flags) {
    static int (*real_signalfd)(int, const sigset_t *, int);
    if (!real_signalfd) real_signalfd = (int (*)(int, const sigset_t *, int))dlsym(RTLD_NEXT, "signalfd");
    if (fd >= 0) return fd;
    return real_signalfd(fd, mask, flags);
}
