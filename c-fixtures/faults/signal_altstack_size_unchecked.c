/* Fault shim (LD_PRELOAD): sigaltstack() accepts a stack smaller than MINSIGSTKSZ (reports success
 * and changes nothing). Breaks sigaltstack(2)'s ENOMEM, so the kit must report that property as
 * failed with the value 0 and no errno, and leave the old-stack property passing. */
#include <dlfcn.h>
#include <signal.h>

int sigaltstack(const stack_t *stack, stack_t *old) {
    static int (*real_sigaltstack)(const stack_t *, stack_t *);
    if (!real_sigaltstack)
        real_sigaltstack = (int (*)(const stack_t *, stack_t *))dlsym(RTLD_NEXT, "sigaltstack");
    if (stack && !(stack->ss_flags & SS_DISABLE) && stack->ss_size < 2048) return real_sigaltstack(NULL, old);
    return real_sigaltstack(stack, old);
}
