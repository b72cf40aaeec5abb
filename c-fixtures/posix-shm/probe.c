/* posix-shm-probe: observes POSIX shared memory (shm_overview(7), shm_open(3), mmap(2)). One case
 * per run; the case table below says what each case observes. The cases here need one
 * process; those that need two live in sharing.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

int object_create(const char *name, size_t size) {
    cleanup_posix_later(IPC_POSIX_SHM, name); /* before it exists: no window in which it could leak */
    int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
    if (fd < 0) probe_fail("shm_open(%s): %s", name, strerror(errno));
    if (size > 0 && ftruncate(fd, (off_t)size) != 0)
        probe_fail("ftruncate(%s, %zu): %s", name, size, strerror(errno));
    return fd;
}

void *object_map(int fd, size_t size, int flags) {
    void *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (memory == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    return memory;
}

const char *object_node(const char *name) {
    static char path[300];
    snprintf(path, sizeof path, "/dev/shm%s", name);
    return path;
}

static off_t size_of(int fd) {
    struct stat status;
    if (fstat(fd, &status) != 0) probe_fail("fstat: %s", strerror(errno));
    return status.st_size;
}

static void node_in_dev_shm(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("node");
    int fd = object_create(name, 0);
    struct stat node, object;
    if (fstat(fd, &object) != 0) probe_fail("fstat: %s", strerror(errno));
    obs_evidence_str("node", object_node(name));
    if (stat(object_node(name), &node) != 0) {
        obs_errno(errno); /* the name exists, but not where shm_overview(7) says */
    } else {
        char mode[8];
        snprintf(mode, sizeof mode, "%04o", (unsigned)(node.st_mode & 07777));
        obs_value_str(mode);
        obs_evidence_bool("regular_file", S_ISREG(node.st_mode));
        obs_evidence_bool("same_inode_as_descriptor",
                          node.st_ino == object.st_ino && node.st_dev == object.st_dev);
    }
    obs_emit();
}

static void new_object_has_zero_size(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = object_create(probe_ipc_name("new"), 0);
    obs_value_int(size_of(fd));
    obs_emit();
}

static void ftruncate_sets_size(int argc, char **argv) {
    long requested = arg_long(argc, argv, 0, 4097);
    const char *name = probe_ipc_name("sized");
    int fd = object_create(name, 0);
    int result = ftruncate(fd, requested);
    obs_errno(result != 0 ? errno : 0);
    obs_value_int(size_of(fd));
    obs_evidence_int("requested", requested);
    struct stat node;
    if (stat(object_node(name), &node) == 0) obs_evidence_int("node_size", node.st_size);
    obs_emit();
}

static void excl_on_existing_gives_eexist(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("excl");
    object_create(name, 0);
    int again = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
    obs_value_int(again < 0 ? -1 : 0);
    obs_errno(again < 0 ? errno : 0);
    obs_emit();
}

static void open_after_unlink_gives_enoent(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("removed");
    object_create(name, 0);
    if (shm_unlink(name) != 0) probe_fail("shm_unlink: %s", strerror(errno));
    struct stat node;
    obs_evidence_bool("node_gone", stat(object_node(name), &node) != 0 && errno == ENOENT);
    int again = shm_open(name, O_RDWR, 0);
    obs_value_int(again < 0 ? -1 : 0);
    obs_errno(again < 0 ? errno : 0);
    obs_emit();
}

static void mapping_survives_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("unlinked");
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(name, size);
    char *memory = object_map(fd, size, MAP_SHARED);
    close(fd);
    strcpy(memory, "before-unlink");
    if (shm_unlink(name) != 0) probe_fail("shm_unlink: %s", strerror(errno));
    bool readable = strcmp(memory, "before-unlink") == 0;
    strcpy(memory, "after-unlink");
    obs_value_bool(readable && strcmp(memory, "after-unlink") == 0);
    obs_evidence_bool("old_data_readable", readable);
    struct stat node;
    obs_evidence_bool("node_gone", stat(object_node(name), &node) != 0 && errno == ENOENT);
    obs_emit();
}

static void map_private_not_written_back(int argc, char **argv) {
    (void)argc, (void)argv;
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(probe_ipc_name("private"), size);
    char *shared = object_map(fd, size, MAP_SHARED);
    strcpy(shared, "shared");
    char *private_copy = object_map(fd, size, MAP_PRIVATE);
    strcpy(private_copy, "private");
    char through_read[16] = {0};
    if (pread(fd, through_read, sizeof through_read - 1, 0) < 0) probe_fail("pread: %s", strerror(errno));
    /* The value: did the private write reach the object (as read() or the shared mapping sees it)? */
    obs_value_bool(strcmp(through_read, "private") == 0 || strcmp(shared, "private") == 0);
    obs_evidence_str("read_sees", through_read);
    obs_evidence_str("shared_mapping_sees", shared);
    obs_evidence_bool("private_mapping_changed", strcmp(private_copy, "private") == 0);
    obs_emit();
}

