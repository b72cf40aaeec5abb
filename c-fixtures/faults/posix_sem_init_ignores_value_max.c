/* Fault shim (LD_PRELOAD): sem_init accepts any value, quietly capping one above SEM_VALUE_MAX at
 * the maximum. Breaks sem_init(3)'s "EINVAL when value exceeds SEM_VALUE_MAX", so the kit must
 * report posix-sem.limits.sem-init-with-a-value-above-sem-value-max-gives-einval as failed (the
 * call succeeded), while a semaphore at SEM_VALUE_MAX still refuses a sem_post with EOVERFLOW. */
#include <dlfcn.h>
#include <limits.h>
#include <semaphore.h>

int sem_init(sem_t *semaphore, int pshared, unsigned value) {
    static int (*real_sem_init)(sem_t *, int, unsigned);
    if (!real_sem_init) real_sem_init = (int (*)(sem_t *, int, unsigned))dlsym(RTLD_NEXT, "sem_init");
    return real_sem_init(semaphore, pshared, value > SEM_VALUE_MAX ? SEM_VALUE_MAX : value);
}
