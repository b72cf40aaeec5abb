/* Fault shim (LD_PRELOAD): msync() drops MS_ASYNC when MS_SYNC is also given, instead of refusing
 * the pair. Breaks msync(2)'s "EINVAL: both MS_SYNC and MS_ASYNC are set in flags", so the kit must
 * report file-mapping.limits.msync-with-both-ms-sync-and-ms-async-gives-einval as failed with the
 * success measured, while msync(MS_SYNC) alone still writes the data back. */
#include <dlfcn.h>
#include <stddef.h>
#include <sys/mman.h>

int msync(void *address, size_t length, int flags) {
    static int (*real_msync)(void *, size_t, int);
    if (!real_msync) real_msync = (int (*)(void *, size_t, int))dlsym(RTLD_NEXT, "msync");
    if ((flags & MS_SYNC) && (flags & MS_ASYNC)) flags &= ~MS_ASYNC;
    return real_msync(address, length, flags);
}
