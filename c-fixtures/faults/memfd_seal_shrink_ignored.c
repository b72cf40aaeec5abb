/* Fault shim (LD_PRELOAD): fcntl(F_ADD_SEALS) drops F_SEAL_SHRINK from the seals it is asked to add,
 * so a memfd "sealed against shrinking" can still be truncated. Breaks fcntl(2)'s "F_SEAL_SHRINK:
 * the file in question cannot be reduced in size", so the kit must report
 * memfd.capacity.f-seal-shrink-refuses-a-smaller-ftruncate-with-eperm as failed, and leave the
 * F_SEAL_GROW properties passing. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>

typedef int (*fcntl_function)(int, int, ...);

/* Every fcntl command takes at most one argument, an int or a pointer: passing it on as a long
 * keeps both intact on the Linux ABIs. */
static int forward(const char *symbol, int fd, int cmd, long argument) {
    fcntl_function real = (fcntl_function)dlsym(RTLD_NEXT, symbol);
    if (cmd == F_ADD_SEALS) argument &= ~(long)F_SEAL_SHRINK;
    return real(fd, cmd, argument);
}

int fcntl(int fd, int cmd, ...) {
    va_list arguments;
    va_start(arguments, cmd);
    long argument = va_arg(arguments, long);
    va_end(arguments);
    return forward("fcntl", fd, cmd, argument);
}

int fcntl64(int fd, int cmd, ...) {
    va_list arguments;
    va_start(arguments, cmd);
    long argument = va_arg(arguments, long);
    va_end(arguments);
    return forward("fcntl64", fd, cmd, argument);
}
