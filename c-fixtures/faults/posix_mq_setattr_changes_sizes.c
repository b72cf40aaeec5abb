/* Fault shim (LD_PRELOAD): mq_setattr pretends to apply every field it is given. It remembers the
 * mq_maxmsg and mq_msgsize asked for (one queue descriptor at a time) and mq_getattr reports them
 * afterwards. Breaks mq_setattr(3)'s "only mq_flags is changed", so the kit must report
 * posix-mq.limits.setattr-ignores-maxmsg-msgsize-and-curmsgs as failed with the sizes it read. */
#include <dlfcn.h>
#include <mqueue.h>
#include <stddef.h>

static mqd_t changed_queue = -1;
static long changed_maxmsg, changed_msgsize;

int mq_setattr(mqd_t queue, const struct mq_attr *attr, struct mq_attr *old) {
    static int (*real_mq_setattr)(mqd_t, const struct mq_attr *, struct mq_attr *);
    if (!real_mq_setattr)
        real_mq_setattr =
            (int (*)(mqd_t, const struct mq_attr *, struct mq_attr *))dlsym(RTLD_NEXT, "mq_setattr");
    int result = real_mq_setattr(queue, attr, old);
    if (result == 0 && attr->mq_maxmsg > 0 && attr->mq_msgsize > 0) {
        changed_queue = queue;
        changed_maxmsg = attr->mq_maxmsg;
        changed_msgsize = attr->mq_msgsize;
    }
    return result;
}

int mq_getattr(mqd_t queue, struct mq_attr *attr) {
    static int (*real_mq_getattr)(mqd_t, struct mq_attr *);
    if (!real_mq_getattr) real_mq_getattr = (int (*)(mqd_t, struct mq_attr *))dlsym(RTLD_NEXT, "mq_getattr");
    int result = real_mq_getattr(queue, attr);
    if (result == 0 && queue == changed_queue) {
        attr->mq_maxmsg = changed_maxmsg;
        attr->mq_msgsize = changed_msgsize;
    }
    return result;
}
