/* Fault shim (LD_PRELOAD): sem_open drops O_EXCL, so creating a name that already exists opens it
 * instead of failing. Breaks sem_open(3)'s "O_CREAT | O_EXCL on an existing name gives EEXIST", so
 * the kit must report posix-sem.lifecycle.o-excl-on-an-existing-name-gives-eexist as failed, while
 * opening a missing name without O_CREAT still gives ENOENT. */
#include <dlfcn.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>
#include <sys/types.h>

sem_t *sem_open(const char *name, int flags, ...) {
    static sem_t *(*real_sem_open)(const char *, int, ...);
    if (!real_sem_open) real_sem_open = (sem_t * (*)(const char *, int, ...)) dlsym(RTLD_NEXT, "sem_open");
    if (!(flags & O_CREAT)) return real_sem_open(name, flags);
    va_list args;
    va_start(args, flags);
    mode_t mode = va_arg(args, mode_t);
    unsigned value = va_arg(args, unsigned);
    va_end(args);
    return real_sem_open(name, flags & ~O_EXCL, mode, value);
}
