/* Fault shim (LD_PRELOAD): semop drops SEM_UNDO from every operation. Breaks semop(2)'s "a
 * process's SEM_UNDO adjustments are reverted when it exits", so the kit must report
 * sysv-sem.lifecycle.sem-undo-reverts-an-exiting-process-adjustment as failed with the value the
 * exited process left behind. */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>

int semop(int set, struct sembuf *operations, size_t count) {
    static int (*real_semop)(int, struct sembuf *, size_t);
    if (!real_semop) real_semop = (int (*)(int, struct sembuf *, size_t))dlsym(RTLD_NEXT, "semop");
    struct sembuf *copy = count ? malloc(count * sizeof *copy) : NULL;
    if (count && !copy) {
        errno = ENOMEM;
        return -1;
    }
    if (count) memcpy(copy, operations, count * sizeof *copy);
    for (size_t i = 0; i < count; i++) copy[i].sem_flg &= ~SEM_UNDO;
    int result = real_semop(set, copy, count);
    int saved = errno;
    free(copy);
    errno = saved;
    return result;
}
