/* Fault shim (LD_PRELOAD): sem_timedwait never waits and never looks at its deadline: when the
 * semaphore cannot be taken at once it fails with ETIMEDOUT. Breaks sem_wait(3)'s "EINVAL when the
 * call would block and tv_nsec is out of range", so the kit must report
 * posix-sem.blocking.timedwait-with-an-invalid-tv-nsec-gives-einval as failed (ETIMEDOUT), while a
 * deadline already passed still gives ETIMEDOUT on 0 and takes a semaphore of 1. */
#include <errno.h>
#include <semaphore.h>
#include <time.h>

int sem_timedwait(sem_t *semaphore, const struct timespec *deadline) {
    (void)deadline;
    if (sem_trywait(semaphore) == 0) return 0;
    if (errno == EAGAIN) errno = ETIMEDOUT;
    return -1;
}
