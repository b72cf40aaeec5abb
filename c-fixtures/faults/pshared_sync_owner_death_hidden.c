/* Fault shim (LD_PRELOAD): pthread_mutex_lock hides EOWNERDEAD and reports 0, as if the previous
 * owner had unlocked normally. Breaks pthread_mutexattr_setrobust(3)'s "the next locker is told
 * the owner died", so the kit must report the EOWNERDEAD property as failed with the 0 it measured,
 * while the properties of non-robust and error-checking mutexes (EBUSY, EDEADLK) still pass. */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>

int pthread_mutex_lock(pthread_mutex_t *mutex) {
    static int (*real_lock)(pthread_mutex_t *);
    if (!real_lock) real_lock = (int (*)(pthread_mutex_t *))dlsym(RTLD_NEXT, "pthread_mutex_lock");
    int result = real_lock(mutex);
    return result == EOWNERDEAD ? 0 : result;
}
