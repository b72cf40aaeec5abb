/* The file-locks-probe cases about POSIX record locks (fcntl F_SETLK/F_SETLKW/F_GETLK) that need a
 * second process: conflicts, waiting, what F_GETLK reports, which process owns a lock and when it
 * goes, how ranges split and merge, and deadlock detection. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

static short type_argument(const char *word) {
    if (strcmp(word, "read") == 0) return F_RDLCK;
    if (strcmp(word, "write") == 0) return F_WRLCK;
    probe_usage("a lock type is read or write, not '%s'", word);
}

void setlk_against_holder(int argc, char **argv) {
    (void)argc;
    short held = type_argument(argv[0]), wanted = type_argument(argv[1]);
    int fd = lock_file_open();
    struct holder holder;
    holder_start(&holder, HOLD_RECORD, held, 0, 100);
    guard_arm(); /* F_SETLK must not wait: a call that does fails with EINTR */
    int result = record_lock(fd, F_SETLK, wanted, 50, 100);
    int err = errno;
    guard_disarm();
    obs_value_str(lock_outcome(result, err));
    obs_errno(result == 0 ? 0 : err);
    obs_evidence_str("held_by_helper", argv[0]);
    obs_evidence_str("asked", argv[1]);
    obs_evidence_int("holder_pid", holder.pid);
    holder_stop(&holder);
    obs_emit();
}

void setlkw_waits_for_holder(int argc, char **argv) {
    int64_t delay_ns = arg_delay_ns(argc, argv, 0);
    int fd = lock_file_open();
    struct holder holder;
    holder_start(&holder, HOLD_RECORD, F_WRLCK, 0, 0);
    int64_t started = monotonic_ns();
    holder_unlock_after(&holder, delay_ns);
    int result = record_lock(fd, F_SETLKW, F_WRLCK, 0, 0);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    obs_value_int(result);
    obs_errno(result == 0 ? 0 : err);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(delay_ns);
    holder_stop(&holder);
    obs_emit();
}

/* F_GETLK for a write lock over the whole file while a helper holds a write lock over 100+50. */
static struct flock query_helper_lock(pid_t *holder_pid) {
    int fd = lock_file_open();
    struct holder holder;
    holder_start(&holder, HOLD_RECORD, F_WRLCK, 100, 50);
    struct flock reported = record_query(fd, F_GETLK, F_WRLCK, 0, 0);
    *holder_pid = holder.pid;
    holder_stop(&holder);
    return reported;
}

void getlk_reports_holder_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    pid_t holder_pid;
    struct flock reported = query_helper_lock(&holder_pid);
    char text[96];
    describe_lock(&reported, text, sizeof text);
    obs_value_int(reported.l_pid);
    obs_evidence_int("holder_pid", holder_pid);
    obs_evidence_str("reported", text);
    obs_emit();
}

void getlk_reports_holder_lock(int argc, char **argv) {
    (void)argc, (void)argv;
    pid_t holder_pid;
    struct flock reported = query_helper_lock(&holder_pid);
    char text[96];
    describe_lock(&reported, text, sizeof text);
    obs_value_str(text);
    obs_evidence_int("holder_pid", holder_pid);
    obs_evidence_int("reported_pid", reported.l_pid);
    obs_emit();
}

/* In a child (which holds no lock of its own): is a write lock over 0+100 refused? */
static void observe_range_locked(void *arg, void *result) {
    (void)arg;
    *(bool *)result = range_is_locked(lock_file_open(), 0, 100);
}

static bool another_process_sees_a_lock(void) {
    bool locked = false;
    run_reporting_helper(observe_range_locked, NULL, &locked, sizeof locked, "observer");
    return locked;
}

void close_releases_record_locks(int argc, char **argv) {
    (void)argc;
    bool through_dup = strcmp(argv[0], "dup") == 0;
    if (!through_dup && strcmp(argv[0], "open") != 0) probe_usage("how is dup or open, not '%s'", argv[0]);
    int fd = lock_file_open();
    if (record_lock(fd, F_SETLK, F_WRLCK, 0, 100) != 0) probe_fail("F_SETLK: %s", strerror(errno));
    bool locked_before = another_process_sees_a_lock();
    int other = through_dup ? dup(fd) : lock_file_open();
    if (other < 0) probe_fail("dup: %s", strerror(errno));
    close(other); /* fd, the descriptor the lock was taken through, stays open */
    obs_value_bool(another_process_sees_a_lock());
    obs_evidence_bool("locked_before", locked_before);
    obs_evidence_str("closed",
                     through_dup ? "a dup of the locking descriptor" : "a second open() of the file");
    obs_emit();
}

struct child_view {
    pid_t reported_pid;
    char reported[96];
    char own_setlk[24];
};

static void look_from_child(void *arg, void *result) {
    int fd = *(int *)arg; /* inherited from the parent that locked through it */
    struct child_view *view = result;
    struct flock found = record_query(fd, F_GETLK, F_WRLCK, 0, 100);
    view->reported_pid = found.l_pid;
    describe_lock(&found, view->reported, sizeof view->reported);
    int setlk = record_lock(fd, F_SETLK, F_WRLCK, 0, 100);
    snprintf(view->own_setlk, sizeof view->own_setlk, "%s", lock_outcome(setlk, errno));
}

