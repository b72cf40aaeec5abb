/* Edges of FIFOs (fifo(7), mkfifo(3), lseek(2), fcntl(2)): a read-write open that needs no peer
 * on Linux, no file offset, a name that cannot be made twice, and the pipe capacity controls. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/probe.h"
#include "edges.h"

static const char *new_fifo(const char *name) {
    const char *path = probe_path(name);
    cleanup_unlink_later(path);
    if (mkfifo(path, 0600) != 0) probe_fail("mkfifo %s: %s", path, strerror(errno));
    return path;
}

void open_rdwr_does_not_block(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = new_fifo("fifo");
    int64_t started = monotonic_ns();
    guard_arm(); /* no other process opens it: a blocking open ends in EINTR after 1 s */
    int fd = open(path, O_RDWR | O_CLOEXEC);
    int err = errno;
    guard_disarm();
    obs_elapsed_ns(monotonic_ns() - started);
    obs_value_bool(fd >= 0);
    obs_errno(fd < 0 ? err : 0);
    if (fd >= 0) close(fd);
    obs_emit();
}

void lseek_fifo(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = new_fifo("fifo");
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) probe_fail("open: %s", strerror(errno));
    off_t result = lseek(fd, 0, SEEK_CUR);
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    close(fd);
    obs_emit();
}

void mkfifo_existing(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = new_fifo("fifo");
    int result = mkfifo(path, 0600);
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    obs_emit();
}

void set_size_fifo(int argc, char **argv) {
    long requested = arg_long(argc, argv, 0, 0);
    const char *path = new_fifo("fifo");
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) probe_fail("open: %s", strerror(errno));
    int result = fcntl(fd, F_SETPIPE_SZ, (int)requested);
    int err = result < 0 ? errno : 0;
    if (result >= 0) obs_value_int(fcntl(fd, F_GETPIPE_SZ));
    obs_errno(err);
    obs_evidence_int("requested", requested);
    close(fd);
    obs_emit();
}
