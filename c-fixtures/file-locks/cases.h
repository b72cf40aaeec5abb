/* What the files of file-locks-probe share: the locked file, fcntl/flock wrappers that keep errno,
 * lock descriptions in the form the specs compare, and a helper process that holds a lock until it
 * is told to let go (locking.c); then the cases of each file. */
#ifndef IPC_CONFORMANCE_FILE_LOCKS_CASES_H
#define IPC_CONFORMANCE_FILE_LOCKS_CASES_H

#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- the file and the calls (locking.c) ------------------------------------------------------ */
/* The probe's file: created empty on first use (mode 0600, in probe_tmpdir(), registered for
 * unlink), before any lock exists, so that creating it never closes a descriptor a lock hangs on. */
const char *lock_file_path(void);
/* A new O_RDWR descriptor of the file: each call is another open(), another open file description. */
int lock_file_open(void);

/* fcntl(fd, cmd, {type, SEEK_SET, start, len, pid 0}); returns fcntl's result with errno kept. */
int record_lock(int fd, int cmd, short type, off_t start, off_t len);
/* F_GETLK or F_OFD_GETLK for a lock of `type` over start/len; the answer, or the probe fails. */
struct flock record_query(int fd, int cmd, short type, off_t start, off_t len);

/* The system refused a call the case needs to set up its observation (a runtime without open file
 * description locks answers F_OFD_SETLK with EINVAL): that is the observation, errno and
 * evidence.refused naming the call; the case ends here (exit 0, cleanup runs). */
_Noreturn void report_refused(const char *call, int err);

/* "granted" when result is 0, else the errno name (the value of the "may I lock?" cases). */
const char *lock_outcome(int result, int err);
/* "F_UNLCK", or "F_WRLCK start=100 len=50" for a lock F_GETLK reported. */
void describe_lock(const struct flock *lock, char *out, size_t size);
/* The conflicting locks GETLK (cmd) finds over the whole file, in order: "0+40 60+40", "" for none. */
void describe_locked_ranges(int fd, int getlk_cmd, char *out, size_t size);
/* Whether a write lock over start/len would be refused: true when F_GETLK through fd reports a
 * conflicting lock (asked by a process that holds none of its own, so every lock counts). */
bool range_is_locked(int fd, off_t start, off_t len);

/* ---- a process that holds a lock (locking.c) ------------------------------------------------- */
typedef enum { HOLD_RECORD, HOLD_OFD, HOLD_FLOCK } hold_kind;

struct holder {
    pid_t pid;
    int command; /* the probe's end: one byte per request, EOF means exit */
    int answer;  /* the holder's end: one byte per request it has carried out */
};

/* Forks a helper that opens the file itself and takes one lock: record or OFD lock of `type`
 * over start/len, or flock(`type` = LOCK_SH/LOCK_EX). Returns once it holds it (or fails the probe). */
void holder_start(struct holder *holder, hold_kind kind, int type, off_t start, off_t len);
/* Tells the holder to sleep delay_ns and then unlock; returns at once. */
void holder_unlock_after(struct holder *holder, int64_t delay_ns);
/* Tells the holder to wait with F_SETLKW for a write lock over start/len (record locks); returns
 * once it is about to make the call. */
void holder_wait_for(struct holder *holder, off_t start, off_t len);
/* Ends the holder (its locks go with it) and reaps it; returns its exit status. */
int holder_stop(struct holder *holder);

/* ---- the cases -------------------------------------------------------------------------------- */
/* records.c: POSIX record locks between processes. */
void setlk_against_holder(int argc, char **argv);
void setlkw_waits_for_holder(int argc, char **argv);
void getlk_reports_holder_pid(int argc, char **argv);
void getlk_reports_holder_lock(int argc, char **argv);
void close_releases_record_locks(int argc, char **argv);
void fork_child_sees_parent_lock(int argc, char **argv);
void exit_releases_record_locks(int argc, char **argv);
void unlock_middle_splits(int argc, char **argv);
void adjacent_locks_merge(int argc, char **argv);
void zero_length_reaches_past_eof(int argc, char **argv);
void setlkw_deadlock(int argc, char **argv);

/* sharing.c: OFD locks and flock locks between processes. */
void ofd_shared_with_fork_child(int argc, char **argv);
void flock_against_holder(int argc, char **argv);
void flock_convert(int argc, char **argv);
void flock_independent_of_record_locks(int argc, char **argv);

#endif
