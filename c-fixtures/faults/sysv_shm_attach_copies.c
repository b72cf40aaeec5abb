/* Fault shim (LD_PRELOAD): shmat() hands out a private copy of the segment instead of the segment
 * itself, as if the memory were copied into each process. Breaks "two attachments are one memory"
 * (shmat(2)), so the kit must report sysv-shm.direction.two-attachments-are-one-memory-not-copies
 * as failed. Segments are still created and removed normally: cleanup is unaffected. */
#include <dlfcn.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>

void *shmat(int id, const void *address, int flags) {
    static void *(*real_shmat)(int, const void *, int);
    if (!real_shmat) real_shmat = (void *(*)(int, const void *, int))dlsym(RTLD_NEXT, "shmat");
    char *attached = real_shmat(id, address, flags);
    struct shmid_ds status;
    if (attached == (void *)-1 || shmctl(id, IPC_STAT, &status) != 0) return attached;
    int saved = errno;
    size_t size = status.shm_segsz;
    /* A private anonymous mapping over the same addresses, holding what the segment held; mapping
     * it replaces (and so detaches) the real attachment. */
    char *copy = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (copy == MAP_FAILED) return attached;
    memcpy(copy, attached, size);
    int protection = flags & SHM_RDONLY ? PROT_READ : PROT_READ | PROT_WRITE;
    if (mmap(attached, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
        MAP_FAILED)
        return attached;
    memcpy(attached, copy, size);
    mprotect(attached, size, protection);
    munmap(copy, size);
    errno = saved;
    return attached;
}
