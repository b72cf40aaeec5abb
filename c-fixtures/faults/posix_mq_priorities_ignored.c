/* Fault shim (LD_PRELOAD): every message is sent with priority 0, whatever the caller asked for.
 * Breaks mq_send(3)'s "messages are received highest priority first", so the kit must report
 * posix-mq.ordering.highest-priority-comes-out-first as failed, with the priorities it received. */
#include <dlfcn.h>
#include <mqueue.h>
#include <stddef.h>

int mq_send(mqd_t queue, const char *message, size_t length, unsigned int priority) {
    static int (*real_mq_send)(mqd_t, const char *, size_t, unsigned int);
    (void)priority;
    if (!real_mq_send)
        real_mq_send = (int (*)(mqd_t, const char *, size_t, unsigned int))dlsym(RTLD_NEXT, "mq_send");
    return real_mq_send(queue, message, length, 0);
}
