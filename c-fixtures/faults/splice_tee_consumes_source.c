/* Fault shim (LD_PRELOAD): tee() moves the bytes with splice() instead of copying them, so the
 * source pipe loses what it duplicated. Breaks tee(2)'s "does not consume the data that is
 * duplicated", so the kit must report splice.kin.tee-duplicates-without-consuming-the-source as
 * failed (the copy arrives, the source is empty), while splice itself still delivers. */
#include <fcntl.h>
#include <stddef.h>
#include <sys/types.h>

ssize_t tee(int fd_in, int fd_out, size_t len, unsigned int flags) {
    return splice(fd_in, NULL, fd_out, NULL, len, flags);
}
