/* Fault shim (LD_PRELOAD): eventfd() drops EFD_SEMAPHORE from its flags, so every counter is a plain
 * one. Breaks eventfd(2)'s "EFD_SEMAPHORE: a read returns 1 and decrements the counter by 1": the
 * kit must report the semaphore-read property as failed with the whole counter (3) read at once,
 * and leave the plain counter's sum-of-writes property passing. */
#include <dlfcn.h>
#include <sys/eventfd.h>

int eventfd(unsigned int initval, int flags) {
    static int (*real_eventfd)(unsigned int, int);
    if (!real_eventfd) real_eventfd = (int (*)(unsigned int, int))dlsym(RTLD_NEXT, "eventfd");
    return real_eventfd(initval, flags & ~EFD_SEMAPHORE);
}
