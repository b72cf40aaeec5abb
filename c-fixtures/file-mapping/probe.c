/* file-mapping-probe: observes mappings of regular files (mmap(2), msync(2), POSIX mmap()): stores
 * through MAP_SHARED reach the file and every other view of it, MAP_PRIVATE keeps its own copy, a
 * mapping outlives its descriptor and the file's name, and the signals and errors mappings give.
 * One case per run; the table says what each observes. Files live in the probe's private folder. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

size_t page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

int mapped_file_create(const char *name, size_t size, const char *text) {
    const char *path = probe_path(name);
    cleanup_unlink_later(path); /* before it exists: no window in which it could leak */
    int fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0600);
    if (fd < 0) probe_fail("open(%s): %s", path, strerror(errno));
    if (ftruncate(fd, (off_t)size) != 0) probe_fail("ftruncate(%s): %s", path, strerror(errno));
    if (text && pwrite(fd, text, strlen(text) + 1, 0) < 0)
        probe_fail("pwrite(%s): %s", path, strerror(errno));
    return fd;
}

char *map_file(int fd, size_t size, int flags) {
    char *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (memory == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    return memory;
}

const char *text_by_read(const char *name) {
    static char seen[64];
    memset(seen, 0, sizeof seen);
    int fd = open(probe_path(name), O_RDONLY);
    if (fd < 0) return seen;
    if (pread(fd, seen, sizeof seen - 1, 0) < 0) seen[0] = '\0';
    close(fd);
    return seen;
}

static void shared_store_seen_by_read(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("shared", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    strcpy(memory, "stored");
    char seen[16] = {0};
    if (pread(fd, seen, sizeof seen - 1, 0) < 0) probe_fail("pread: %s", strerror(errno));
    obs_value_bool(strcmp(seen, "stored") == 0);
    obs_evidence_str("read_sees", seen);
    obs_emit();
}

static void write_seen_through_mapping(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("written", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    if (pwrite(fd, "written", 8, 0) != 8) probe_fail("pwrite: %s", strerror(errno));
    obs_value_bool(strcmp(memory, "written") == 0);
    obs_evidence_str("mapping_sees", memory);
    obs_emit();
}

static void private_store_not_carried(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("private", page_size(), "shared");
    char *shared = map_file(fd, page_size(), MAP_SHARED);
    char *private_copy = map_file(fd, page_size(), MAP_PRIVATE);
    strcpy(private_copy, "private");
    const char *read_sees = text_by_read("private");
    /* The value: did the private store reach the file (as read() or a shared mapping sees it)? */
    obs_value_bool(strcmp(read_sees, "private") == 0 || strcmp(shared, "private") == 0);
    obs_evidence_str("read_sees", read_sees);
    obs_evidence_str("shared_mapping_sees", shared);
    obs_evidence_bool("private_mapping_changed", strcmp(private_copy, "private") == 0);
    obs_emit();
}

static void private_sees_earlier_stores(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("earlier", page_size(), "initial");
    char *shared = map_file(fd, page_size(), MAP_SHARED);
    strcpy(shared, "earlier");
    char *private_copy = mmap(NULL, page_size(), PROT_READ, MAP_PRIVATE, fd, 0);
    if (private_copy == MAP_FAILED) probe_fail("mmap(MAP_PRIVATE): %s", strerror(errno));
    obs_value_bool(strcmp(private_copy, "earlier") == 0);
    obs_evidence_str("private_mapping_sees", private_copy);
    obs_emit();
}

static void msync_sync_reaches_file(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("synced", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    strcpy(memory, "synced");
    int result = msync(memory, page_size(), MS_SYNC);
    obs_errno(result != 0 ? errno : 0);
    if (munmap(memory, page_size()) != 0) probe_fail("munmap: %s", strerror(errno));
    close(fd);
    const char *read_sees = text_by_read("synced");
    obs_value_bool(result == 0 && strcmp(read_sees, "synced") == 0);
    obs_evidence_int("msync_result", result);
    obs_evidence_str("read_after_munmap_and_close", read_sees);
    obs_emit();
}

static void mapping_survives_close(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("closed", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    if (close(fd) != 0) probe_fail("close: %s", strerror(errno));
    bool old_data = strcmp(memory, "before") == 0;
    strcpy(memory, "after-close");
    const char *read_sees = text_by_read("closed");
    obs_value_bool(old_data && strcmp(read_sees, "after-close") == 0);
    obs_evidence_bool("old_data_readable", old_data);
    obs_evidence_str("read_sees", read_sees);
    obs_emit();
}

static void mapping_survives_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("unlinked", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    close(fd);
    if (unlink(probe_path("unlinked")) != 0) probe_fail("unlink: %s", strerror(errno));
    bool old_data = strcmp(memory, "before") == 0;
    strcpy(memory, "after-unlink");
    struct stat node;
    obs_value_bool(old_data && strcmp(memory, "after-unlink") == 0);
    obs_evidence_bool("old_data_readable", old_data);
    obs_evidence_bool("name_gone", stat(probe_path("unlinked"), &node) != 0 && errno == ENOENT);
    obs_emit();
}

static void growth_reads_zeros(int argc, char **argv) {
    (void)argc, (void)argv;
    size_t page = page_size();
    int fd = mapped_file_create("grown", page, "first-page");
    const unsigned char *memory = (const unsigned char *)map_file(fd, 3 * page, MAP_SHARED);
    if (ftruncate(fd, (off_t)(3 * page)) != 0) probe_fail("ftruncate: %s", strerror(errno));
    size_t nonzero = 0;
    for (size_t i = page; i < 3 * page; i++) nonzero += memory[i] != 0;
    obs_value_bool(nonzero == 0);
    obs_evidence_int("new_bytes", (int64_t)(2 * page));
    obs_evidence_int("nonzero_bytes", (int64_t)nonzero);
    obs_evidence_bool("first_page_kept", strcmp((const char *)memory, "first-page") == 0);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("shared-store-seen-by-read", shared_store_seen_by_read,
               "a one-page file mapped MAP_SHARED, a text stored through the mapping; value = true when "
               "pread of the same descriptor returns it; evidence.read_sees"),
    PROBE_CASE("store-seen-by-read-elsewhere", store_seen_by_read_elsewhere,
               "a one-page file mapped MAP_SHARED, a text stored through the mapping; a child opens the "
               "file by its path and preads; value = true when the child read the text; "
               "evidence.child_status"),
    PROBE_CASE("store-seen-by-mapping-elsewhere", store_seen_by_mapping_elsewhere,
               "a one-page file mapped MAP_SHARED by the probe; a child opens it by its path, maps it "
               "MAP_SHARED and stores a text; value = true when the probe's mapping shows the text; "
               "evidence.child_status, probe_mapping_sees"),
    PROBE_CASE("write-seen-through-mapping", write_seen_through_mapping,
               "a one-page file mapped MAP_SHARED, then pwrite of a text to the file; value = true when "
               "the mapping shows it; evidence.mapping_sees"),
    PROBE_CASE("private-store-not-carried", private_store_not_carried,
               "a file holding \"shared\" mapped MAP_SHARED and MAP_PRIVATE; \"private\" stored through "
               "the private one; value = true if read() or the shared mapping then shows \"private\"; "
               "evidence.read_sees, shared_mapping_sees, private_mapping_changed"),
    PROBE_CASE("private-sees-earlier-stores", private_sees_earlier_stores,
               "a file mapped MAP_SHARED, a text stored through it, then the file mapped MAP_PRIVATE; "
               "value = true when the private mapping shows the text; evidence.private_mapping_sees"),
    PROBE_CASE("msync-sync-reaches-file", msync_sync_reaches_file,
               "a text stored through a MAP_SHARED mapping, msync(MS_SYNC), munmap, close, then the file "
               "read by path; value = true when msync returned 0 and the text is in the file; errno of "
               "msync; evidence.msync_result, read_after_munmap_and_close"),
    PROBE_CASE("msync-both-flags", msync_both_flags,
               "msync(a MAP_SHARED mapping, MS_SYNC | MS_ASYNC); value = return, errno (EINVAL expected)"),
    PROBE_CASE("mapping-survives-close", mapping_survives_close,
               "a file mapped MAP_SHARED, its descriptor closed, a text stored; value = true when the old "
               "data was readable and read() of the file by path shows the text; evidence.old_data_readable, "
               "read_sees"),
    PROBE_CASE("mapping-survives-unlink", mapping_survives_unlink,
               "a file mapped MAP_SHARED, closed and unlinked; value = true when the old data is readable "
               "and a new store lands; evidence.old_data_readable, name_gone"),
    PROBE_CASE("past-eof-raises-sigbus", past_eof_raises_sigbus,
               "a file of one page and 16 bytes mapped as three pages; a child stores inside the page "
               "holding the end of file, then in the third page; signal = what ended the child (SIGBUS "
               "expected); value = true if both stores went through; evidence.eof_page_written, "
               "file_size, mapped_size"),
    PROBE_CASE("rdonly-map-shared-write", rdonly_map_shared_write,
               "a file opened O_RDONLY, mmap(PROT_READ|PROT_WRITE, MAP_SHARED); value = whether it mapped, "
               "errno (EACCES expected); evidence.prot_read_maps"),
    PROBE_CASE("zero-length", zero_length,
               "mmap(length 0, MAP_SHARED) of a one-page file; value = whether it mapped, errno (EINVAL "
               "expected)"),
    PROBE_CASE("unaligned-offset", unaligned_offset,
               "mmap(one page, MAP_SHARED, offset half a page) of a two-page file; value = whether it "
               "mapped, errno (EINVAL expected); evidence.offset"),
    PROBE_CASE("store-after-mprotect-raises-sigsegv", store_after_mprotect_raises_sigsegv,
               "a child maps a file MAP_SHARED read-write, mprotects it to PROT_READ and stores; signal = "
               "what ended the child (SIGSEGV expected); value = true if the store went through; "
               "evidence.file_unchanged"),
    PROBE_CASE("growth-reads-zeros", growth_reads_zeros,
               "a one-page file mapped as three pages, then ftruncate to three pages; value = true when "
               "the two new pages read as zeros through the mapping; evidence.nonzero_bytes, new_bytes, "
               "first_page_kept"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
