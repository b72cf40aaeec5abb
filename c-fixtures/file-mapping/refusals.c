/* file-mapping-probe cases for what mmap and msync refuse: a writable shared mapping of a
 * descriptor opened read-only, a length of zero, an offset that is not a multiple of the page
 * size, and msync asked to be both synchronous and asynchronous. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

/* Reports an mmap attempt: whether it mapped, and the errno when not; unmaps what it got. */
static void report_mapping(void *memory, int err, size_t length) {
    if (memory != MAP_FAILED && length > 0) munmap(memory, length);
    obs_value_bool(memory != MAP_FAILED);
    obs_errno(memory == MAP_FAILED ? err : 0);
}

void msync_both_flags(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("flags", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    int result = msync(memory, page_size(), MS_SYNC | MS_ASYNC);
    obs_value_int(result);
    obs_errno(result != 0 ? errno : 0);
    obs_emit();
}

void rdonly_map_shared_write(int argc, char **argv) {
    (void)argc, (void)argv;
    close(mapped_file_create("read-only", page_size(), "before"));
    int fd = open(probe_path("read-only"), O_RDONLY);
    if (fd < 0) probe_fail("open(O_RDONLY): %s", strerror(errno));
    void *memory = mmap(NULL, page_size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    report_mapping(memory, errno, page_size());
    void *readable = mmap(NULL, page_size(), PROT_READ, MAP_SHARED, fd, 0);
    obs_evidence_bool("prot_read_maps", readable != MAP_FAILED);
    if (readable != MAP_FAILED) munmap(readable, page_size());
    obs_emit();
}

void zero_length(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("empty-request", page_size(), "before");
    void *memory = mmap(NULL, 0, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    report_mapping(memory, errno, 0);
    obs_emit();
}

void unaligned_offset(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("unaligned", 2 * page_size(), "before");
    off_t offset = (off_t)(page_size() / 2);
    void *memory = mmap(NULL, page_size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset);
    report_mapping(memory, errno, page_size());
    obs_evidence_int("offset", offset);
    obs_emit();
}
