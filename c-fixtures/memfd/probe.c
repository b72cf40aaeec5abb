/* memfd-probe: observes memory file descriptors and their seals (memfd_create(2), fcntl(2) "File
 * sealing"). The seal cases need one process and live here; sharing.c holds the cases with a
 * second process, lifetime.c names, descriptor flags and when the memory goes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

const char *memfd_name(const char *tag) { return probe_ipc_name(tag) + 1; }

int memfd_make(const char *tag, unsigned flags) {
    int fd = memfd_create(memfd_name(tag), flags);
    if (fd < 0) probe_fail("memfd_create(%s): %s", memfd_name(tag), strerror(errno));
    return fd;
}

void memfd_size(int fd, size_t size) {
    if (ftruncate(fd, (off_t)size) != 0) probe_fail("ftruncate(%zu): %s", size, strerror(errno));
}

void *memfd_map_shared(int fd, size_t size) {
    void *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (memory == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    return memory;
}

size_t page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

static off_t size_of(int fd) {
    struct stat status;
    if (fstat(fd, &status) != 0) probe_fail("fstat: %s", strerror(errno));
    return status.st_size;
}

/* A sealable memfd of one page. */
static int sealable_page(const char *tag) {
    int fd = memfd_make(tag, MFD_ALLOW_SEALING);
    memfd_size(fd, page_size());
    return fd;
}

/* F_ADD_SEALS that must work for the case to observe anything: a refusal breaks the probe. */
static void seal_or_fail(int fd, int seals) {
    if (fcntl(fd, F_ADD_SEALS, seals) != 0) probe_fail("F_ADD_SEALS(%#x): %s", seals, strerror(errno));
}

/* The call under test: its result as the value and its errno. */
static void observe_call(long result) {
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
}

static void new_has_zero_size(int argc, char **argv) {
    (void)argc, (void)argv;
    obs_value_int(size_of(memfd_make("new", 0)));
    obs_emit();
}

static void initial_seals(int argc, char **argv) {
    long allow = arg_long(argc, argv, 0, 0);
    int fd = memfd_make("seals", allow ? MFD_ALLOW_SEALING : 0);
    observe_call(fcntl(fd, F_GET_SEALS));
    obs_evidence_bool("allow_sealing", allow != 0);
    obs_emit();
}

