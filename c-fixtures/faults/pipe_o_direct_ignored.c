/* Fault shim (LD_PRELOAD): pipe2() drops O_DIRECT, so a "packet-mode" pipe is an ordinary byte
 * stream. Breaks pipe(2)'s O_DIRECT, so the kit must report
 * pipe.boundaries.o-direct-keeps-each-write-a-packet as failed with both writes read at once (7
 * bytes); the other pipe2 flags keep working. */
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

int pipe2(int fds[2], int flags) {
    static int (*real_pipe2)(int[2], int);
    if (!real_pipe2) real_pipe2 = (int (*)(int[2], int))dlsym(RTLD_NEXT, "pipe2");
    return real_pipe2(fds, flags & ~O_DIRECT);
}
