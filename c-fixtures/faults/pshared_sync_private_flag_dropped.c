/* Fault shim (LD_PRELOAD): syscall(SYS_futex, …) drops FUTEX_PRIVATE_FLAG from the operation, so
 * every futex call is a shared one. Breaks futex(2)'s "a private futex is matched only within the
 * calling process", so the kit must report the private-wake property as failed with the 1 waiter
 * it woke in another process, while the shared wake across processes still wakes exactly one. */
#include <dlfcn.h>
#include <linux/futex.h>
#include <stdarg.h>
#include <sys/syscall.h>

long syscall(long number, ...) {
    static long (*real_syscall)(long, ...);
    if (!real_syscall) real_syscall = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
    va_list args;
    va_start(args, number);
    long a[6];
    for (int i = 0; i < 6; i++) a[i] = va_arg(args, long);
    va_end(args);
    if (number == SYS_futex) a[1] &= ~(long)FUTEX_PRIVATE_FLAG;
    return real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
