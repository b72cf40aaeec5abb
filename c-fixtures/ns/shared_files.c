/* See shared_files.h. The two sides meet through marker files in the shared folder: the first
 * side makes READY once its lock or its store is in place, the second makes DONE once it has
 * looked, so that neither looks too early and the first keeps its lock or mapping until then. */
#include "shared_files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/probe.h"

/* How long a side waits for the other's marker. */
#define MARKER_WAIT_NS 5000000000LL
/* Where the second side stores in the mapped page. */
#define SECOND_OFFSET 2048
#define MAPPED_BYTES  4096

/* Markers are removed by the side that waits for them, once seen: the side that makes one may
 * exit at once, and its removal would race the other side's look. (The scenario removes the
 * shared folder with whatever a failed side left in it.) */
static void make_marker(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) probe_fail("cannot create %s: %s", path, strerror(errno));
    close(fd);
}

static void wait_for_marker(const char *path) {
    int64_t deadline = monotonic_ns() + MARKER_WAIT_NS;
    while (access(path, F_OK) != 0) {
        if (monotonic_ns() > deadline) probe_fail("the other side did not make %s", path);
        sleep_ns(5000000);
    }
    cleanup_unlink_later(path);
}

static int open_shared_file(const char *path, int flags) {
    int fd = open(path, flags | O_CLOEXEC, 0600);
    if (fd < 0) probe_fail("open %s: %s", path, strerror(errno));
    if (flags & O_CREAT) cleanup_unlink_later(path);
    return fd;
}

/* A write lock over the whole file (l_len 0: to the end and beyond). */
static struct flock whole_file_write_lock(void) {
    struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    return lock;
}

void lock_hold(int argc, char **argv) {
    if (argc < 3) probe_usage("lock-hold PATH READY_FILE DONE_FILE");
    int fd = open_shared_file(argv[0], O_RDWR | O_CREAT | O_EXCL);
    struct flock lock = whole_file_write_lock();
    if (fcntl(fd, F_SETLK, &lock) != 0) probe_fail("F_SETLK on %s: %s", argv[0], strerror(errno));
    make_marker(argv[1]);
    wait_for_marker(argv[2]); /* the lock stays until the other side has tried */
    obs_value_str("held");
    obs_evidence_int("holder_pid", getpid());
    close(fd);
    obs_emit();
}

void lock_try(int argc, char **argv) {
    if (argc < 3) probe_usage("lock-try PATH READY_FILE DONE_FILE");
    wait_for_marker(argv[1]);
    int fd = open_shared_file(argv[0], O_RDWR);
    struct flock query = whole_file_write_lock();
    int queried = fcntl(fd, F_GETLK, &query);
    struct flock lock = whole_file_write_lock();
    /* The value is the refusal's errno name (POSIX allows EAGAIN or EACCES), or "granted". */
    obs_value_str(fcntl(fd, F_SETLK, &lock) == 0 ? "granted" : errno_name(errno));
    obs_evidence_str("getlk_type", queried != 0              ? "error"
                                   : query.l_type == F_UNLCK ? "F_UNLCK"
                                   : query.l_type == F_WRLCK ? "F_WRLCK"
                                                             : "F_RDLCK");
    /* The holder's pid as this side's PID namespace numbers it (0 when it is not visible here). */
    obs_evidence_int("getlk_pid", queried == 0 ? query.l_pid : -1);
    close(fd);
    make_marker(argv[2]);
    obs_emit();
}

static char *map_page(int fd) {
    char *page = mmap(NULL, MAPPED_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (page == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    return page;
}

/* The text at `at` in the page (up to its NUL, at most size - 1 bytes), as a C string. */
static void copy_text(const char *page, size_t at, char *out, size_t size) {
    size_t length = strnlen(page + at, size - 1);
    memcpy(out, page + at, length);
    out[length] = '\0';
}

void map_first(int argc, char **argv) {
    if (argc < 4) probe_usage("map-first PATH TEXT READY_FILE DONE_FILE");
    int fd = open_shared_file(argv[0], O_RDWR | O_CREAT | O_EXCL);
    if (ftruncate(fd, MAPPED_BYTES) != 0) probe_fail("ftruncate: %s", strerror(errno));
    char *page = map_page(fd);
    close(fd); /* the mapping keeps the file */
    snprintf(page, SECOND_OFFSET, "%s", argv[1]);
    make_marker(argv[2]);
    wait_for_marker(argv[3]);
    char seen[256];
    copy_text(page, SECOND_OFFSET, seen, sizeof seen);
    obs_value_str(seen); /* what the other side stored, as seen through this mapping */
    munmap(page, MAPPED_BYTES);
    obs_emit();
}

void map_second(int argc, char **argv) {
    if (argc < 4) probe_usage("map-second PATH TEXT READY_FILE DONE_FILE");
    wait_for_marker(argv[2]);
    int fd = open_shared_file(argv[0], O_RDWR);
    char *page = map_page(fd);
    close(fd);
    char seen[256];
    copy_text(page, 0, seen, sizeof seen);
    snprintf(page + SECOND_OFFSET, MAPPED_BYTES - SECOND_OFFSET, "%s", argv[1]);
    make_marker(argv[3]);
    obs_value_str(seen); /* what the first side stored, as seen through this mapping */
    munmap(page, MAPPED_BYTES);
    obs_emit();
}
