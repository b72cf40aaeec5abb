/* posix-shm-probe, mappings and the object behind them (mmap(2), shm_open(3)): access mode
 * against protection, zero fill, and a mapping that outlives its descriptor. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

void rdonly_map_shared_write(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("rdonly");
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    object_create(name, size);
    int fd = shm_open(name, O_RDONLY, 0);
    if (fd < 0) probe_fail("shm_open(O_RDONLY): %s", strerror(errno));
    void *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int err = memory == MAP_FAILED ? errno : 0;
    if (memory != MAP_FAILED) munmap(memory, size);
    void *readable = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
    obs_evidence_bool("prot_read_maps", readable != MAP_FAILED);
    if (readable != MAP_FAILED) munmap(readable, size);
    obs_value_bool(memory != MAP_FAILED);
    obs_errno(err);
    obs_emit();
}

void sized_object_reads_zeros(int argc, char **argv) {
    long pages = arg_long(argc, argv, 0, 2);
    if (pages < 1 || pages > 64) probe_usage("PAGES must be 1..64");
    size_t size = (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(probe_ipc_name("zeros"), size);
    const unsigned char *memory = object_map(fd, size, MAP_SHARED);
    size_t nonzero = 0;
    for (size_t i = 0; i < size; i++) nonzero += memory[i] != 0;
    obs_value_bool(nonzero == 0);
    obs_evidence_int("bytes", (int64_t)size);
    obs_evidence_int("nonzero_bytes", (int64_t)nonzero);
    obs_emit();
}

void mapping_survives_close(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("closed");
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(name, size);
    char *memory = object_map(fd, size, MAP_SHARED);
    if (close(fd) != 0) probe_fail("close: %s", strerror(errno));
    strcpy(memory, "after-close");
    /* The object is still there, by name, with what was written through the mapping. */
    int again = shm_open(name, O_RDONLY, 0);
    char seen[16] = {0};
    if (again < 0) {
        obs_errno(errno);
        obs_value_bool(false);
    } else {
        if (pread(again, seen, sizeof seen - 1, 0) < 0) probe_fail("pread: %s", strerror(errno));
        obs_value_bool(strcmp(seen, "after-close") == 0);
        close(again);
    }
    obs_evidence_str("read_by_name", seen);
    obs_emit();
}

void recreated_after_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("again");
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(name, size);
    char *memory = object_map(fd, size, MAP_SHARED);
    strcpy(memory, "old");
    if (shm_unlink(name) != 0) probe_fail("shm_unlink: %s", strerror(errno));
    int fresh = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
    if (fresh < 0) {
        obs_errno(errno);
    } else {
        struct stat status;
        if (fstat(fresh, &status) != 0) probe_fail("fstat: %s", strerror(errno));
        obs_value_int(status.st_size);
        close(fresh);
    }
    obs_evidence_bool("old_mapping_keeps_data", strcmp(memory, "old") == 0);
    obs_emit();
}
