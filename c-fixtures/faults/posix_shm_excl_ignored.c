/* Fault shim (LD_PRELOAD): shm_open() drops O_EXCL, so creating a name that already exists opens
 * it instead of failing. Breaks shm_open(3)'s "O_CREAT | O_EXCL on an existing name gives EEXIST",
 * so the kit must report posix-shm.lifecycle.o-excl-on-an-existing-name-gives-eexist as failed. */
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/types.h>

int shm_open(const char *name, int flags, mode_t mode) {
    static int (*real_shm_open)(const char *, int, mode_t);
    if (!real_shm_open) real_shm_open = (int (*)(const char *, int, mode_t))dlsym(RTLD_NEXT, "shm_open");
    return real_shm_open(name, flags & ~O_EXCL, mode);
}