static void add_seals_without_allow_sealing(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = memfd_make("unsealable", 0);
    memfd_size(fd, page_size());
    observe_call(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    obs_emit();
}

static void seal_write_while_mapped(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = sealable_page("mapped");
    void *memory = memfd_map_shared(fd, page_size());
    observe_call(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    int seals_while_mapped = fcntl(fd, F_GET_SEALS);
    munmap(memory, page_size());
    obs_evidence_int("seals_while_mapped", seals_while_mapped);
    obs_evidence_bool("seal_after_munmap_works", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) == 0);
    obs_emit();
}

/* A page that was mapped writable and shared, unmapped, then sealed against writes. */
static int write_sealed_page(const char *tag) {
    int fd = sealable_page(tag);
    munmap(memfd_map_shared(fd, page_size()), page_size());
    seal_or_fail(fd, F_SEAL_WRITE);
    return fd;
}

static void seal_write_refuses_write(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = write_sealed_page("no-write");
    observe_call(pwrite(fd, "x", 1, 0));
    obs_evidence_int("seals", fcntl(fd, F_GET_SEALS));
    obs_emit();
}

static void seal_write_refuses_shared_writable_mapping(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = write_sealed_page("no-map");
    void *writable = mmap(NULL, page_size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    obs_value_bool(writable != MAP_FAILED);
    obs_errno(writable == MAP_FAILED ? errno : 0);
    /* Linux 6.7 and later also map it shared read-only (no later mprotect can make that writable);
     * earlier kernels refuse any shared mapping. Evidence only: the man page states the writable case. */
    void *readable = mmap(NULL, page_size(), PROT_READ, MAP_SHARED, fd, 0);
    obs_evidence_bool("read_only_shared_maps", readable != MAP_FAILED);
    obs_emit();
}

static void seal_shrink_refuses_smaller(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = memfd_make("no-shrink", MFD_ALLOW_SEALING);
    memfd_size(fd, 2 * page_size());
    seal_or_fail(fd, F_SEAL_SHRINK);
    observe_call(ftruncate(fd, (off_t)page_size()));
    obs_evidence_int("size_after", size_of(fd));
    obs_evidence_bool("larger_allowed", ftruncate(fd, (off_t)(3 * page_size())) == 0);
    obs_emit();
}

static void seal_grow_refuses_larger(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = memfd_make("no-grow", MFD_ALLOW_SEALING);
    memfd_size(fd, 2 * page_size());
    seal_or_fail(fd, F_SEAL_GROW);
    observe_call(ftruncate(fd, (off_t)(3 * page_size())));
    obs_evidence_int("size_after", size_of(fd));
    obs_evidence_bool("smaller_allowed", ftruncate(fd, (off_t)page_size()) == 0);
    obs_emit();
}

static void seal_grow_refuses_write_past_end(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = sealable_page("no-append");
    seal_or_fail(fd, F_SEAL_GROW);
    observe_call(pwrite(fd, "x", 1, (off_t)page_size()));
    obs_evidence_int("size_after", size_of(fd));
    obs_evidence_bool("write_inside_allowed", pwrite(fd, "x", 1, 0) == 1);
    obs_emit();
}

static void seal_seal_refuses_more_seals(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = sealable_page("sealed-seals");
    seal_or_fail(fd, F_SEAL_SEAL);
    observe_call(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
    obs_evidence_int("seals", fcntl(fd, F_GET_SEALS));
    obs_emit();
}

static void future_write_keeps_existing_mapping(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = sealable_page("future-kept");
    char *memory = memfd_map_shared(fd, page_size());
    strcpy(memory, "before-seal");
    seal_or_fail(fd, F_SEAL_FUTURE_WRITE);
    strcpy(memory, "after-seal");
    char seen[16] = {0};
    if (pread(fd, seen, sizeof seen - 1, 0) < 0) probe_fail("pread: %s", strerror(errno));
    obs_value_bool(strcmp(seen, "after-seal") == 0);
    obs_evidence_str("read_sees", seen);
    errno = 0;
    obs_evidence_str("write_errno", pwrite(fd, "x", 1, 0) < 0 ? errno_name(errno) : "none");
    obs_emit();
}

static void future_write_refuses_write(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = sealable_page("future-write");
    seal_or_fail(fd, F_SEAL_FUTURE_WRITE);
    observe_call(pwrite(fd, "x", 1, 0));
    obs_evidence_int("seals", fcntl(fd, F_GET_SEALS));
    obs_emit();
}

static void future_write_refuses_new_writable_mapping(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = sealable_page("future-new");
    char *existing = memfd_map_shared(fd, page_size());
    seal_or_fail(fd, F_SEAL_FUTURE_WRITE);
    void *writable = mmap(NULL, page_size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    obs_value_bool(writable != MAP_FAILED);
    obs_errno(writable == MAP_FAILED ? errno : 0);
    strcpy(existing, "still-writable");
    obs_evidence_bool("existing_mapping_writable", strcmp(existing, "still-writable") == 0);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("new-has-zero-size", new_has_zero_size, "value = fstat size of a new memfd"),
    PROBE_CASE("initial-seals", initial_seals,
               "a new memfd, with MFD_ALLOW_SEALING when allow_sealing is 1; value = F_GET_SEALS (the seal "
               "bits, -1 on failure), errno; evidence.allow_sealing",
               PARAM("allow_sealing", "1: create with MFD_ALLOW_SEALING, 0: without")),
    PROBE_CASE("add-seals-without-allow-sealing", add_seals_without_allow_sealing,
               "a one-page memfd made without MFD_ALLOW_SEALING; value = F_ADD_SEALS(F_SEAL_WRITE) result, "
               "errno (EPERM expected)"),
    PROBE_CASE(
        "seal-write-while-mapped", seal_write_while_mapped,
        "a sealable page mapped PROT_WRITE MAP_SHARED; value = F_ADD_SEALS(F_SEAL_WRITE) result, errno "
        "(EBUSY expected); evidence.seals_while_mapped, seal_after_munmap_works"),
    PROBE_CASE("seal-write-refuses-write", seal_write_refuses_write,
               "a sealable page mapped, unmapped, sealed F_SEAL_WRITE; value = pwrite of one byte, errno "
               "(EPERM expected); evidence.seals"),
    PROBE_CASE("seal-write-refuses-shared-writable-mapping", seal_write_refuses_shared_writable_mapping,
               "a page sealed F_SEAL_WRITE; value = whether mmap(PROT_READ|PROT_WRITE, MAP_SHARED) mapped, "
               "errno (EPERM expected); evidence.read_only_shared_maps"),
    PROBE_CASE("seal-shrink-refuses-smaller", seal_shrink_refuses_smaller,
               "a two-page memfd sealed F_SEAL_SHRINK; value = ftruncate(one page) result, errno (EPERM "
               "expected); evidence.size_after, larger_allowed (ftruncate to three pages)"),
    PROBE_CASE("seal-grow-refuses-larger", seal_grow_refuses_larger,
               "a two-page memfd sealed F_SEAL_GROW; value = ftruncate(three pages) result, errno (EPERM "
               "expected); evidence.size_after, smaller_allowed"),
    PROBE_CASE("seal-grow-refuses-write-past-end", seal_grow_refuses_write_past_end,
               "a one-page memfd sealed F_SEAL_GROW; value = pwrite of one byte at its end, errno (EPERM "
               "expected); evidence.size_after, write_inside_allowed"),
    PROBE_CASE("seal-seal-refuses-more-seals", seal_seal_refuses_more_seals,
               "a sealable page sealed F_SEAL_SEAL; value = F_ADD_SEALS(F_SEAL_SHRINK) result, errno (EPERM "
               "expected); evidence.seals"),
    PROBE_CASE(
        "future-write-keeps-existing-mapping", future_write_keeps_existing_mapping,
        "a page mapped MAP_SHARED writable, sealed F_SEAL_FUTURE_WRITE, then stored to through that "
        "mapping; value = true when pread sees the store; evidence.read_sees, write_errno (of pwrite)"),
    PROBE_CASE("future-write-refuses-write", future_write_refuses_write,
               "a sealable page sealed F_SEAL_FUTURE_WRITE; value = pwrite of one byte, errno (EPERM "
               "expected); evidence.seals"),
    PROBE_CASE("future-write-refuses-new-writable-mapping", future_write_refuses_new_writable_mapping,
               "a page mapped writable, sealed F_SEAL_FUTURE_WRITE; value = whether a new mmap(PROT_WRITE, "
               "MAP_SHARED) mapped, errno (EPERM expected); evidence.existing_mapping_writable"),
    PROBE_CASE("cloexec-flag", cloexec_flag,
               "value = FD_CLOEXEC set on a memfd made with MFD_CLOEXEC; evidence.without_mfd_cloexec"),
    PROBE_CASE("name-in-proc-fd", name_in_proc_fd,
               "a memfd named for the run; value = true when readlink(/proc/self/fd/N) starts with "
               "\"/memfd:\" + name; evidence.link, name"),
    PROBE_CASE("name-too-long", name_too_long,
               "memfd_create of a 250-byte name; value = -1 on failure, errno (EINVAL expected); "
               "evidence.name_length, longest_allowed_works (249 bytes)"),
    PROBE_CASE(
        "freed-with-last-reference", freed_with_last_reference,
        "a memfd of size_mib MiB, mapped and touched, then its descriptor closed, then unmapped; Shmem "
        "of /proc/meminfo read at each step; value = true when the memory stayed while only the "
        "mapping held it and half of it at least was gone after munmap; evidence.*_kb",
        OPTIONAL_PARAM("size_mib", "the memfd's size in MiB (default 64)")),
    PROBE_CASE("sealed-passes-scm-rights", sealed_passes_scm_rights,
               "a memfd holding text, sealed SHRINK|GROW|WRITE|SEAL, sent over SCM_RIGHTS to a helper "
               "re-executed through /proc/self/exe; value = true when the helper read the same seals and "
               "text; evidence.seals_sent, seals_received, text_received, helper_write_errno"),
    HELPER_CASE("helper-receive-sealed", helper_receive_sealed,
                PARAM("socket_fd", "the inherited socket end the memfd arrives on")),
    PROBE_CASE("proc-fd-from-another-process", proc_fd_from_another_process,
               "a memfd page holding text and mapped MAP_SHARED; a helper re-executed through /proc/self/exe "
               "opens /proc/<probe pid>/fd/<n> O_RDWR, reads and writes; value = true when the helper read "
               "the probe's text and the probe's mapping shows the helper's; evidence.helper_open_errno"),
    HELPER_CASE("helper-open-proc-fd", helper_open_proc_fd, PARAM("path", "/proc/PID/fd/N of the memfd"),
                PARAM("report_fd", "the inherited pipe end to report on")),
    PROBE_CASE("forked-child-shares-stores", forked_child_shares_stores,
               "a memfd page mapped MAP_SHARED, then fork; the child waits delay_ms, checks it sees the "
               "parent's later store and stores its own; value = true when the parent sees the child's "
               "store; evidence.child_saw_parent",
               OPTIONAL_PARAM("delay_ms", "milliseconds the child waits before it looks (default 0)")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
