/* eventfd-probe: observes the eventfd counter (eventfd(2)). One case per run; the case table below
 * says what each case observes. The cases here need one process; those that need two live in
 * sharing.c. Every read and write is the plain read(2)/write(2) of 8 bytes the man page describes
 * (glibc's eventfd_read/eventfd_write are not used, so a preloaded shim sees the same calls). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

int counter_create(unsigned int initval, int flags) {
    int fd = eventfd(initval, flags);
    if (fd < 0) probe_fail("eventfd(%u, %#x): %s", initval, (unsigned)flags, strerror(errno));
    return fd;
}

ssize_t counter_read(int fd, uint64_t *value) { return read(fd, value, sizeof *value); }

ssize_t counter_write(int fd, uint64_t value) { return write(fd, &value, sizeof value); }

void counter_add(int fd, uint64_t value) {
    if (counter_write(fd, value) != (ssize_t)sizeof value)
        probe_fail("write(%" PRIu64 ") to the counter: %s", value, strerror(errno));
}

/* Reports one read of a non-blocking counter: the value read (or -1) and its errno. */
static void report_read(int fd) {
    uint64_t value = 0;
    ssize_t n = counter_read(fd, &value);
    obs_value_int(n == (ssize_t)sizeof value ? (int64_t)value : -1);
    obs_errno(n < 0 ? errno : 0);
    obs_evidence_int("returned", n);
}

static void sum_of_writes(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = counter_create(0, EFD_NONBLOCK | EFD_CLOEXEC);
    counter_add(fd, 3);
    counter_add(fd, 4);
    report_read(fd);
    obs_evidence_int("written_sum", 3 + 4);
    obs_emit();
}

static void read_resets(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = counter_create(0, EFD_NONBLOCK | EFD_CLOEXEC);
    counter_add(fd, 5);
    uint64_t first = 0;
    if (counter_read(fd, &first) != (ssize_t)sizeof first) probe_fail("first read: %s", strerror(errno));
    obs_evidence_int("first_read", (int64_t)first);
    report_read(fd); /* the counter is 0 now, or this read takes what is left */
    obs_emit();
}

static void initval_first_read(int argc, char **argv) {
    long initval = arg_long(argc, argv, 0, 5);
    int fd = counter_create((unsigned)initval, EFD_NONBLOCK | EFD_CLOEXEC);
    report_read(fd);
    obs_evidence_int("initval", initval);
    obs_emit();
}

