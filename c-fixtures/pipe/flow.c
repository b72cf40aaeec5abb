/* Flow control and edges of anonymous pipes: O_NONBLOCK writes around PIPE_BUF (pipe(7), POSIX
 * write()), F_SETPIPE_SZ refusals (fcntl(2)), the per-user soft limit (pipe(7) /proc files),
 * O_DIRECT packet mode (pipe(2)), FIONREAD, zero-byte reads, pipe2 flags and lseek. */
#include "flow.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/user_namespace.h"
#include "common/streams.h"
#include "common/sysctl.h"

static void new_pipe(int fds[2], int flags) {
    if (pipe2(fds, flags) != 0) probe_fail("pipe2: %s", strerror(errno));
}

static long pipe_buf_of(int fd) {
    long value = fpathconf(fd, _PC_PIPE_BUF);
    if (value <= 0) probe_fail("fpathconf(_PC_PIPE_BUF): %s", strerror(errno));
    return value;
}

/* A full non-blocking pipe from which `drain` bytes were read again: `drain` bytes of room. */
static void pipe_with_room(int fds[2], long drain) {
    int refused = 0;
    new_pipe(fds, O_NONBLOCK);
    if (fill_nonblocking(fds[1], &refused) <= 0 || refused != EAGAIN) probe_fail("the pipe did not fill up");
    static char sink[1 << 16];
    if (drain > (long)sizeof sink || read_full(fds[0], sink, (size_t)drain) != drain)
        probe_fail("draining %ld bytes failed", drain);
}

void small_write_into_less_room(int argc, char **argv) {
    (void)argc, (void)argv;
    int probe_fds[2];
    new_pipe(probe_fds, 0);
    long pipe_buf = pipe_buf_of(probe_fds[0]);
    long room = pipe_buf / 4;
    int fds[2];
    pipe_with_room(fds, room);
    char *data = calloc(1, (size_t)pipe_buf);
    if (!data) probe_fail("out of memory");
    ssize_t n = write(fds[1], data, (size_t)pipe_buf);
    report_io(n, errno);
    int unread = 0;
    if (ioctl(fds[0], FIONREAD, &unread) == 0) obs_evidence_int("unread_after", unread);
    obs_evidence_int("room", room);
    obs_evidence_int("write_size", pipe_buf);
    obs_evidence_int("pipe_buf", pipe_buf);
    free(data);
    obs_emit();
}

void large_write_into_less_room(int argc, char **argv) {
    (void)argc, (void)argv;
    int probe_fds[2];
    new_pipe(probe_fds, 0);
    long pipe_buf = pipe_buf_of(probe_fds[0]);
    long room = 2 * sysconf(_SC_PAGESIZE); /* whole pages, so the kernel has whole slots to give */
    long size = room + 2 * pipe_buf;
    int fds[2];
    pipe_with_room(fds, room);
    char *data = calloc(1, (size_t)size);
    if (!data) probe_fail("out of memory");
    ssize_t n = write(fds[1], data, (size_t)size);
    report_io(n, errno);
    obs_evidence_int("room", room);
    obs_evidence_int("write_size", size);
    obs_evidence_int("pipe_buf", pipe_buf);
    free(data);
    obs_emit();
}

void shrink_below_content(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    new_pipe(fds, 0);
    long page = sysconf(_SC_PAGESIZE);
    long content = 2 * page;
    char *data = calloc(1, (size_t)content);
    if (!data || write_full(fds[1], data, (size_t)content) != content)
        probe_fail("write: %s", strerror(errno));
    free(data);
    int result = fcntl(fds[1], F_SETPIPE_SZ, (int)page);
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    obs_evidence_int("content", content);
    obs_evidence_int("requested", page);
    obs_evidence_int("capacity_after", fcntl(fds[1], F_GETPIPE_SZ));
    obs_emit();
}

