/* Fault shim (LD_PRELOAD): shm_open() creates objects as if the umask were 0, so a new object gets
 * exactly the mode asked for. Breaks shm_open(3)'s "permission bits are mode masked by the umask",
 * so the kit must report posix-shm.permissions.new-object-mode-is-masked-by-the-umask as failed
 * (0660 instead of 0600), while the owner of a new object is still the creating euid. */
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>

int shm_open(const char *name, int flags, mode_t mode) {
    static int (*real_shm_open)(const char *, int, mode_t);
    if (!real_shm_open) real_shm_open = (int (*)(const char *, int, mode_t))dlsym(RTLD_NEXT, "shm_open");
    mode_t saved = umask(0);
    int fd = real_shm_open(name, flags, mode);
    umask(saved);
    return fd;
}
