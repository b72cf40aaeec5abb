/* file-locks-probe: observes advisory file locks (fcntl(2) record locks and open file description
 * locks, flock(2)). One case per run; the case table below says what each case observes. The cases
 * here need one process; records.c and sharing.c hold those that need two. Every case locks one
 * file, made 0600 in the probe's private folder and removed at the end. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

static void getlk_free_range(int argc, char **argv) {
    (void)argc, (void)argv;
    struct flock found = record_query(lock_file_open(), F_GETLK, F_WRLCK, 0, 0);
    char text[96];
    describe_lock(&found, text, sizeof text);
    obs_value_str(text);
    obs_emit();
}

/* An OFD write lock over the whole file, taken through a new open() of it; returns that descriptor. */
static int ofd_locked_descriptor(void) {
    int fd = lock_file_open();
    if (record_lock(fd, F_OFD_SETLK, F_WRLCK, 0, 0) != 0) report_refused("F_OFD_SETLK", errno);
    return fd;
}

/* F_OFD_GETLK for a write lock over the whole file through fd; a refusal is the observation. */
static struct flock ofd_query(int fd) {
    struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0, .l_pid = 0};
    if (fcntl(fd, F_OFD_GETLK, &lock) != 0) report_refused("F_OFD_GETLK", errno);
    return lock;
}

/* Whether F_OFD_GETLK through a new open() of the file finds a conflicting lock. */
static bool another_open_sees_a_lock(void) {
    int fd = lock_file_open();
    bool locked = ofd_query(fd).l_type != F_UNLCK;
    close(fd);
    return locked;
}

static void ofd_survives_closing_other_open(int argc, char **argv) {
    (void)argc, (void)argv;
    ofd_locked_descriptor();
    close(lock_file_open()); /* closing another descriptor of the same file, in the same process */
    obs_value_bool(another_open_sees_a_lock());
    obs_emit();
}

static void ofd_shared_through_dup(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = ofd_locked_descriptor();
    int copy = dup(fd);
    if (copy < 0) probe_fail("dup: %s", strerror(errno));
    close(fd);
    bool still_locked = another_open_sees_a_lock();
    int result = record_lock(copy, F_OFD_SETLK, F_WRLCK, 0, 0);
    obs_value_str(lock_outcome(result, errno));
    obs_evidence_bool("locked_after_closing_the_original", still_locked);
    close(copy);
    obs_evidence_bool("locked_after_closing_the_last_copy", another_open_sees_a_lock());
    obs_emit();
}

static void ofd_second_open_conflicts(int argc, char **argv) {
    (void)argc, (void)argv;
    ofd_locked_descriptor();
    guard_arm();
    int result = record_lock(lock_file_open(), F_OFD_SETLK, F_WRLCK, 0, 0);
    int err = errno;
    guard_disarm();
    obs_value_str(lock_outcome(result, err));
    obs_errno(result == 0 ? 0 : err);
    obs_emit();
}

static void ofd_getlk_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    ofd_locked_descriptor();
    struct flock found = ofd_query(lock_file_open());
    char text[96];
    describe_lock(&found, text, sizeof text);
    obs_value_int(found.l_pid);
    obs_evidence_str("reported", text);
    obs_evidence_int("pid", getpid());
    obs_emit();
}

static void ofd_nonzero_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    /* The same request with l_pid 0 first: an EINVAL is about l_pid only if that one is granted. */
    if (record_lock(fd, F_OFD_SETLK, F_WRLCK, 0, 0) != 0 ||
        record_lock(fd, F_OFD_SETLK, F_UNLCK, 0, 0) != 0) {
        char refused[64];
        snprintf(refused, sizeof refused, "refused with l_pid 0 too (%s)", errno_name(errno));
        obs_value_str(refused);
        report_refused("F_OFD_SETLK with l_pid 0", errno);
    }
    struct flock lock = {
        .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0, .l_pid = getpid()};
    int result = fcntl(fd, F_OFD_SETLK, &lock);
    int err = errno;
    obs_value_str(lock_outcome(result, err));
    obs_errno(result == 0 ? 0 : err);
    obs_evidence_int("l_pid", lock.l_pid);
    obs_emit();
}

