/* posix-sem-probe, opening and removing names (sem_open(3), sem_close(3), sem_unlink(3)): the
 * errors sem_open and sem_unlink give, and what a name leads to after close, unlink and
 * re-creation. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

/* Reports a sem_open attempt: value = whether it opened, errno when it did not. */
static void report_open(sem_t *semaphore) {
    int err = semaphore == SEM_FAILED ? errno : 0;
    obs_value_bool(semaphore != SEM_FAILED);
    obs_errno(err);
    if (semaphore != SEM_FAILED) sem_close(semaphore);
}

void named_excl_existing(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("excl");
    make_named_semaphore(name, 1);
    report_open(sem_open(name, O_CREAT | O_EXCL, 0600, 0));
    obs_emit();
}

void named_open_missing(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("missing");
    cleanup_posix_later(IPC_POSIX_SEM, name); /* in case a broken sem_open makes it anyway */
    report_open(sem_open(name, 0));
    obs_emit();
}

void named_value_above_max(int argc, char **argv) {
    (void)argc, (void)argv;
    long max = sysconf(_SC_SEM_VALUE_MAX);
    if (max < 0 || max >= (long)UINT_MAX) probe_fail("sysconf(_SC_SEM_VALUE_MAX) gave %ld", max);
    const char *name = probe_ipc_name("toobig");
    cleanup_posix_later(IPC_POSIX_SEM, name);
    report_open(sem_open(name, O_CREAT | O_EXCL, 0600, (unsigned)max + 1));
    obs_evidence_int("SEM_VALUE_MAX", max);
    obs_evidence_int("requested", max + 1);
    obs_emit();
}

void named_unlink_missing(int argc, char **argv) {
    (void)argc, (void)argv;
    int result = sem_unlink(probe_ipc_name("never-made"));
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    obs_emit();
}

void named_same_address_twice(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("twice");
    sem_t *first = make_named_semaphore(name, 0);
    sem_t *second = sem_open(name, 0);
    if (second == SEM_FAILED) {
        obs_value_bool(false);
        obs_errno(errno);
    } else {
        obs_value_bool(first == second);
    }
    obs_emit();
}

void named_close_keeps_it(int argc, char **argv) {
    long initial = arg_long(argc, argv, 0, 2);
    const char *name = probe_ipc_name("closed");
    sem_t *semaphore = make_named_semaphore(name, (unsigned)initial);
    int closed = sem_close(semaphore);
    obs_evidence_int("close_result", closed);
    sem_t *again = sem_open(name, 0);
    int value = -1;
    if (again == SEM_FAILED || sem_getvalue(again, &value) != 0)
        obs_errno(errno);
    else
        obs_value_int(value);
    obs_evidence_int("initial_value", initial);
    obs_emit();
}

void named_recreated_after_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("again");
    sem_t *old = make_named_semaphore(name, 1);
    for (int i = 0; i < 2; i++)
        if (sem_post(old) != 0) probe_fail("sem_post: %s", strerror(errno));
    if (sem_unlink(name) != 0) probe_fail("sem_unlink: %s", strerror(errno));
    sem_t *fresh = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
    int value = -1, old_value = -1;
    if (fresh == SEM_FAILED || sem_getvalue(fresh, &value) != 0)
        obs_errno(errno);
    else
        obs_value_int(value);
    sem_getvalue(old, &old_value);
    obs_evidence_int("recreated_with", 0);
    obs_evidence_int("old_value", old_value);
    obs_evidence_bool("distinct_handles", fresh != old);
    obs_emit();
}

struct open_result {
    int opened;
    int open_errno;
};

static void open_as_nobody(void *arg, void *report) {
    struct open_result *result = report;
    sem_t *semaphore = sem_open(arg, 0);
    result->opened = semaphore != SEM_FAILED;
    result->open_errno = semaphore == SEM_FAILED ? errno : 0;
}

void named_other_uid_denied(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid 65534");
    const char *name = probe_ipc_name("owner-only");
    make_named_semaphore(name, 0);
    struct open_result result;
    int uid = run_as_other_uid(open_as_nobody, (void *)name, &result, sizeof result, "uid-65534 child");
    obs_value_bool(result.opened);
    obs_errno(result.open_errno);
    obs_evidence_int("uid", uid);
    obs_emit();
}

static void unlink_as_nobody(void *arg, void *report) {
    struct open_result *result = report;
    result->opened = sem_unlink(arg) == 0;
    result->open_errno = result->opened ? 0 : errno;
}

void named_other_uid_cannot_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid 65534");
    const char *name = probe_ipc_name("kept");
    make_named_semaphore(name, 0);
    struct open_result result;
    int uid = run_as_other_uid(unlink_as_nobody, (void *)name, &result, sizeof result, "uid-65534 child");
    sem_t *still = sem_open(name, 0);
    obs_evidence_bool("name_still_there", still != SEM_FAILED);
    if (still != SEM_FAILED) sem_close(still);
    obs_value_bool(result.opened);
    obs_errno(result.open_errno);
    obs_evidence_int("uid", uid);
    obs_emit();
}

void named_owner_is_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("owner");
    make_named_semaphore(name, 0);
    char path[256];
    snprintf(path, sizeof path, "/dev/shm/sem.%s", name + 1);
    struct stat status;
    if (stat(path, &status) != 0) {
        obs_errno(errno);
    } else {
        obs_value_int(status.st_uid);
        obs_evidence_int("gid", status.st_gid);
    }
    obs_evidence_int("euid", geteuid());
    obs_evidence_int("egid", getegid());
    obs_evidence_str("path", path);
    obs_emit();
}
