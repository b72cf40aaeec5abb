/* Fault shim (LD_PRELOAD): every new pipe is shrunk to 4096 bytes. Breaks pipe(7)'s "the default
 * capacity is 16 pages", so the kit must report pipe.capacity.default-is-16-pages as failed. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    static int (*real_pipe2)(int[2], int);
    if (!real_pipe2) real_pipe2 = (int (*)(int[2], int))dlsym(RTLD_NEXT, "pipe2");
    int result = real_pipe2(fds, flags);
    if (result == 0) {
        int saved = errno;
        fcntl(fds[1], F_SETPIPE_SZ, 4096);
        errno = saved;
    }
    return result;
}

int pipe(int fds[2]) { return pipe2(fds, 0); }
