/* Fault shim (LD_PRELOAD): a semop of several operations is carried out one operation at a time.
 * Breaks semop(2)'s "the operations are performed atomically, all or none", so the kit must report
 * sysv-sem.atomicity.operations-on-several-semaphores-apply-all-or-none as failed with the values
 * the first, applied half left behind. */
#include <dlfcn.h>
#include <sys/sem.h>

int semop(int set, struct sembuf *operations, size_t count) {
    static int (*real_semop)(int, struct sembuf *, size_t);
    if (!real_semop) real_semop = (int (*)(int, struct sembuf *, size_t))dlsym(RTLD_NEXT, "semop");
    if (count < 2) return real_semop(set, operations, count);
    for (size_t i = 0; i < count; i++) {
        if (real_semop(set, &operations[i], 1) != 0) return -1; /* what went before stays applied */
    }
    return 0;
}
