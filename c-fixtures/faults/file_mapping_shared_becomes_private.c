/* Fault shim (LD_PRELOAD): mmap() of a file turns MAP_SHARED into MAP_PRIVATE, so stores stay in
 * the caller's copy. Breaks mmap(2)'s "updates to the mapping are visible to other processes
 * mapping the same region, and are carried through to the underlying file", so the kit must report
 * file-mapping.direction.a-shared-store-is-seen-by-read-of-the-file as failed with the old text,
 * while what mmap refuses (a length of zero) stays refused. Anonymous mappings are left alone: the
 * process itself needs them. */
#include <dlfcn.h>
#include <sys/mman.h>
#include <sys/types.h>

void *mmap(void *address, size_t length, int prot, int flags, int fd, off_t offset) {
    static void *(*real_mmap)(void *, size_t, int, int, int, off_t);
    if (!real_mmap) real_mmap = (void *(*)(void *, size_t, int, int, int, off_t))dlsym(RTLD_NEXT, "mmap");
    if (fd >= 0 && !(flags & MAP_ANONYMOUS) && (flags & MAP_TYPE) == MAP_SHARED)
        flags = (flags & ~MAP_TYPE) | MAP_PRIVATE;
    return real_mmap(address, length, prot, flags, fd, offset);
}

void *mmap64(void *address, size_t length, int prot, int flags, int fd, off_t offset)
    __attribute__((alias("mmap")));
