/* Fault shim (LD_PRELOAD): msgrcv ignores the type it is asked for and always takes the oldest
 * message (msgtyp 0). Breaks msgop(2)'s selection by type, so the kit must report the positive-
 * and negative-type ordering properties as failed with the message that was oldest instead. */
#include <dlfcn.h>
#include <sys/msg.h>

ssize_t msgrcv(int queue, void *message, size_t size, long msgtyp, int flags) {
    static ssize_t (*real_msgrcv)(int, void *, size_t, long, int);
    if (!real_msgrcv) real_msgrcv = (ssize_t(*)(int, void *, size_t, long, int))dlsym(RTLD_NEXT, "msgrcv");
    (void)msgtyp;
    return real_msgrcv(queue, message, size, 0, flags);
}
