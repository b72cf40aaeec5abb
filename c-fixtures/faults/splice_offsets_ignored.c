/* Fault shim (LD_PRELOAD): splice() drops both offset pointers and always works at the descriptors'
 * own file offsets. Breaks splice(2)'s "if off_in is not NULL, bytes are read from the file starting
 * at *off_in, which is then adjusted, and the file offset of fd_in is not changed", so the kit must
 * report splice.kin.an-offset-pointer-advances-by-the-bytes-moved as failed with the pointer left
 * where it was, while splice with NULL offsets still delivers the bytes. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/types.h>

ssize_t splice(int fd_in, loff_t *off_in, int fd_out, loff_t *off_out, size_t len, unsigned int flags) {
    static ssize_t (*real_splice)(int, loff_t *, int, loff_t *, size_t, unsigned int);
    if (!real_splice)
        real_splice =
            (ssize_t(*)(int, loff_t *, int, loff_t *, size_t, unsigned int))dlsym(RTLD_NEXT, "splice");
    (void)off_in, (void)off_out;
    return real_splice(fd_in, NULL, fd_out, NULL, len, flags);
}
