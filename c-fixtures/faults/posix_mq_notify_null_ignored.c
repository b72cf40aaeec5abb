/* Fault shim (LD_PRELOAD): mq_notify(queue, NULL) reports success without removing the caller's
 * registration. Breaks mq_notify(3)'s "a NULL notification removes the registration", so the kit
 * must report posix-mq.notification.mq-notify-null-removes-the-registration as failed with the
 * notification that still arrived. */
#include <dlfcn.h>
#include <mqueue.h>
#include <stddef.h>

int mq_notify(mqd_t queue, const struct sigevent *notification) {
    static int (*real_mq_notify)(mqd_t, const struct sigevent *);
    if (!real_mq_notify)
        real_mq_notify = (int (*)(mqd_t, const struct sigevent *))dlsym(RTLD_NEXT, "mq_notify");
    if (!notification) return 0;
    return real_mq_notify(queue, notification);
}
