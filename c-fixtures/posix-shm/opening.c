/* posix-shm-probe, opening and naming (shm_open(3), shm_unlink(3)): the errors shm_open and
 * shm_unlink give for names that do not exist, are too long or malformed, and for a process out of
 * descriptors; and what O_TRUNC, O_CREAT on an existing name and the umask do. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

/* Reports an shm_open attempt: value = 0 when it opened, -1 when not, and its errno. */
static void report_open(int fd) {
    obs_value_int(fd < 0 ? -1 : 0);
    obs_errno(fd < 0 ? errno : 0);
    if (fd >= 0) close(fd);
}

void open_missing_gives_enoent(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("missing");
    cleanup_posix_later(IPC_POSIX_SHM, name); /* in case a broken shm_open makes it anyway */
    report_open(shm_open(name, O_RDWR, 0));
    obs_emit();
}

void unlink_missing_gives_enoent(int argc, char **argv) {
    (void)argc, (void)argv;
    int result = shm_unlink(probe_ipc_name("never-made"));
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    obs_emit();
}

void name_too_long(int argc, char **argv) {
    (void)argc, (void)argv;
    static char name[NAME_MAX + 3]; /* "/" and NAME_MAX + 1 letters: longer than any file name */
    name[0] = '/';
    memset(name + 1, 'n', NAME_MAX + 1);
    report_open(shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600));
    obs_evidence_int("name_length", (int64_t)strlen(name));
    obs_evidence_int("NAME_MAX", NAME_MAX);
    obs_emit();
}

void name_with_slash(int argc, char **argv) {
    (void)argc, (void)argv;
    char name[300];
    snprintf(name, sizeof name, "%s/inner", probe_ipc_name("dir"));
    report_open(shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600));
    obs_evidence_str("name", name);
    obs_emit();
}

void o_trunc_empties(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("trunc");
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(name, size);
    if (pwrite(fd, "data", 4, 0) != 4) probe_fail("pwrite: %s", strerror(errno));
    struct stat before;
    fstat(fd, &before);
    int again = shm_open(name, O_RDWR | O_TRUNC, 0);
    if (again < 0) {
        obs_errno(errno);
    } else {
        struct stat after;
        if (fstat(again, &after) != 0) probe_fail("fstat: %s", strerror(errno));
        obs_value_int(after.st_size);
        close(again);
    }
    obs_evidence_int("size_before", before.st_size);
    obs_emit();
}

void o_creat_keeps_existing(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("kept");
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(name, size);
    if (pwrite(fd, "kept", 5, 0) != 5) probe_fail("pwrite: %s", strerror(errno));
    int again = shm_open(name, O_CREAT | O_RDWR, 0600);
    if (again < 0) {
        obs_errno(errno);
    } else {
        struct stat status;
        char text[8] = {0};
        if (fstat(again, &status) != 0) probe_fail("fstat: %s", strerror(errno));
        if (pread(again, text, 5, 0) < 0) probe_fail("pread: %s", strerror(errno));
        obs_value_int(status.st_size);
        obs_evidence_str("content", text);
        close(again);
    }
    obs_evidence_int("size", (int64_t)size);
    obs_emit();
}

void mode_applies_umask(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("umask");
    cleanup_posix_later(IPC_POSIX_SHM, name);
    mode_t old = umask(077);
    int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0660);
    int err = errno;
    umask(old);
    if (fd < 0) {
        obs_errno(err);
    } else {
        struct stat status;
        if (fstat(fd, &status) != 0) probe_fail("fstat: %s", strerror(errno));
        char mode[8];
        snprintf(mode, sizeof mode, "%04o", (unsigned)(status.st_mode & 07777));
        obs_value_str(mode);
    }
    obs_evidence_str("requested_mode", "0660");
    obs_evidence_str("umask", "0077");
    obs_emit();
}

void owner_is_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = object_create(probe_ipc_name("owner"), 0);
    struct stat status;
    if (fstat(fd, &status) != 0) probe_fail("fstat: %s", strerror(errno));
    obs_value_int(status.st_uid);
    obs_evidence_int("euid", geteuid());
    obs_evidence_int("gid", status.st_gid);
    obs_evidence_int("egid", getegid());
    obs_emit();
}

struct emfile_result {
    int opened;
    int open_errno;
    int limit;
    int filled;
};

/* In a helper: lower RLIMIT_NOFILE, use up the descriptors below it, then try shm_open. */
static void open_without_descriptors(void *arg, void *report) {
    struct emfile_result *result = report;
    struct rlimit low = {16, 16};
    if (setrlimit(RLIMIT_NOFILE, &low) != 0) _exit(5);
    result->limit = 16;
    while (dup(0) >= 0 && result->filled < 64) result->filled++;
    if (errno != EMFILE) _exit(6);
    int fd = shm_open(arg, O_RDWR, 0);
    result->opened = fd >= 0;
    result->open_errno = fd < 0 ? errno : 0;
}

