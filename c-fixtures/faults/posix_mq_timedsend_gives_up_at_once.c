/* Fault shim (LD_PRELOAD): mq_timedsend ignores the caller's deadline and uses "now", so a send
 * to a full queue times out at once. Breaks mq_send(3)'s "mq_timedsend waits until abs_timeout",
 * so the kit must report posix-mq.blocking.timedsend-waits-at-least-its-timeout as failed with
 * the short wait it measured, while the errno (ETIMEDOUT) stays right. */
#include <dlfcn.h>
#include <mqueue.h>
#include <stddef.h>
#include <time.h>

int mq_timedsend(mqd_t queue, const char *message, size_t length, unsigned int priority,
                 const struct timespec *deadline) {
    static int (*real_mq_timedsend)(mqd_t, const char *, size_t, unsigned int, const struct timespec *);
    if (!real_mq_timedsend)
        real_mq_timedsend = (int (*)(mqd_t, const char *, size_t, unsigned int,
                                     const struct timespec *))dlsym(RTLD_NEXT, "mq_timedsend");
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    (void)deadline;
    return real_mq_timedsend(queue, message, length, priority, &now);
}
