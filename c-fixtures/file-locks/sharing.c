/* The file-locks-probe cases that need a second process for open file description locks
 * (F_OFD_SETLK) and flock(2) locks: both belong to the open file description, so a forked child
 * shares them, while another open() of the file competes with them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

struct outcomes {
    char inherited[24]; /* through the descriptor inherited from the parent */
    char own_open[24];  /* through an open() of its own */
};

static void ofd_lock_from_child(void *arg, void *result) {
    int fd = *(int *)arg;
    struct outcomes *outcomes = result;
    int through_inherited = record_lock(fd, F_OFD_SETLK, F_WRLCK, 0, 0);
    snprintf(outcomes->inherited, sizeof outcomes->inherited, "%s", lock_outcome(through_inherited, errno));
    int through_own = record_lock(lock_file_open(), F_OFD_SETLK, F_WRLCK, 0, 0);
    snprintf(outcomes->own_open, sizeof outcomes->own_open, "%s", lock_outcome(through_own, errno));
}

void ofd_shared_with_fork_child(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    if (record_lock(fd, F_OFD_SETLK, F_WRLCK, 0, 0) != 0) report_refused("F_OFD_SETLK", errno);
    struct outcomes outcomes;
    run_reporting_helper(ofd_lock_from_child, &fd, &outcomes, sizeof outcomes, "forked child");
    obs_value_str(outcomes.inherited);
    obs_evidence_str("child_own_open", outcomes.own_open);
    obs_emit();
}

static int flock_operation(const char *word) {
    if (strcmp(word, "shared") == 0) return LOCK_SH;
    if (strcmp(word, "exclusive") == 0) return LOCK_EX;
    probe_usage("a flock lock is shared or exclusive, not '%s'", word);
}

void flock_against_holder(int argc, char **argv) {
    (void)argc;
    int held = flock_operation(argv[0]), wanted = flock_operation(argv[1]);
    int fd = lock_file_open();
    struct holder holder;
    holder_start(&holder, HOLD_FLOCK, held, 0, 0);
    guard_arm(); /* LOCK_NB must not wait: a call that does fails with EINTR */
    int result = flock(fd, wanted | LOCK_NB);
    int err = errno;
    guard_disarm();
    obs_value_str(lock_outcome(result, err));
    obs_errno(result == 0 ? 0 : err);
    obs_evidence_str("held_by_helper", argv[0]);
    obs_evidence_str("asked", argv[1]);
    holder_stop(&holder);
    obs_emit();
}

/* In a child, through an open() of its own: may it take a shared lock now? */
static void try_shared_from_child(void *arg, void *result) {
    (void)arg;
    int fd = lock_file_open();
    int shared = flock(fd, LOCK_SH | LOCK_NB);
    snprintf(result, 24, "%s", lock_outcome(shared, errno));
}

static void shared_lock_seen_by_another_process(char *outcome) {
    run_reporting_helper(try_shared_from_child, NULL, outcome, 24, "observer");
}

void flock_convert(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    if (flock(fd, LOCK_SH) != 0) probe_fail("flock(LOCK_SH): %s", strerror(errno));
    int up = flock(fd, LOCK_EX | LOCK_NB);
    char up_outcome[24], while_exclusive[24], while_shared[24];
    snprintf(up_outcome, sizeof up_outcome, "%s", lock_outcome(up, errno));
    shared_lock_seen_by_another_process(while_exclusive);
    int down = flock(fd, LOCK_SH | LOCK_NB);
    char down_outcome[24];
    snprintf(down_outcome, sizeof down_outcome, "%s", lock_outcome(down, errno));
    shared_lock_seen_by_another_process(while_shared);
    char value[64];
    snprintf(value, sizeof value, "%s then %s", while_exclusive, while_shared);
    obs_value_str(value);
    obs_evidence_str("shared_to_exclusive", up_outcome);
    obs_evidence_str("exclusive_to_shared", down_outcome);
    obs_emit();
}

void flock_independent_of_record_locks(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    struct holder holder;
    holder_start(&holder, HOLD_FLOCK, LOCK_EX, 0, 0);
    guard_arm();
    int flocked = flock(fd, LOCK_EX | LOCK_NB);
    int flock_err = errno;
    int result = record_lock(fd, F_SETLK, F_WRLCK, 0, 0);
    int err = errno;
    guard_disarm();
    obs_value_str(lock_outcome(result, err));
    obs_errno(result == 0 ? 0 : err);
    obs_evidence_str("flock_beside_helper", lock_outcome(flocked, flock_err));
    holder_stop(&holder);
    obs_emit();
}
