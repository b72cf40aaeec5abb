/* Fault shim (LD_PRELOAD): fcntl(F_GETLK) always answers that nothing conflicts, setting l_type to
 * F_UNLCK after the real call. Breaks fcntl(2)'s "F_GETLK reports a conflicting lock's type, range
 * and pid", so the kit must report file-locks.record.getlk-reports-the-conflicting-lock-type-and-range
 * as failed. The lock calls themselves (F_SETLK, F_OFD_*) are left alone. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>

typedef int (*fcntl_function)(int, int, ...);

static int call_then_hide(const char *symbol, int fd, int cmd, void *arg) {
    fcntl_function real = (fcntl_function)dlsym(RTLD_NEXT, symbol);
    int result = real(fd, cmd, arg);
    if (result == 0 && cmd == F_GETLK) ((struct flock *)arg)->l_type = F_UNLCK;
    return result;
}

/* Every fcntl command takes at most one argument, an int or a pointer: passing it on as a pointer
 * keeps its bits for both on the ABIs glibc supports here (x86-64, arm64). */
int fcntl(int fd, int cmd, ...) {
    va_list args;
    va_start(args, cmd);
    void *arg = va_arg(args, void *);
    va_end(args);
    return call_then_hide("fcntl", fd, cmd, arg);
}

int fcntl64(int fd, int cmd, ...) {
    va_list args;
    va_start(args, cmd);
    void *arg = va_arg(args, void *);
    va_end(args);
    return call_then_hide("fcntl64", fd, cmd, arg);
}