static void semaphore(int argc, char **argv) {
    const char *report = argv[0];
    long initval = arg_long(argc, argv, 1, 3);
    int fd = counter_create((unsigned)initval, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
    obs_evidence_int("initval", initval);
    if (strcmp(report, "first") == 0) {
        report_read(fd);
    } else if (strcmp(report, "reads") == 0) {
        /* Each read takes 1: initval reads succeed, then the counter is 0 (bounded, should it not be). */
        int64_t reads = 0;
        uint64_t value;
        int refused = 0;
        while (reads <= initval) {
            if (counter_read(fd, &value) != (ssize_t)sizeof value) {
                refused = errno;
                break;
            }
            reads++;
        }
        obs_value_int(reads);
        obs_errno(refused);
    } else {
        probe_usage("'%s' is not first or reads", report);
    }
    obs_emit();
}

static void nonblocking_read_at_zero(int argc, char **argv) {
    (void)argc, (void)argv;
    report_read(counter_create(0, EFD_NONBLOCK | EFD_CLOEXEC));
    obs_emit();
}

static void nonblocking_write_past_maximum(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = counter_create(0, EFD_NONBLOCK | EFD_CLOEXEC);
    counter_add(fd, COUNTER_MAX);
    ssize_t n = counter_write(fd, 1);
    obs_value_int(n);
    obs_errno(n < 0 ? errno : 0);
    obs_emit();
}

static void short_buffer(int argc, char **argv) {
    (void)argc;
    const char *call = argv[0];
    /* The counter holds 1, so neither call has a reason to refuse but the buffer's size. */
    int fd = counter_create(1, EFD_NONBLOCK | EFD_CLOEXEC);
    uint32_t small = 1;
    ssize_t n;
    if (strcmp(call, "read") == 0)
        n = read(fd, &small, sizeof small);
    else if (strcmp(call, "write") == 0)
        n = write(fd, &small, sizeof small);
    else
        probe_usage("'%s' is not read or write", call);
    obs_value_int(n);
    obs_errno(n < 0 ? errno : 0);
    obs_evidence_int("buffer_bytes", sizeof small);
    obs_emit();
}

static void write_all_ones(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = counter_create(0, EFD_NONBLOCK | EFD_CLOEXEC);
    ssize_t n = counter_write(fd, UINT64_MAX);
    obs_value_int(n);
    obs_errno(n < 0 ? errno : 0);
    obs_emit();
}

/* "in,out", "in", "out" or "none": what poll or select says of fd, without waiting. */
static const char *readiness(int fd, const char *function) {
    bool readable, writable;
    if (strcmp(function, "poll") == 0) {
        struct pollfd entry = {.fd = fd, .events = POLLIN | POLLOUT};
        if (poll(&entry, 1, 0) < 0) probe_fail("poll: %s", strerror(errno));
        readable = entry.revents & POLLIN, writable = entry.revents & POLLOUT;
    } else if (strcmp(function, "select") == 0) {
        fd_set reads, writes;
        FD_ZERO(&reads);
        FD_ZERO(&writes);
        FD_SET(fd, &reads);
        FD_SET(fd, &writes);
        struct timeval zero = {0, 0};
        if (select(fd + 1, &reads, &writes, NULL, &zero) < 0) probe_fail("select: %s", strerror(errno));
        readable = FD_ISSET(fd, &reads), writable = FD_ISSET(fd, &writes);
    } else {
        probe_usage("'%s' is not poll or select", function);
    }
    return readable && writable ? "in,out" : readable ? "in" : writable ? "out" : "none";
}

static void poll_readiness(int argc, char **argv) {
    (void)argc;
    const char *state = argv[0];
    int fd = counter_create(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (strcmp(state, "nonzero") == 0)
        counter_add(fd, 1);
    else if (strcmp(state, "maximum") == 0)
        counter_add(fd, COUNTER_MAX);
    else if (strcmp(state, "zero") != 0)
        probe_usage("'%s' is not zero, nonzero or maximum", state);
    obs_value_str(readiness(fd, argv[1]));
    obs_emit();
}

static void cloexec(int argc, char **argv) {
    (void)argc, (void)argv;
    int with = counter_create(0, EFD_CLOEXEC), without = counter_create(0, 0);
    obs_value_bool(fcntl(with, F_GETFD) & FD_CLOEXEC);
    obs_evidence_bool("without_flag", fcntl(without, F_GETFD) & FD_CLOEXEC);
    close(without);
    obs_emit();
}

/* The eventfd-count line of /proc/self/fdinfo/FD (hexadecimal, proc(5)), or -1 when it has none;
 * evidence.fdinfo_readable says whether the file itself could be read. */
static int64_t fdinfo_count(int fd) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    FILE *file = fopen(path, "re");
    obs_evidence_bool("fdinfo_readable", file != NULL);
    if (!file) return -1;
    int64_t count = -1;
    while (fgets(line, sizeof line, file))
        if (strncmp(line, "eventfd-count:", 14) == 0) count = (int64_t)strtoull(line + 14, NULL, 16);
    fclose(file);
    return count;
}

static void fdinfo(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = counter_create(5, EFD_CLOEXEC);
    counter_add(fd, 7);
    obs_value_int(fdinfo_count(fd));
    obs_evidence_int("counter", 5 + 7);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("sum-of-writes", sum_of_writes,
               "writes 3 then 4 to a counter made with 0; value = what one read returns (-1 on failure), "
               "errno; evidence.written_sum, returned"),
    PROBE_CASE("read-resets", read_resets,
               "writes 5, reads it, then reads again without blocking; value = the second read (-1), "
               "errno (EAGAIN when the first read reset the counter); evidence.first_read"),
    PROBE_CASE("initval", initval_first_read,
               "eventfd(initval), then one read; value = what it returns, errno; evidence.initval",
               OPTIONAL_PARAM("initval", "the initial counter value (default 5)")),
    PROBE_CASE("semaphore", semaphore,
               "EFD_SEMAPHORE counter made with initval; report first: value = what one read returns; "
               "reads: value = how many reads succeed before one fails, errno of that one; "
               "evidence.initval",
               PARAM("report", "first or reads"),
               OPTIONAL_PARAM("initval", "the initial counter value (default 3)")),
    PROBE_CASE("nonblocking-read-at-zero", nonblocking_read_at_zero,
               "EFD_NONBLOCK counter at 0, one read; value = -1 or what it read, errno"),
    PROBE_CASE("nonblocking-write-past-maximum", nonblocking_write_past_maximum,
               "EFD_NONBLOCK counter filled to 0xfffffffffffffffe, then write(1); value = its return, errno"),
    PROBE_CASE("short-buffer", short_buffer,
               "counter holding 1; read or write with a 4-byte buffer; value = the return, errno; "
               "evidence.buffer_bytes",
               PARAM("call", "read or write")),
    PROBE_CASE("write-all-ones", write_all_ones,
               "write of 0xffffffffffffffff to a counter at 0; value = the return, errno"),
    PROBE_CASE("readiness", poll_readiness,
               "counter at zero, nonzero (1) or maximum (0xfffffffffffffffe); value = what poll or "
               "select (no wait) reports: \"in,out\", \"in\", \"out\" or \"none\"",
               PARAM("state", "zero, nonzero or maximum"), PARAM("function", "poll or select")),
    PROBE_CASE("cloexec", cloexec,
               "value = whether a counter made with EFD_CLOEXEC has FD_CLOEXEC; evidence.without_flag "
               "(the same for one made without it)"),
    PROBE_CASE("fdinfo-count", fdinfo,
               "eventfd(5), write 7; value = the eventfd-count of /proc/self/fdinfo (-1 if absent); "
               "evidence.counter"),
    PROBE_CASE("read-blocks", read_blocks,
               "counter at 0; a forked child writes `add` after delay_ms while the probe reads; value = "
               "what the read returned (-1 on failure), errno; elapsed_ns, delay_ns; evidence.added",
               OPTIONAL_PARAM("add", "what the child writes (default 1)"), DELAY_PARAM),
    PROBE_CASE("write-blocks", write_blocks,
               "counter at 0xfffffffffffffffe; write(1) while a forked child reads after delay_ms; value "
               "= the write's return, errno; elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("scm-rights-to-unrelated", scm_rights_to_unrelated,
               "sends a close-on-exec counter over a UNIX socket (SCM_RIGHTS) to a re-executed helper "
               "that did not inherit it; it writes 9; value = what the probe then reads (-1 on "
               "failure); evidence.helper_inherited, helper_status, helper_wrote"),
    HELPER_CASE("helper-scm", helper_scm, PARAM("socket", "the socket node to connect to")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
