/* Fault shim (LD_PRELOAD): sem_trywait refuses with EAGAIN whatever the value, as if every
 * semaphore were at 0. Breaks sem_wait(3)'s "decrements when the value is above zero", so the kit
 * must report posix-sem.capacity.trywait-succeeds-as-many-times-as-the-value as failed (0 of 3),
 * while the value-0 property (EAGAIN) still passes. */
#include <errno.h>
#include <semaphore.h>

int sem_trywait(sem_t *semaphore) {
    (void)semaphore;
    errno = EAGAIN;
    return -1;
}
