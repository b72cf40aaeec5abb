/* Sleeps that return at once (a perturbation): a program that sleeps "long enough" for another
 * process to get somewhere has assumed a scheduling it was never promised; with the sleeps gone,
 * the assumption shows. A correct program waits for an event instead and is not affected. */
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include "tracer.h"

unsigned int sleep(unsigned int seconds) {
    if (!perturb_sleeps) return REAL(sleep)(seconds);
    sched_yield();
    return 0;
}

int usleep(useconds_t microseconds) {
    if (!perturb_sleeps) return REAL(usleep)(microseconds);
    sched_yield();
    return 0;
}

int nanosleep(const struct timespec *duration, struct timespec *remaining) {
    if (!perturb_sleeps) return REAL(nanosleep)(duration, remaining);
    sched_yield();
    return 0;
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *until, struct timespec *remaining) {
    if (!perturb_sleeps) return REAL(clock_nanosleep)(clock, flags, until, remaining);
    sched_yield();
    return 0;
}
