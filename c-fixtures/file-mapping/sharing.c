/* file-mapping-probe cases that need a second process: another process reading or mapping the file
 * sees stores made through a MAP_SHARED mapping, and the signals an access raises (past the end of
 * the file, a store into a page made read-only), observed in a child so the probe survives them. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

#define CHILD_SAW_IT  0
#define CHILD_DID_NOT 4

/* Reads the file by its path, as an unrelated process would; exits 0 when it holds "stored". */
static void read_by_path(void *arg) {
    const char *path = arg;
    int fd = open(path, O_RDONLY);
    char seen[16] = {0};
    if (fd < 0 || pread(fd, seen, sizeof seen - 1, 0) < 0) _exit(2);
    _exit(strcmp(seen, "stored") == 0 ? CHILD_SAW_IT : CHILD_DID_NOT);
}

void store_seen_by_read_elsewhere(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("elsewhere", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    strcpy(memory, "stored");
    int status = reap(spawn_helper(read_by_path, (void *)probe_path("elsewhere")), NULL);
    if (status != CHILD_SAW_IT && status != CHILD_DID_NOT)
        probe_fail("the reading child failed (%d)", status);
    obs_value_bool(status == CHILD_SAW_IT);
    obs_evidence_int("child_status", status);
    obs_emit();
}

/* Maps the file by its path on its own and stores through that mapping. */
static void store_through_own_mapping(void *arg) {
    const char *path = arg;
    int fd = open(path, O_RDWR);
    if (fd < 0) _exit(2);
    char *memory = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (memory == MAP_FAILED) _exit(3);
    strcpy(memory, "from-child");
}

void store_seen_by_mapping_elsewhere(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("two-mappings", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    int status = reap(spawn_helper(store_through_own_mapping, (void *)probe_path("two-mappings")), NULL);
    if (status != 0) probe_fail("the mapping child failed (%d)", status);
    obs_value_bool(strcmp(memory, "from-child") == 0);
    obs_evidence_int("child_status", status);
    obs_evidence_str("probe_mapping_sees", memory);
    obs_emit();
}

/* The expected fault must leave no core dump behind. */
static void no_core_dump(void) {
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
}

#define PAST_EOF_TAIL 16

static void touch_eof_page_then_beyond(void *arg) {
    volatile char *memory = arg;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    no_core_dump();
    memory[page + PAST_EOF_TAIL + 100] = 'e'; /* past the end, but in the page that holds it */
    memory[2 * page] = 'b';                   /* a whole page past the end */
}

void past_eof_raises_sigbus(int argc, char **argv) {
    (void)argc, (void)argv;
    size_t page = page_size();
    int fd = mapped_file_create("short", page + PAST_EOF_TAIL, NULL);
    char *memory = map_file(fd, 3 * page, MAP_SHARED); /* mmap may cover more than the file */
    int signal = 0;
    int status = reap(spawn_helper(touch_eof_page_then_beyond, memory), &signal);
    obs_value_bool(status == 0); /* true: the store a page past the end went through */
    obs_signal(signal);
    obs_evidence_bool("eof_page_written", memory[page + PAST_EOF_TAIL + 100] == 'e');
    obs_evidence_int("file_size", (int64_t)(page + PAST_EOF_TAIL));
    obs_evidence_int("mapped_size", (int64_t)(3 * page));
    obs_emit();
}

static void protect_then_store(void *arg) {
    char *memory = arg;
    no_core_dump();
    if (mprotect(memory, (size_t)sysconf(_SC_PAGESIZE), PROT_READ) != 0) _exit(5);
    *(volatile char *)memory = 'w';
}

void store_after_mprotect_raises_sigsegv(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = mapped_file_create("protected", page_size(), "before");
    char *memory = map_file(fd, page_size(), MAP_SHARED);
    int signal = 0;
    int status = reap(spawn_helper(protect_then_store, memory), &signal);
    if (status == 5) probe_fail("mprotect(PROT_READ) failed in the child");
    obs_value_bool(status == 0);
    obs_signal(signal);
    obs_evidence_bool("file_unchanged", strcmp(memory, "before") == 0);
    obs_emit();
}
