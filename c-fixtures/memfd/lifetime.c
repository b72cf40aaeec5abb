/* memfd-probe cases about names, descriptor flags and the memory's lifetime: the name in /proc,
 * the longest name, MFD_CLOEXEC, and the memory freed when the last reference goes. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

/* memfd_create(2): a name is at most 249 bytes, the room NAME_MAX leaves after "memfd:". */
#define LONGEST_NAME 249

void name_in_proc_fd(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = memfd_make("named", 0);
    char path[64], link[PATH_MAX] = {0}, expected[PATH_MAX];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    snprintf(expected, sizeof expected, "/memfd:%s", memfd_name("named"));
    ssize_t length = readlink(path, link, sizeof link - 1);
    if (length < 0) {
        obs_value_bool(false);
        obs_errno(errno);
    } else {
        obs_value_bool(strncmp(link, expected, strlen(expected)) == 0);
        obs_evidence_str("link", link);
    }
    obs_evidence_str("name", memfd_name("named"));
    obs_emit();
}

static bool name_of_length_works(size_t length) {
    char *name = malloc(length + 1);
    if (!name) probe_fail("out of memory");
    memset(name, 'm', length);
    name[length] = '\0';
    int fd = memfd_create(name, 0);
    int saved = errno;
    free(name);
    if (fd >= 0) close(fd);
    errno = saved;
    return fd >= 0;
}

void name_too_long(int argc, char **argv) {
    (void)argc, (void)argv;
    bool made = name_of_length_works(LONGEST_NAME + 1);
    obs_value_int(made ? 0 : -1);
    obs_errno(made ? 0 : errno);
    obs_evidence_int("name_length", LONGEST_NAME + 1);
    obs_evidence_bool("longest_allowed_works", name_of_length_works(LONGEST_NAME));
    obs_emit();
}

static bool has_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) probe_fail("fcntl(F_GETFD): %s", strerror(errno));
    return (flags & FD_CLOEXEC) != 0;
}

void cloexec_flag(int argc, char **argv) {
    (void)argc, (void)argv;
    obs_value_bool(has_cloexec(memfd_make("cloexec", MFD_CLOEXEC)));
    obs_evidence_bool("without_mfd_cloexec", has_cloexec(memfd_make("inheritable", 0)));
    obs_emit();
}

/* Shmem of /proc/meminfo in kB: shared memory (tmpfs, memfd, shm) in use on the whole machine. */
static long shmem_kb(void) {
    FILE *meminfo = fopen("/proc/meminfo", "r");
    if (!meminfo) probe_fail("/proc/meminfo: %s", strerror(errno));
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, meminfo))
        if (sscanf(line, "Shmem: %ld kB", &kb) == 1) break;
    fclose(meminfo);
    if (kb < 0) probe_fail("/proc/meminfo has no Shmem line");
    return kb;
}

void freed_with_last_reference(int argc, char **argv) {
    long size_mib = arg_long(argc, argv, 0, 64);
    size_t size = (size_t)size_mib << 20;
    /* Other processes allocate and free shared memory meanwhile: half the memfd's size is the
     * margin that tells its pages from that noise. */
    long half_kb = size_mib * 512;
    long baseline = shmem_kb();
    int fd = memfd_make("freed", 0);
    memfd_size(fd, size);
    char *memory = memfd_map_shared(fd, size);
    memset(memory, 'f', size);
    long with_both = shmem_kb();
    close(fd);
    long mapping_only = shmem_kb();
    munmap(memory, size);
    long after = shmem_kb();
    bool kept = mapping_only - after >= half_kb;
    bool freed = with_both - after >= half_kb;
    obs_value_bool(kept && freed);
    obs_evidence_int("baseline_kb", baseline);
    obs_evidence_int("with_descriptor_and_mapping_kb", with_both);
    obs_evidence_int("mapping_only_kb", mapping_only);
    obs_evidence_int("after_munmap_kb", after);
    obs_evidence_int("memfd_kb", size_mib * 1024);
    obs_emit();
}
