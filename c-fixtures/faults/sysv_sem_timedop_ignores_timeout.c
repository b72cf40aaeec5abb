/* Fault shim (LD_PRELOAD): semtimedop ignores its timeout and gives up at once, as if IPC_NOWAIT
 * were set. Breaks semop(2)'s "semtimedop waits at most the time given by timeout", in the other
 * direction: the kit must report sysv-sem.blocking.semtimedop-waits-at-least-its-timeout as failed
 * with the short wait it measured, while the EAGAIN property still passes. */
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/sem.h>
#include <time.h>

int semtimedop(int set, struct sembuf *operations, size_t count, const struct timespec *timeout) {
    static int (*real_semtimedop)(int, struct sembuf *, size_t, const struct timespec *);
    if (!real_semtimedop)
        real_semtimedop =
            (int (*)(int, struct sembuf *, size_t, const struct timespec *))dlsym(RTLD_NEXT, "semtimedop");
    if (!timeout || count > 64) return real_semtimedop(set, operations, count, timeout);
    struct sembuf now[64];
    for (size_t i = 0; i < count; i++) {
        now[i] = operations[i];
        now[i].sem_flg |= IPC_NOWAIT;
    }
    return real_semtimedop(set, now, count, NULL);
}
