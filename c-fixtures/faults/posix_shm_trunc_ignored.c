/* Fault shim (LD_PRELOAD): shm_open() drops O_TRUNC, so opening an existing object keeps its size.
 * Breaks shm_open(3)'s "O_TRUNC truncates an existing object to zero length", so the kit must
 * report posix-shm.lifecycle.o-trunc-empties-an-existing-object as failed with the size it kept,
 * while a new object still has size 0. */
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/types.h>

int shm_open(const char *name, int flags, mode_t mode) {
    static int (*real_shm_open)(const char *, int, mode_t);
    if (!real_shm_open) real_shm_open = (int (*)(const char *, int, mode_t))dlsym(RTLD_NEXT, "shm_open");
    return real_shm_open(name, flags & ~O_TRUNC, mode);
}
