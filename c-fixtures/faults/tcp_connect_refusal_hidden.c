/* Fault shim (LD_PRELOAD): a connect() the kernel refuses with ECONNREFUSED is reported as a
 * success. Breaks connect(2)'s "ECONNREFUSED: no one listening on the remote address", so the kit
 * must report the no-listener property as failed with the value 0 it measured. */
#include <dlfcn.h>
#include <errno.h>
#include <sys/socket.h>

int connect(int fd, const struct sockaddr *address, socklen_t length) {
    static int (*real_connect)(int, const struct sockaddr *, socklen_t);
    if (!real_connect)
        real_connect = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "connect");
    int result = real_connect(fd, address, length);
    if (result != 0 && errno == ECONNREFUSED) {
        errno = 0;
        return 0;
    }
    return result;
}
