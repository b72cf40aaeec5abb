/* The machinery the file-locks cases share: the one file they lock, the calls with errno kept,
 * lock descriptions in the form the specs compare, and a helper process that holds a lock. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "cases.h"

const char *lock_file_path(void) {
    static char path[4096];
    if (!path[0]) {
        snprintf(path, sizeof path, "%s", probe_path("locked"));
        cleanup_unlink_later(path); /* before it exists: no window in which it could leak */
        int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) probe_fail("open(%s, O_CREAT|O_EXCL): %s", path, strerror(errno));
        close(fd); /* no lock exists yet: nothing is released by this close */
    }
    return path;
}

int lock_file_open(void) {
    int fd = open(lock_file_path(), O_RDWR | O_CLOEXEC);
    if (fd < 0) probe_fail("open(%s): %s", lock_file_path(), strerror(errno));
    return fd;
}

int record_lock(int fd, int cmd, short type, off_t start, off_t len) {
    struct flock lock = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len, .l_pid = 0};
    return fcntl(fd, cmd, &lock);
}

struct flock record_query(int fd, int cmd, short type, off_t start, off_t len) {
    struct flock lock = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len, .l_pid = 0};
    if (fcntl(fd, cmd, &lock) != 0) probe_fail("fcntl(GETLK): %s", strerror(errno));
    return lock;
}

void report_refused(const char *call, int err) {
    obs_errno(err);
    obs_evidence_str("refused", call);
    obs_emit();
    exit(0);
}

const char *lock_outcome(int result, int err) { return result == 0 ? "granted" : errno_name(err); }

static const char *type_name(short type) {
    switch (type) {
        case F_RDLCK: return "F_RDLCK";
        case F_WRLCK: return "F_WRLCK";
        case F_UNLCK: return "F_UNLCK";
        default: return "unknown";
    }
}

void describe_lock(const struct flock *lock, char *out, size_t size) {
    if (lock->l_type == F_UNLCK)
        snprintf(out, size, "F_UNLCK");
    else
        snprintf(out, size, "%s start=%lld len=%lld", type_name(lock->l_type), (long long)lock->l_start,
                 (long long)lock->l_len);
}

void describe_locked_ranges(int fd, int getlk_cmd, char *out, size_t size) {
    out[0] = '\0';
    off_t from = 0;
    /* GETLK reports the first conflicting lock from `from` on; the next search starts after it. A
     * bound on the rounds keeps a system that reports the same lock again from looping. */
    for (int round = 0; round < 16; round++) {
        struct flock found = record_query(fd, getlk_cmd, F_WRLCK, from, 0);
        if (found.l_type == F_UNLCK) break;
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%lld+%lld", used ? " " : "", (long long)found.l_start,
                 (long long)found.l_len);
        if (found.l_len == 0) break; /* reaches to the end of the file and beyond */
        from = found.l_start + found.l_len;
    }
}

bool range_is_locked(int fd, off_t start, off_t len) {
    return record_query(fd, F_GETLK, F_WRLCK, start, len).l_type != F_UNLCK;
}

/* ---- the holder ------------------------------------------------------------------------------ */

/* One request from the probe, written whole (far below PIPE_BUF, so never split). */
struct request {
    char op; /* 'u' unlock after `a` ns, 'w' wait for a write lock over a/b */
    int64_t a, b;
};

struct holder_plan {
    hold_kind kind;
    int type;
    off_t start, len;
    int requests;       /* read end of the command pipe */
    int probe_requests; /* its write end, which the holder must not keep open (EOF would never come) */
    int answers;        /* write end of the answer pipe */
};

/* Takes the plan's lock, or lets go of it (flock's LOCK_EX and fcntl's F_UNLCK are both 2). */
static int take(int fd, const struct holder_plan *plan, bool unlock) {
    if (plan->kind == HOLD_FLOCK) return flock(fd, unlock ? LOCK_UN : plan->type);
    return record_lock(fd, plan->kind == HOLD_OFD ? F_OFD_SETLK : F_SETLK,
                       unlock ? F_UNLCK : (short)plan->type, plan->start, plan->len);
}

static void hold(void *arg) {
    const struct holder_plan *plan = arg;
    close(plan->probe_requests);
    int fd = lock_file_open();
    char held = take(fd, plan, false) == 0 ? 'y' : 'n';
    if (write(plan->answers, &held, 1) != 1 || held != 'y') _exit(1);
    struct request request;
    while (read_full(plan->requests, &request, sizeof request) == (ssize_t)sizeof request) {
        if (request.op == 'u') {
            sleep_ns(request.a);
            if (take(fd, plan, true) != 0) _exit(1);
        } else if (request.op == 'w') {
            char waiting = 'w';
            if (write(plan->answers, &waiting, 1) != 1) _exit(1);
            if (record_lock(fd, F_SETLKW, F_WRLCK, request.a, request.b) != 0) _exit(1);
        }
    }
    _exit(0); /* EOF: the probe is done with it */
}

void holder_start(struct holder *holder, hold_kind kind, int type, off_t start, off_t len) {
    int requests[2], answers[2];
    channel_create(requests);
    channel_create(answers);
    struct holder_plan plan = {.kind = kind,
                               .type = type,
                               .start = start,
                               .len = len,
                               .requests = requests[0],
                               .probe_requests = requests[1],
                               .answers = answers[1]};
    lock_file_path(); /* made by the probe, so that its cleanup removes it */
    holder->pid = spawn_helper(hold, &plan);
    close(requests[0]);
    close(answers[1]);
    holder->command = requests[1];
    holder->answer = answers[0];
    char held = 0;
    if (read_full(holder->answer, &held, 1) != 1 || held != 'y')
        probe_fail("the helper could not take its lock to begin with");
}

static void send_request(struct holder *holder, char op, int64_t a, int64_t b) {
    struct request request = {.op = op, .a = a, .b = b};
    if (write_full(holder->command, &request, sizeof request) != (ssize_t)sizeof request)
        probe_fail("the helper holding the lock is gone");
}

void holder_unlock_after(struct holder *holder, int64_t delay_ns) { send_request(holder, 'u', delay_ns, 0); }

void holder_wait_for(struct holder *holder, off_t start, off_t len) {
    send_request(holder, 'w', start, len);
    char waiting = 0;
    if (read_full(holder->answer, &waiting, 1) != 1 || waiting != 'w')
        probe_fail("the helper holding the lock did not start to wait");
}

int holder_stop(struct holder *holder) {
    close(holder->command);
    int status = reap(holder->pid, NULL);
    close(holder->answer);
    return status;
}