void fork_child_sees_parent_lock(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    if (record_lock(fd, F_SETLK, F_WRLCK, 0, 100) != 0) probe_fail("F_SETLK: %s", strerror(errno));
    struct child_view view;
    run_reporting_helper(look_from_child, &fd, &view, sizeof view, "forked child");
    obs_value_int(view.reported_pid);
    obs_evidence_int("parent_pid", getpid());
    obs_evidence_str("child_getlk", view.reported);
    obs_evidence_str("child_setlk", view.own_setlk);
    obs_emit();
}

void exit_releases_record_locks(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    struct holder holder;
    holder_start(&holder, HOLD_RECORD, F_WRLCK, 0, 0);
    char before[96], after[96];
    struct flock found = record_query(fd, F_GETLK, F_WRLCK, 0, 0);
    describe_lock(&found, before, sizeof before);
    int status = holder_stop(&holder);
    found = record_query(fd, F_GETLK, F_WRLCK, 0, 0);
    describe_lock(&found, after, sizeof after);
    obs_value_str(after);
    obs_evidence_str("while_holder_ran", before);
    obs_evidence_int("holder_status", status);
    obs_emit();
}

/* In a child: the locks another process finds over the whole file, "start+len ...". */
static void list_locked_ranges(void *arg, void *result) {
    (void)arg;
    describe_locked_ranges(lock_file_open(), F_GETLK, result, 128);
}

static void report_ranges_seen_by_another_process(void) {
    char ranges[128];
    run_reporting_helper(list_locked_ranges, NULL, ranges, sizeof ranges, "observer");
    obs_value_str(ranges);
}

void unlock_middle_splits(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    if (record_lock(fd, F_SETLK, F_WRLCK, 0, 100) != 0 || record_lock(fd, F_SETLK, F_UNLCK, 40, 20) != 0)
        probe_fail("F_SETLK: %s", strerror(errno));
    report_ranges_seen_by_another_process();
    obs_evidence_str("locked", "0+100");
    obs_evidence_str("unlocked", "40+20");
    obs_emit();
}

void adjacent_locks_merge(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    if (record_lock(fd, F_SETLK, F_WRLCK, 0, 50) != 0 || record_lock(fd, F_SETLK, F_WRLCK, 50, 50) != 0)
        probe_fail("F_SETLK: %s", strerror(errno));
    report_ranges_seen_by_another_process();
    obs_evidence_str("locked", "0+50 50+50");
    obs_emit();
}

/* 2^40: far past the end of the (empty) file. */
#define FAR_PAST_THE_END ((off_t)1 << 40)

static void look_far_past_the_end(void *arg, void *result) {
    (void)arg;
    struct flock found = record_query(lock_file_open(), F_GETLK, F_WRLCK, FAR_PAST_THE_END, 1);
    describe_lock(&found, result, 96);
}

void zero_length_reaches_past_eof(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    if (record_lock(fd, F_SETLK, F_WRLCK, 100, 0) != 0) probe_fail("F_SETLK: %s", strerror(errno));
    char seen[96];
    run_reporting_helper(look_far_past_the_end, NULL, seen, sizeof seen, "observer");
    obs_value_str(seen);
    obs_evidence_int("asked_at", FAR_PAST_THE_END);
    obs_evidence_int("file_size", lseek(fd, 0, SEEK_END));
    obs_emit();
}

/* Whether pid is asleep (state S in /proc/PID/stat): after it said it is about to call F_SETLKW,
 * asleep means it waits in that call. */
static bool asleep(pid_t pid) {
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *stat = fopen(path, "re");
    if (!stat) return false;
    bool found = fgets(line, sizeof line, stat) != NULL;
    fclose(stat);
    const char *end = found ? strrchr(line, ')') : NULL;
    return end && end[1] == ' ' && end[2] == 'S';
}

void setlkw_deadlock(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = lock_file_open();
    if (record_lock(fd, F_SETLK, F_WRLCK, 0, 10) != 0) probe_fail("F_SETLK: %s", strerror(errno));
    struct holder holder;
    holder_start(&holder, HOLD_RECORD, F_WRLCK, 10, 10);
    holder_wait_for(&holder, 0, 10); /* the helper now waits for this process's lock */
    bool helper_waits = false;
    for (int tries = 0; tries < 100 && !helper_waits; tries++) {
        sleep_ns(10 * 1000000);
        helper_waits = asleep(holder.pid);
    }
    guard_arm(); /* a system without deadlock detection would wait for ever: EINTR after 1 s */
    int result = record_lock(fd, F_SETLKW, F_WRLCK, 10, 10);
    int err = errno;
    guard_disarm();
    obs_value_int(result);
    obs_errno(result == 0 ? 0 : err);
    obs_evidence_bool("helper_was_waiting", helper_waits);
    record_lock(fd, F_SETLK, F_UNLCK, 0, 0); /* lets the helper's wait end */
    obs_evidence_int("helper_status", holder_stop(&holder));
    obs_emit();
}
