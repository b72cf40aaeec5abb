/* Fault shim (LD_PRELOAD): mq_open opens every existing queue O_RDWR, whatever access mode the
 * caller asked for. Breaks mq_open(3)'s "O_RDONLY opens the queue to receive only", so the kit
 * must report posix-mq.direction.send-on-a-read-only-descriptor-gives-ebadf as failed with the
 * send that went through. */
#include <dlfcn.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

mqd_t mq_open(const char *name, int oflag, ...) {
    static mqd_t (*real_mq_open)(const char *, int, ...);
    if (!real_mq_open) real_mq_open = (mqd_t(*)(const char *, int, ...))dlsym(RTLD_NEXT, "mq_open");
    if (oflag & O_CREAT) {
        va_list arguments;
        va_start(arguments, oflag);
        mode_t mode = (mode_t)va_arg(arguments, unsigned int);
        struct mq_attr *attr = va_arg(arguments, struct mq_attr *);
        va_end(arguments);
        return real_mq_open(name, oflag, mode, attr);
    }
    return real_mq_open(name, (oflag & ~O_ACCMODE) | O_RDWR);
}
