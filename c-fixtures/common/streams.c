/* Shared pipe/FIFO checks; see streams.h. */
#include "streams.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe.h"

static int64_t write_until_refused(int fd, size_t chunk, int *refused_errno) {
    static char block[4096];
    memset(block, 'a', sizeof block);
    int64_t accepted = 0;
    for (;;) {
        ssize_t n = write(fd, block, chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            *refused_errno = errno;
            return accepted;
        }
        accepted += n;
    }
}

int64_t fill_nonblocking(int fd, int *refused_errno) {
    /* A write of at most PIPE_BUF is all-or-nothing, so whole pages fill every slot exactly and
     * single bytes then top up whatever room remains. */
    guard_arm();
    int64_t total = write_until_refused(fd, 4096, refused_errno);
    total += write_until_refused(fd, 1, refused_errno);
    guard_disarm();
    return total;
}

void write_tagged_records(int fd, unsigned char tag, size_t size, long records) {
    char *record = malloc(size);
    if (!record) _exit(1);
    memset(record, tag, size);
    for (long i = 0; i < records; i++) {
        /* One write() per record: its atomicity is the property under test, so never loop here. */
        if (write(fd, record, size) < 0 && errno != EINTR) _exit(1);
    }
    free(record);
}

int64_t count_torn_records(int fd, size_t size, int64_t *records_read) {
    unsigned char *record = malloc(size);
    if (!record) probe_fail("out of memory");
    int64_t torn = 0, count = 0;
    for (;;) {
        ssize_t n = read_full(fd, record, size);
        if (n <= 0) break;
        count++;
        bool uniform = (size_t)n == size;
        for (ssize_t i = 1; uniform && i < n; i++) uniform = record[i] == record[0];
        if (!uniform) torn++;
    }
    free(record);
    *records_read = count;
    return torn;
}

void report_io(ssize_t result, int err) {
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
}

void write_byte_after_delay(void *arg) {
    struct delayed_io *io = arg;
    sleep_ns(io->delay_ns);
    if (write(io->fd, "x", 1) != 1) _exit(1);
}

void read_page_after_delay(void *arg) {
    struct delayed_io *io = arg;
    static char page[4096];
    sleep_ns(io->delay_ns);
    if (read_full(io->fd, page, sizeof page) != sizeof page) _exit(1);
}

ssize_t read_one_byte(int fd) {
    char byte;
    return read(fd, &byte, 1);
}

ssize_t write_one_byte(int fd) { return write(fd, "x", 1); }

void observe_blocking(void (*relieve)(void *io), struct delayed_io *io, ssize_t (*call)(int fd), int fd) {
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(relieve, io);
    ssize_t n = call(fd);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    reap(helper, NULL);
    report_io(n, err);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(io->delay_ns);
}

record_plan record_plan_from_args(int argc, char **argv) {
    record_plan plan = {
        .writers = arg_long(argc, argv, 0, 4),
        .records = arg_long(argc, argv, 1, 256),
        .size = arg_long(argc, argv, 2, PIPE_BUF),
    };
    if (plan.writers < 1 || plan.writers > 16 || plan.records < 1 || plan.size < 1 || plan.size > 1 << 20)
        probe_usage("WRITERS must be 1..16, RECORDS ≥ 1, SIZE 1..1048576");
    return plan;
}

void record_plan_evidence(const record_plan *plan, int64_t records_read) {
    obs_evidence_int("writers", plan->writers);
    obs_evidence_int("records", plan->records);
    obs_evidence_int("record_size", plan->size);
    obs_evidence_int("total_records", records_read);
}