/* Whether the effective capability set holds `cap` (from /proc/self/status CapEff). */
static int has_capability(int cap) {
    FILE *status = fopen("/proc/self/status", "r");
    if (!status) return -1;
    char line[256];
    int found = -1;
    while (fgets(line, sizeof line, status))
        if (strncmp(line, "CapEff:", 7) == 0) {
            unsigned long long mask = strtoull(line + 7, NULL, 16);
            found = (int)((mask >> cap) & 1);
        }
    fclose(status);
    return found;
}

#define CAP_SYS_RESOURCE_BIT 24

void above_max_follows_cap_sys_resource(int argc, char **argv) {
    (void)argc, (void)argv;
    unsigned long long max = 0;
    if (sysctl_numbers_or_report("/proc/sys/fs/pipe-max-size", &max, 1) != 1)
        probe_fail("pipe-max-size holds no number");
    int capable = has_capability(CAP_SYS_RESOURCE_BIT);
    if (capable < 0) probe_fail("no CapEff line in /proc/self/status");
    long requested = (long)max * 2;
    int fds[2];
    new_pipe(fds, 0);
    int result = fcntl(fds[0], F_SETPIPE_SZ, (int)requested);
    int err = result < 0 ? errno : 0;
    /* With CAP_SYS_RESOURCE the request is granted (rounded to pages); without it, EPERM. */
    bool as_documented = capable ? result >= requested : (result < 0 && err == EPERM);
    obs_value_bool(as_documented);
    obs_evidence_bool("cap_sys_resource", capable);
    obs_evidence_int("requested", requested);
    obs_evidence_int("result", result);
    obs_evidence_str("result_errno", err ? errno_name(err) : "none");
    obs_emit();
}

struct soft_limit_result {
    int capacity;   /* F_GETPIPE_SZ of the pipe made over the limit */
    int grow_err;   /* errno of growing it to the default size again */
    int pipes_made; /* pipes held to get over the limit */
    int uid;
};

static long soft_limit_pages;

static void pipes_over_soft_limit(void *arg, void *out) {
    (void)arg;
    struct soft_limit_result *result = out;
    result->uid = (int)geteuid();
    long page = sysconf(_SC_PAGESIZE);
    long needed = soft_limit_pages / 16 + 2; /* each default pipe accounts 16 pages */
    int last[2] = {-1, -1};
    for (long i = 0; i < needed; i++) {
        int fds[2];
        if (pipe(fds) != 0) break;
        result->pipes_made++;
        if (last[0] >= 0) {
            /* keep only the read end of older pipes: the pipe's pages stay accounted */
            close(last[1]);
        }
        last[0] = fds[0], last[1] = fds[1];
    }
    result->capacity = fcntl(last[0], F_GETPIPE_SZ);
    int grown = fcntl(last[0], F_SETPIPE_SZ, (int)(16 * page));
    result->grow_err = grown < 0 ? errno : 0;
}

void over_user_soft_limit(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("over-user-soft-limit acts as another uid and needs root");
    unsigned long long soft = 0;
    if (sysctl_numbers_or_report("/proc/sys/fs/pipe-user-pages-soft", &soft, 1) != 1)
        probe_fail("pipe-user-pages-soft holds no number");
    soft_limit_pages = (long)soft;
    if (soft == 0) {
        obs_evidence_str("limit", "pipe-user-pages-soft is 0: no soft limit");
        obs_emit();
        return;
    }
    /* Room for the read ends the helper holds; raised before the drop, for this probe only. */
    rlim_t wanted = (rlim_t)(soft / 16 + 64);
    struct rlimit files;
    if (getrlimit(RLIMIT_NOFILE, &files) != 0) probe_fail("getrlimit: %s", strerror(errno));
    if (files.rlim_cur < wanted) {
        files.rlim_cur = wanted;
        if (files.rlim_max < wanted) files.rlim_max = wanted;
        if (setrlimit(RLIMIT_NOFILE, &files) != 0)
            probe_fail("setrlimit(RLIMIT_NOFILE, %lu): %s", (unsigned long)wanted, strerror(errno));
    }
    struct soft_limit_result result = {0};
    /* A uid of this probe run's own: pipe pages are counted per user, so another probe acting as
     * the shared other uid at the same time would move the count under this one's feet. */
    run_as_uid(private_uid(1), pipes_over_soft_limit, NULL, &result, sizeof result, "private-uid helper");
    obs_value_int(result.capacity);
    obs_evidence_int("pipes_made", result.pipes_made);
    obs_evidence_int("pipe_user_pages_soft", (int64_t)soft);
    obs_evidence_int("uid", result.uid);
    obs_evidence_str("grow_errno", result.grow_err ? errno_name(result.grow_err) : "none");
    obs_errno(result.grow_err);
    obs_emit();
}

