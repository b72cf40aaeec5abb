/* posix-sem-probe: observes POSIX semaphores (sem_overview(7), sem_open(3), sem_init(3),
 * sem_wait(3), sem_post(3)). One case per run; c-fixtures/cases/posix_sem.json says what each
 * observes. Named-semaphore cases live in named.c, waiting cases in waiting.c. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

sem_t *make_named_semaphore(const char *name, unsigned value) {
    sem_t *semaphore = sem_open(name, O_CREAT | O_EXCL, 0600, value);
    if (semaphore == SEM_FAILED) probe_fail("sem_open %s: %s", name, strerror(errno));
    cleanup_posix_later(IPC_POSIX_SEM, name);
    return semaphore;
}

static void init_unnamed(sem_t *semaphore, unsigned value) {
    if (sem_init(semaphore, 0, value) != 0) probe_fail("sem_init(%u): %s", value, strerror(errno));
}

static void trywait_zero(int argc, char **argv) {
    (void)argc, (void)argv;
    sem_t semaphore;
    init_unnamed(&semaphore, 0);
    guard_arm();
    int result = sem_trywait(&semaphore);
    int err = errno;
    guard_disarm();
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_emit();
}

static void trywait_counts(int argc, char **argv) {
    long initial = arg_long(argc, argv, 0, 3);
    if (initial > 1000) probe_usage("VALUE must be at most 1000");
    sem_t semaphore;
    init_unnamed(&semaphore, (unsigned)initial);
    long taken = 0;
    guard_arm();
    while (sem_trywait(&semaphore) == 0) taken++;
    int err = errno;
    guard_disarm();
    obs_value_int(taken);
    obs_errno(err);
    obs_evidence_int("initial_value", initial);
    obs_emit();
}

static void post_overflow(int argc, char **argv) {
    (void)argc, (void)argv;
    sem_t semaphore;
    init_unnamed(&semaphore, SEM_VALUE_MAX);
    int result = sem_post(&semaphore);
    int err = result < 0 ? errno : 0;
    int value_after = -1;
    sem_getvalue(&semaphore, &value_after);
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_int("SEM_VALUE_MAX", SEM_VALUE_MAX);
    obs_evidence_int("value_after", value_after);
    obs_emit();
}

static void value_max(int argc, char **argv) {
    (void)argc, (void)argv;
    long value = sysconf(_SC_SEM_VALUE_MAX);
    obs_value_int(value);
    obs_errno(value < 0 ? errno : 0);
    obs_evidence_int("SEM_VALUE_MAX", SEM_VALUE_MAX);
    obs_emit();
}

static const probe_case cases[] = {
    {"trywait-zero", trywait_zero},
    {"trywait-counts", trywait_counts},
    {"post-overflow", post_overflow},
    {"value-max", value_max},
    POSIX_SEM_NAMED_CASES,
    POSIX_SEM_WAITING_CASES,
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
