/* posix-sem-probe, named semaphores (sem_open(3), sem_unlink(3), sem_overview(7)): they outlive
 * their creator, live in /dev/shm as sem.NAME, and lose their name, not their holders, to sem_unlink. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/creator.h"
#include "common/probe.h"
#include "cases.h"

/* The number of sem_post calls the creator makes before it exits. */
#define CREATOR_POSTS 3

static void create_post_and_exit(void *arg) {
    const char *name = arg;
    sem_t *semaphore = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
    if (semaphore == SEM_FAILED) _exit(1);
    for (int i = 0; i < CREATOR_POSTS; i++)
        if (sem_post(semaphore) != 0) _exit(2);
    sem_close(semaphore);
}

void named_outlives_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    struct posix_creation made = posix_made_by_exited_child(IPC_POSIX_SEM, "persist", create_post_and_exit);
    if (made.creator_status != 0) probe_fail("the creating helper failed (status %d)", made.creator_status);
    /* This process never had the semaphore open: only the name leads to it now. */
    sem_t *semaphore = sem_open(made.name, 0);
    int value = -1;
    if (semaphore == SEM_FAILED) {
        obs_errno(errno);
    } else if (sem_getvalue(semaphore, &value) == 0) {
        obs_value_int(value);
    } else {
        obs_errno(errno);
    }
    obs_evidence_int("creator_posts", CREATOR_POSTS);
    obs_evidence_bool("creator_exited", true);
    obs_emit();
}

void named_in_dev_shm(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("listed");
    make_named_semaphore(name, 0);
    char path[256];
    snprintf(path, sizeof path, "/dev/shm/sem.%s", name + 1); /* the name without its leading slash */
    obs_evidence_str("path", path);
    struct stat status;
    if (stat(path, &status) != 0) {
        obs_errno(errno);
    } else {
        char mode[8];
        snprintf(mode, sizeof mode, "%04o", (unsigned)(status.st_mode & 07777));
        obs_value_str(mode);
        obs_evidence_bool("regular_file", S_ISREG(status.st_mode));
        obs_evidence_int("size", status.st_size);
    }
    obs_emit();
}

void named_open_after_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("unlinked");
    make_named_semaphore(name, 1);
    if (sem_unlink(name) != 0) probe_fail("sem_unlink: %s", strerror(errno));
    sem_t *again = sem_open(name, 0);
    obs_value_bool(again != SEM_FAILED);
    obs_errno(again == SEM_FAILED ? errno : 0);
    obs_emit();
}

void named_unlinked_still_usable(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("unlinked");
    sem_t *semaphore = make_named_semaphore(name, 1);
    if (sem_unlink(name) != 0) probe_fail("sem_unlink: %s", strerror(errno));
    int value = -1;
    int result = sem_post(semaphore);
    if (result == 0) result = sem_getvalue(semaphore, &value);
    if (result == 0) obs_value_int(value);
    obs_errno(result < 0 ? errno : 0);
    obs_evidence_int("initial_value", 1);
    obs_emit();
}

void named_existing_ignores_value(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *name = probe_ipc_name("existing");
    make_named_semaphore(name, 1);
    sem_t *again = sem_open(name, O_CREAT, 0600, 5);
    int value = -1;
    if (again == SEM_FAILED || sem_getvalue(again, &value) != 0)
        obs_errno(errno);
    else
        obs_value_int(value);
    obs_evidence_int("created_with", 1);
    obs_evidence_int("reopened_with", 5);
    obs_emit();
}