void emfile_at_rlimit_nofile(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("nofile");
    object_create(name, 0);
    struct emfile_result result;
    run_reporting_helper(open_without_descriptors, (void *)name, &result, sizeof result, "rlimit helper");
    obs_value_bool(result.opened);
    obs_errno(result.open_errno);
    obs_evidence_int("rlimit_nofile", result.limit);
    obs_evidence_int("descriptors_filled", result.filled);
    obs_emit();
}

void o_trunc_keeps_mode_and_owner(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("trunc-mode");
    int fd = object_create(name, (size_t)sysconf(_SC_PAGESIZE));
    struct stat before;
    if (fstat(fd, &before) != 0) probe_fail("fstat: %s", strerror(errno));
    int again = shm_open(name, O_RDWR | O_TRUNC, 0);
    if (again < 0) {
        obs_errno(errno);
    } else {
        struct stat after;
        if (fstat(again, &after) != 0) probe_fail("fstat: %s", strerror(errno));
        char mode[8];
        snprintf(mode, sizeof mode, "%04o", (unsigned)(after.st_mode & 07777));
        obs_value_str(mode);
        obs_evidence_bool("owner_kept", after.st_uid == before.st_uid && after.st_gid == before.st_gid);
        obs_evidence_int("size_after", after.st_size);
        close(again);
    }
    obs_emit();
}

void mode_does_not_limit_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("readonly-mode");
    cleanup_posix_later(IPC_POSIX_SHM, name);
    int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0400);
    if (fd < 0) probe_fail("shm_open(0400): %s", strerror(errno));
    /* The descriptor was opened O_RDWR: the mode governs later opens, not this one. */
    bool sized = ftruncate(fd, 8) == 0;
    int err = sized ? 0 : errno;
    bool written = sized && pwrite(fd, "written", 8, 0) == 8;
    if (sized && !written) err = errno;
    char back[8] = {0};
    bool read_back = written && pread(fd, back, 8, 0) == 8 && strcmp(back, "written") == 0;
    struct stat status;
    fstat(fd, &status);
    obs_value_bool(read_back);
    obs_errno(err);
    obs_evidence_int("mode", status.st_mode & 07777);
    obs_emit();
}

void lowest_free_descriptor(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("lowest");
    object_create(name, 0);
    /* Leave a hole below the others: the lowest free descriptor, wherever it is. */
    int lowest = dup(0);
    if (lowest < 0) probe_fail("dup: %s", strerror(errno));
    int above = dup(0); /* keep the next one busy too */
    close(lowest);
    int fd = shm_open(name, O_RDWR, 0);
    obs_value_int(fd);
    obs_errno(fd < 0 ? errno : 0);
    obs_evidence_int("lowest_free", lowest);
    if (fd >= 0) close(fd);
    close(above);
    obs_emit();
}

void opens_have_own_offsets(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("offsets");
    int first = object_create(name, (size_t)sysconf(_SC_PAGESIZE));
    if (lseek(first, 100, SEEK_SET) != 100) probe_fail("lseek: %s", strerror(errno));
    int second = shm_open(name, O_RDWR, 0);
    if (second < 0) probe_fail("shm_open(%s): %s", name, strerror(errno));
    off_t offset = lseek(second, 0, SEEK_CUR);
    obs_value_int(offset);
    obs_errno(offset < 0 ? errno : 0);
    obs_evidence_int("first_offset", lseek(first, 0, SEEK_CUR));
    close(second);
    obs_emit();
}

void group_is_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = object_create(probe_ipc_name("group"), 0);
    struct stat status;
    if (fstat(fd, &status) != 0) probe_fail("fstat: %s", strerror(errno));
    obs_value_int(status.st_gid);
    obs_evidence_int("egid", getegid());
    obs_emit();
}

void unlink_name_too_long(int argc, char **argv) {
    (void)argc, (void)argv;
    static char name[NAME_MAX + 3]; /* "/" and NAME_MAX + 1 letters: longer than any file name */
    name[0] = '/';
    memset(name + 1, 'n', NAME_MAX + 1);
    int result = shm_unlink(name);
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    obs_evidence_int("name_length", (int64_t)strlen(name));
    obs_emit();
}

void unlink_while_mapped(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("mapped");
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(name, size);
    char *memory = object_map(fd, size, MAP_SHARED);
    strcpy(memory, "still-here");
    if (shm_unlink(name) != 0) probe_fail("shm_unlink: %s", strerror(errno));
    /* Right after shm_unlink returns, with a descriptor and a mapping still open. */
    int again = shm_open(name, O_RDWR, 0);
    obs_value_int(again < 0 ? -1 : 0);
    obs_errno(again < 0 ? errno : 0);
    if (again >= 0) close(again);
    obs_evidence_bool("data_stays", strcmp(memory, "still-here") == 0);
    obs_emit();
}