static void fd_is_close_on_exec(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = object_create(probe_ipc_name("cloexec"), 0);
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0) probe_fail("fcntl(F_GETFD): %s", strerror(errno));
    obs_value_bool((flags & FD_CLOEXEC) != 0);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("node-in-dev-shm", node_in_dev_shm,
               "shm_open(O_CREAT|O_EXCL, 0600) of a per-run name, then stat(\"/dev/shm\" + name); value "
               "= that node's permission bits as 4 octal digits (errno when there is no node); "
               "evidence.node, regular_file, same_inode_as_descriptor"),
    PROBE_CASE("new-object-has-zero-size", new_object_has_zero_size,
               "value = fstat size of a newly created object"),
    PROBE_CASE("ftruncate-sets-size", ftruncate_sets_size,
               "new object, ftruncate(bytes); value = fstat size, errno of ftruncate; "
               "evidence.requested, node_size (stat of the /dev/shm node)",
               OPTIONAL_PARAM("bytes", "the size to set (default 4097)")),
    PROBE_CASE("excl-on-existing-gives-eexist", excl_on_existing_gives_eexist,
               "creates an object, then shm_open(same name, O_CREAT|O_EXCL); value = 0 on success, -1 on "
               "failure; errno"),
    PROBE_CASE("open-after-unlink-gives-enoent", open_after_unlink_gives_enoent,
               "creates an object, shm_unlink, then shm_open(name, O_RDWR); value = 0 on success, -1 on "
               "failure; errno; evidence.node_gone"),
    PROBE_CASE("mapping-survives-unlink", mapping_survives_unlink,
               "one-page object mapped MAP_SHARED, descriptor closed, text written, shm_unlink; value = "
               "true when the old text is still readable and a new write lands; evidence.node_gone"),
    PROBE_CASE("map-private-not-written-back", map_private_not_written_back,
               "object holding \"shared\"; a MAP_PRIVATE mapping of it gets \"private\"; value = true if "
               "read() or a MAP_SHARED mapping of the object then shows \"private\"; evidence.read_sees, "
               "shared_mapping_sees, private_mapping_changed"),
    PROBE_CASE("fd-is-close-on-exec", fd_is_close_on_exec,
               "value = FD_CLOEXEC set on the descriptor shm_open returned"),
    PROBE_CASE("outlives-its-creator", outlives_its_creator,
               "a child creates a per-run name, sizes and fills it through mmap, and exits; after "
               "reaping it the probe opens the name and reads; value = true when the text is there "
               "(false and errno when the name is gone); evidence.node_after_creator_exit"),
    PROBE_CASE("map-shared-visible-both-ways", map_shared_visible_both_ways,
               "a helper re-executed through /proc/self/exe opens the object by name and maps it "
               "MAP_SHARED; the probe stores PING, the helper loads it and after delay_ms stores PONG, "
               "the probe loads it; value = true when both were seen; evidence.helper_saw_ping, "
               "probe_saw_pong, round_trip_ns",
               OPTIONAL_PARAM("delay_ms", "milliseconds the helper waits between PING and PONG (default 0)")),
    HELPER_CASE("helper-answer", helper_answer, PARAM("name", "the object's name"),
                PARAM("delay_ms", "milliseconds between PING and PONG"),
                PARAM("ready_fd", "the descriptor to report the mapping on")),
    PROBE_CASE("map-private-not-visible-to-others", map_private_not_visible_to_others,
               "object holding \"shared\" mapped MAP_SHARED by the probe; a child maps it MAP_PRIVATE "
               "and writes \"private\"; value = true if the probe's mapping or read() then shows "
               "\"private\"; evidence.child_saw_its_own_write"),
    PROBE_CASE("access-beyond-size-raises-sigbus", access_beyond_size_raises_sigbus,
               "object of one page mapped as two pages; a child writes the first page, then the second; "
               "signal = what ended the child (SIGBUS expected); value = true if both writes went "
               "through"),
    PROBE_CASE("other-uid-denied-by-mode-0600", other_uid_denied_by_mode_0600,
               "needs root; a 0600 object; a child as uid 65534 calls shm_open(name, O_RDWR); value = "
               "opened, errno; evidence.uid, mode"),
    PROBE_CASE("open-missing-gives-enoent", open_missing_gives_enoent,
               "shm_open(a name never created, O_RDWR, no O_CREAT); value = 0 opened / -1 not, errno "
               "(ENOENT expected)"),
    PROBE_CASE("unlink-missing-gives-enoent", unlink_missing_gives_enoent,
               "shm_unlink(a name never created); value = return, errno (ENOENT expected)"),
    PROBE_CASE("name-too-long", name_too_long,
               "shm_open(\"/\" + NAME_MAX + 1 letters, O_CREAT|O_EXCL); value = 0 opened / -1 not, errno "
               "(ENAMETOOLONG expected); evidence.name_length, NAME_MAX"),
    PROBE_CASE("name-with-slash", name_with_slash,
               "shm_open(\"/NAME/inner\", O_CREAT|O_EXCL); value = 0 opened / -1 not, errno (EINVAL "
               "expected on Linux); evidence.name"),
    PROBE_CASE("o-trunc-empties", o_trunc_empties,
               "a one-page object holding data, opened again with O_RDWR|O_TRUNC; value = fstat size "
               "afterwards (errno when the open failed); evidence.size_before"),
    PROBE_CASE("o-creat-keeps-existing", o_creat_keeps_existing,
               "a one-page object holding \"kept\", opened again with O_CREAT (no O_EXCL); value = fstat "
               "size through the new descriptor; evidence.size, content"),
    PROBE_CASE("mode-applies-umask", mode_applies_umask,
               "umask(077), shm_open(O_CREAT|O_EXCL, 0660); value = the object's permission bits as 4 "
               "octal digits; evidence.requested_mode, umask"),
    PROBE_CASE("owner-is-creator", owner_is_creator,
               "a new object; value = its st_uid; evidence.euid, gid, egid"),
    PROBE_CASE("emfile-at-rlimit-nofile", emfile_at_rlimit_nofile,
               "an object; a helper lowers RLIMIT_NOFILE to 16, dups until EMFILE, then shm_open(name, "
               "O_RDWR); value = opened, errno (EMFILE expected); evidence.rlimit_nofile, "
               "descriptors_filled"),
    PROBE_CASE("rdonly-map-shared-write", rdonly_map_shared_write,
               "a one-page object opened again O_RDONLY, mmap(PROT_READ|PROT_WRITE, MAP_SHARED) of that "
               "descriptor; value = whether it mapped, errno (EACCES expected); evidence.prot_read_maps"),
    PROBE_CASE("sized-object-reads-zeros", sized_object_reads_zeros,
               "a new object ftruncated to pages pages and mapped; value = true when every byte is 0; "
               "evidence.bytes, nonzero_bytes",
               OPTIONAL_PARAM("pages", "the size in pages (default 2)")),
    PROBE_CASE("mapping-survives-close", mapping_survives_close,
               "a one-page object mapped MAP_SHARED, its descriptor closed, text written through the "
               "mapping; value = true when shm_open of the name and pread show that text; "
               "evidence.read_by_name"),
    PROBE_CASE("recreated-after-unlink", recreated_after_unlink,
               "a one-page object holding data and mapped, shm_unlink, the name created again; value = "
               "fstat size of the new object; evidence.old_mapping_keeps_data"),
    PROBE_CASE("other-uid-cannot-unlink", other_uid_cannot_unlink,
               "needs root; a 0600 object; a child as uid 65534 calls shm_unlink(name); value = whether "
               "it was unlinked, errno (EACCES expected); evidence.node_still_there, uid"),
    PROBE_CASE("o-trunc-keeps-mode-and-owner", o_trunc_keeps_mode_and_owner,
               "a one-page 0600 object opened again with O_RDWR|O_TRUNC; value = its permission bits "
               "afterwards as 4 octal digits; evidence.owner_kept, size_after"),
    PROBE_CASE("mode-does-not-limit-creator", mode_does_not_limit_creator,
               "shm_open(O_CREAT|O_EXCL|O_RDWR, mode 0400); value = true when ftruncate, pwrite and pread "
               "through that descriptor work; errno of the step that failed; evidence.mode"),
    PROBE_CASE("lowest-free-descriptor", lowest_free_descriptor,
               "an object; the lowest free descriptor is found (dup, then closed, the next kept busy); "
               "value = the descriptor shm_open returns; evidence.lowest_free"),
    PROBE_CASE("opens-have-own-offsets", opens_have_own_offsets,
               "a one-page object whose first descriptor is lseek'd to 100, then shm_open of the name "
               "again; value = the second descriptor's offset (lseek SEEK_CUR); evidence.first_offset"),
    PROBE_CASE("group-is-creator", group_is_creator, "a new object; value = its st_gid; evidence.egid"),
    PROBE_CASE("unlink-name-too-long", unlink_name_too_long,
               "shm_unlink(\"/\" + NAME_MAX + 1 letters); value = return, errno (ENAMETOOLONG expected); "
               "evidence.name_length"),
    PROBE_CASE("unlink-while-mapped", unlink_while_mapped,
               "a one-page object, still open and mapped with text in it, shm_unlink, then at once "
               "shm_open(name, O_RDWR); value = 0 opened / -1 not, errno (ENOENT expected); "
               "evidence.data_stays"),
    PROBE_CASE("other-uid-cannot-truncate", other_uid_cannot_truncate,
               "needs root; a one-page 0600 object; a child as uid 65534 calls shm_open(name, "
               "O_RDWR|O_TRUNC); value = opened, errno (EACCES expected); evidence.size_after, "
               "size_before, uid"),
    PROBE_CASE("excl-race-has-one-winner", excl_race_has_one_winner,
               "8 helpers released together each call shm_open(name, O_CREAT|O_EXCL); value = how many "
               "created it; evidence.racers, eexist, other_failures, expected_winners"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
