/* posix-sem-probe, the count (sem_getvalue(3), sem_post(3), sem_init(3), sem_destroy(3)): the value
 * a semaphore starts with, follows posts and waits, and the limits of sem_init. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

void named_initial_value(int argc, char **argv) {
    long initial = arg_long(argc, argv, 0, 5);
    if (initial > 1000) probe_usage("VALUE must be at most 1000");
    sem_t *semaphore = make_named_semaphore(probe_ipc_name("initial"), (unsigned)initial);
    int value = -1;
    if (sem_getvalue(semaphore, &value) != 0)
        obs_errno(errno);
    else
        obs_value_int(value);
    obs_evidence_int("initial_value", initial);
    obs_emit();
}

void getvalue_follows_operations(int argc, char **argv) {
    long initial = arg_long(argc, argv, 0, 2);
    long posts = arg_long(argc, argv, 1, 3);
    long waits = arg_long(argc, argv, 2, 1);
    if (initial > 1000 || posts > 1000 || waits > initial + posts) probe_usage("bad counts");
    sem_t *semaphore = make_named_semaphore(probe_ipc_name("count"), (unsigned)initial);
    for (long i = 0; i < posts; i++)
        if (sem_post(semaphore) != 0) probe_fail("sem_post: %s", strerror(errno));
    guard_arm(); /* waits on a positive value must not block */
    for (long i = 0; i < waits; i++)
        if (sem_wait(semaphore) != 0) probe_fail("sem_wait: %s", strerror(errno));
    guard_disarm();
    int value = -1;
    if (sem_getvalue(semaphore, &value) != 0)
        obs_errno(errno);
    else
        obs_value_int(value);
    obs_evidence_int("initial_value", initial);
    obs_evidence_int("posts", posts);
    obs_evidence_int("waits", waits);
    obs_evidence_int("expected", initial + posts - waits);
    obs_emit();
}

void init_value_above_max(int argc, char **argv) {
    (void)argc, (void)argv;
    long max = sysconf(_SC_SEM_VALUE_MAX);
    if (max < 0 || max >= (long)UINT_MAX) probe_fail("sysconf(_SC_SEM_VALUE_MAX) gave %ld", max);
    sem_t semaphore;
    int result = sem_init(&semaphore, 0, (unsigned)max + 1);
    int err = result < 0 ? errno : 0;
    if (result == 0) sem_destroy(&semaphore);
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_int("SEM_VALUE_MAX", max);
    obs_evidence_int("requested", max + 1);
    obs_emit();
}

void destroy_then_init(int argc, char **argv) {
    long again = arg_long(argc, argv, 0, 4);
    if (again > 1000) probe_usage("VALUE must be at most 1000");
    sem_t semaphore;
    if (sem_init(&semaphore, 0, 1) != 0) probe_fail("sem_init: %s", strerror(errno));
    int destroyed = sem_destroy(&semaphore);
    obs_evidence_int("destroy_result", destroyed);
    if (destroyed != 0) {
        obs_errno(errno);
    } else if (sem_init(&semaphore, 0, (unsigned)again) != 0) {
        obs_errno(errno);
    } else {
        int value = -1;
        sem_getvalue(&semaphore, &value);
        obs_value_int(value);
        sem_destroy(&semaphore);
    }
    obs_evidence_int("reinitialised_with", again);
    obs_emit();
}

void getvalue_leaves_value(int argc, char **argv) {
    long initial = arg_long(argc, argv, 0, 3);
    if (initial > 1000) probe_usage("VALUE must be at most 1000");
    sem_t semaphore;
    if (sem_init(&semaphore, 0, (unsigned)initial) != 0) probe_fail("sem_init: %s", strerror(errno));
    int seen = -1;
    for (int i = 0; i < 3; i++)
        if (sem_getvalue(&semaphore, &seen) != 0) probe_fail("sem_getvalue: %s", strerror(errno));
    /* The count that is really there: how many decrements it still allows. */
    long taken = 0;
    guard_arm();
    while (taken <= initial && sem_trywait(&semaphore) == 0) taken++;
    guard_disarm();
    obs_value_int(taken);
    obs_evidence_int("initial_value", initial);
    obs_evidence_int("getvalue_reported", seen);
    obs_emit();
}