static void write_text(int fd, const char *text) {
    size_t length = strlen(text);
    if (write(fd, text, length) != (ssize_t)length) probe_fail("write: %s", strerror(errno));
}

void direct_two_writes_one_read(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    if (pipe2(fds, O_DIRECT) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    write_text(fds[1], "abc");
    write_text(fds[1], "defg");
    char data[65] = {0};
    guard_arm();
    ssize_t n = read(fds[0], data, 64);
    int err = errno;
    guard_disarm();
    report_io(n, err);
    obs_evidence_str("data", n > 0 ? data : "");
    obs_emit();
}

void direct_short_read_discards_rest(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    if (pipe2(fds, O_DIRECT | O_NONBLOCK) != 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    write_text(fds[1], "0123456789");
    write_text(fds[1], "next");
    char part[4], rest[65] = {0};
    ssize_t first = read(fds[0], part, sizeof part);
    ssize_t second = read(fds[0], rest, 64);
    if (second >= 0) obs_value_str(rest);
    obs_errno(second < 0 ? errno : 0);
    obs_evidence_int("first_read", first);
    obs_emit();
}

void fionread(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    new_pipe(fds, 0);
    static const char data[123];
    if (write(fds[1], data, sizeof data) != sizeof data) probe_fail("write: %s", strerror(errno));
    int unread = -1;
    int result = ioctl(fds[0], FIONREAD, &unread);
    if (result == 0) obs_value_int(unread);
    obs_errno(result < 0 ? errno : 0);
    obs_evidence_int("written", sizeof data);
    obs_emit();
}

void read_zero_bytes(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    new_pipe(fds, 0); /* blocking, empty, write end open: a read of 1 byte would wait */
    char byte;
    guard_arm();
    ssize_t n = read(fds[0], &byte, 0);
    int err = errno;
    guard_disarm();
    report_io(n, err);
    obs_emit();
}

static bool cloexec(int fd) { return (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0; }
static bool nonblocking(int fd) { return (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0; }

void pipe2_flags(int argc, char **argv) {
    if (argc < 1) probe_usage("pipe2-flags needs FLAG");
    const char *flag = argv[0];
    int wanted = strcmp(flag, "O_CLOEXEC") == 0    ? O_CLOEXEC
                 : strcmp(flag, "O_NONBLOCK") == 0 ? O_NONBLOCK
                                                   : -1;
    if (wanted < 0) probe_usage("pipe2-flags: FLAG is O_CLOEXEC or O_NONBLOCK, not %s", flag);
    int with[2], without[2];
    new_pipe(with, wanted);
    new_pipe(without, 0);
    bool (*test)(int) = wanted == O_CLOEXEC ? cloexec : nonblocking;
    obs_value_bool(test(with[0]) && test(with[1]));
    obs_evidence_bool("read_end", test(with[0]));
    obs_evidence_bool("write_end", test(with[1]));
    obs_evidence_bool("without_flag", test(without[0]) || test(without[1]));
    obs_emit();
}

void pipe2_bad_flag(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    int result = pipe2(fds, O_APPEND); /* not one of the flags pipe(2) lists */
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    obs_emit();
}

void lseek_pipe(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    new_pipe(fds, 0);
    off_t result = lseek(fds[0], 0, SEEK_CUR);
    obs_value_int(result);
    obs_errno(result < 0 ? errno : 0);
    obs_emit();
}