static void flock_second_open_conflicts(int argc, char **argv) {
    (void)argc, (void)argv;
    if (flock(lock_file_open(), LOCK_EX) != 0) probe_fail("flock(LOCK_EX): %s", strerror(errno));
    guard_arm();
    int result = flock(lock_file_open(), LOCK_EX | LOCK_NB);
    int err = errno;
    guard_disarm();
    obs_value_str(lock_outcome(result, err));
    obs_errno(result == 0 ? 0 : err);
    obs_emit();
}

static void flock_shared_through_dup(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    if (flock(fd, LOCK_EX) != 0) probe_fail("flock(LOCK_EX): %s", strerror(errno));
    int copy = dup(fd);
    if (copy < 0) probe_fail("dup: %s", strerror(errno));
    int result = flock(copy, LOCK_EX | LOCK_NB);
    obs_value_str(lock_outcome(result, errno));
    close(fd);
    int other = flock(lock_file_open(), LOCK_EX | LOCK_NB);
    obs_evidence_str("other_open_after_closing_the_original", lock_outcome(other, errno));
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("setlk-against-holder", setlk_against_holder,
               "a helper holds a record lock over bytes 0+100; F_SETLK for bytes 50+100; value = \"granted\" "
               "or the errno name, errno; evidence.holder_pid",
               PARAM("held", "the helper's lock: read or write"),
               PARAM("wanted", "the lock asked: read or write")),
    PROBE_CASE(
        "setlkw-waits-for-holder", setlkw_waits_for_holder,
        "a helper holds a write lock over the file and unlocks it after delay_ms; F_SETLKW for a write "
        "lock; value = its result, errno, elapsed_ns, delay_ns",
        DELAY_PARAM),
    PROBE_CASE(
        "getlk-reports-holder-pid", getlk_reports_holder_pid,
        "a helper holds a write lock over 100+50; F_GETLK over the whole file; value = l_pid reported; "
        "evidence.holder_pid, reported"),
    PROBE_CASE("getlk-reports-holder-lock", getlk_reports_holder_lock,
               "a helper holds a write lock over 100+50; F_GETLK over the whole file; value = the lock "
               "reported (\"F_WRLCK start=100 len=50\", or \"F_UNLCK\"); evidence.holder_pid, reported_pid"),
    PROBE_CASE("getlk-free-range", getlk_free_range,
               "F_GETLK for a write lock over a file nobody locks; value = the lock reported (\"F_UNLCK\")"),
    PROBE_CASE("close-releases-record-locks", close_releases_record_locks,
               "a write lock over 0+100, then another descriptor of the file closed (the locking one stays "
               "open); value = whether another process still finds the range locked; evidence.locked_before",
               PARAM("how", "the descriptor closed: dup (of the locking one) or open (a second open())")),
    PROBE_CASE("fork-child-sees-parent-lock", fork_child_sees_parent_lock,
               "a write lock over 0+100, then fork; the child's F_GETLK through the inherited descriptor; "
               "value = l_pid it reports; evidence.parent_pid, child_getlk, child_setlk"),
    PROBE_CASE("exit-releases-record-locks", exit_releases_record_locks,
               "a helper holds a write lock over the file and exits; value = what F_GETLK reports afterwards "
               "(\"F_UNLCK\" expected); evidence.while_holder_ran, holder_status"),
    PROBE_CASE(
        "unlock-middle-splits", unlock_middle_splits,
        "a write lock over 0+100, then F_UNLCK over 40+20; value = the locks another process finds, in "
        "order, as \"start+len\" separated by spaces"),
    PROBE_CASE("adjacent-locks-merge", adjacent_locks_merge,
               "write locks over 0+50 and 50+50; value = the locks another process finds, as "
               "\"start+len\" separated by spaces"),
    PROBE_CASE("zero-length-reaches-past-eof", zero_length_reaches_past_eof,
               "a write lock from byte 100 with l_len 0 on an empty file; value = what another process's "
               "F_GETLK at byte 2^40 reports; evidence.asked_at, file_size"),
    PROBE_CASE("setlkw-deadlock", setlkw_deadlock,
               "this process holds 0+10, a helper holds 10+10 and waits (F_SETLKW) for 0+10; F_SETLKW for "
               "10+10; value = result, errno (EDEADLK expected; EINTR after 1 s if it waits); "
               "evidence.helper_was_waiting, helper_status"),
    PROBE_CASE("ofd-survives-closing-other-open", ofd_survives_closing_other_open,
               "an OFD write lock over the file, then another open() of the file closed; value = whether a "
               "third open() finds the file locked (F_OFD_GETLK)"),
    PROBE_CASE(
        "ofd-shared-through-dup", ofd_shared_through_dup,
        "an OFD write lock, the descriptor dup'd and the original closed; value = F_OFD_SETLK of a write "
        "lock through the copy (\"granted\" or errno); evidence.locked_after_closing_the_original, "
        "locked_after_closing_the_last_copy"),
    PROBE_CASE("ofd-shared-with-fork-child", ofd_shared_with_fork_child,
               "an OFD write lock, then fork; value = the child's F_OFD_SETLK of a write lock through the "
               "inherited descriptor (\"granted\" or errno); evidence.child_own_open"),
    PROBE_CASE("ofd-second-open-conflicts", ofd_second_open_conflicts,
               "an OFD write lock, then F_OFD_SETLK of a write lock through a second open() in the same "
               "process; value = \"granted\" or the errno name, errno"),
    PROBE_CASE("ofd-getlk-pid", ofd_getlk_pid,
               "an OFD write lock, then F_OFD_GETLK through a second open(); value = l_pid reported; "
               "evidence.reported, pid"),
    PROBE_CASE(
        "ofd-nonzero-pid", ofd_nonzero_pid,
        "F_OFD_SETLK with l_pid 0 (granted, then unlocked), then with l_pid set to the caller's pid; "
        "value = \"granted\" or the errno name of the second (EINVAL expected), errno; when the first is "
        "refused too, value says so and evidence.refused names it"),
    PROBE_CASE("flock-second-open-conflicts", flock_second_open_conflicts,
               "flock(LOCK_EX) through one open(), then LOCK_EX|LOCK_NB through a second open() in the same "
               "process; value = \"granted\" or the errno name, errno"),
    PROBE_CASE("flock-shared-through-dup", flock_shared_through_dup,
               "flock(LOCK_EX), then LOCK_EX|LOCK_NB through a dup of the descriptor; value = \"granted\" or "
               "the errno name; evidence.other_open_after_closing_the_original"),
    PROBE_CASE("flock-against-holder", flock_against_holder,
               "a helper holds a flock lock through its own open(); flock(wanted | LOCK_NB); value = "
               "\"granted\" or the errno name, errno",
               PARAM("held", "the helper's lock: shared or exclusive"),
               PARAM("wanted", "the lock asked: shared or exclusive")),
    PROBE_CASE("flock-convert", flock_convert,
               "LOCK_SH converted to LOCK_EX and back; value = what another process's LOCK_SH|LOCK_NB got "
               "each time, \"<while exclusive> then <while shared>\"; evidence.shared_to_exclusive, "
               "exclusive_to_shared"),
    PROBE_CASE("flock-independent-of-record-locks", flock_independent_of_record_locks,
               "a helper holds flock(LOCK_EX); F_SETLK of a write lock over the whole file; value = "
               "\"granted\" or the errno name, errno; evidence.flock_beside_helper"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
