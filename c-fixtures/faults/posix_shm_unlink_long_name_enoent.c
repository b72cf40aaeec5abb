/* Fault shim (LD_PRELOAD): shm_unlink() reports a name longer than NAME_MAX as missing (ENOENT),
 * the way glibc's sem_unlink does. Breaks shm_unlink(3)'s "ENAMETOOLONG for a name longer than
 * NAME_MAX", so the kit must report
 * posix-shm.limits.shm-unlink-of-a-name-longer-than-name-max-gives-enametoolong as failed (ENOENT),
 * while shm_open() of such a name still gives ENAMETOOLONG. */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <string.h>

int shm_unlink(const char *name) {
    static int (*real_shm_unlink)(const char *);
    if (!real_shm_unlink) real_shm_unlink = (int (*)(const char *))dlsym(RTLD_NEXT, "shm_unlink");
    if (strlen(name) > NAME_MAX) {
        errno = ENOENT;
        return -1;
    }
    return real_shm_unlink(name);
}
