/* Fault shim (LD_PRELOAD): getsockopt(SO_PEERCRED) reports the caller's own pid instead of the
 * peer's. Breaks unix(7)'s "SO_PEERCRED returns the credentials of the peer process", so the kit
 * must report unix-stream.permissions.so-peercred-reports-the-connecting-peer-pid as failed. */
#include <dlfcn.h>
#include <sys/socket.h>
#include <unistd.h>

int getsockopt(int fd, int level, int name, void *value, socklen_t *length) {
    static int (*real_getsockopt)(int, int, int, void *, socklen_t *);
    if (!real_getsockopt)
        real_getsockopt = (int (*)(int, int, int, void *, socklen_t *))dlsym(RTLD_NEXT, "getsockopt");
    int result = real_getsockopt(fd, level, name, value, length);
    if (result == 0 && level == SOL_SOCKET && name == SO_PEERCRED && *length >= sizeof(struct ucred))
        ((struct ucred *)value)->pid = getpid();
    return result;
}
