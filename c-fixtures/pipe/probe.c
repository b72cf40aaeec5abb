/* pipe-probe: observes anonymous pipes (pipe(2), pipe(7), fcntl(2)). One case per run; the case table
 * below says what each case observes. Kinship cases live in kin.c. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/sysctl.h"
#include "common/streams.h"
#include "cases.h"
#include "flow.h"

static void make_pipe(int fds[2], int flags) {
    if (pipe2(fds, flags) != 0) probe_fail("pipe2: %s", strerror(errno));
}

static void default_capacity(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    make_pipe(fds, 0);
    int size = fcntl(fds[0], F_GETPIPE_SZ);
    obs_value_int(size);
    obs_errno(size < 0 ? errno : 0);
    obs_emit();
}

static void fill_nonblocking_case(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2], refused = 0;
    make_pipe(fds, O_NONBLOCK);
    obs_value_int(fill_nonblocking(fds[1], &refused));
    obs_errno(refused);
    obs_evidence_int("getpipe_sz", fcntl(fds[0], F_GETPIPE_SZ));
    obs_emit();
}

/* Asks for `requested` bytes and reports the capacity that resulted (or the errno). */
static void observe_set_size(int fd, long requested) {
    int result = fcntl(fd, F_SETPIPE_SZ, (int)requested);
    int err = result < 0 ? errno : 0;
    if (result >= 0) obs_value_int(fcntl(fd, F_GETPIPE_SZ)); /* on failure the value stays null */
    obs_errno(err);
    obs_evidence_int("requested", requested);
    obs_evidence_int("page_size", sysconf(_SC_PAGESIZE));
}

static void set_size(int argc, char **argv) {
    if (argc < 1) probe_usage("set-size needs BYTES");
    int fds[2];
    make_pipe(fds, 0);
    observe_set_size(fds[0], arg_long(argc, argv, 0, 0));
    obs_emit();
}

#define PIPE_MAX_SIZE_PATH "/proc/sys/fs/pipe-max-size"

/* The pipe-max-size sysctl; when the environment does not expose it, that is the observation
 * (errno of the open, evidence.unreadable) and the case ends there. */
static long pipe_max_size_or_report(void) {
    unsigned long long value = 0;
    if (sysctl_numbers_or_report(PIPE_MAX_SIZE_PATH, &value, 1) != 1)
        probe_fail("%s holds no number", PIPE_MAX_SIZE_PATH);
    return (long)value;
}

static void set_size_max(int argc, char **argv) {
    (void)argc, (void)argv;
    long max = pipe_max_size_or_report();
    int fds[2];
    make_pipe(fds, 0);
    observe_set_size(fds[0], max);
    obs_evidence_int("pipe_max_size", max);
    obs_emit();
}

struct set_size_result {
    int size;
    int err;
    int uid;
};

/* What the uid-65534 helper asks for; set before the fork. */
static long above_max_request;

static void set_size_as_nobody(void *arg) {
    int *channel = arg;
    struct set_size_result result = {0};
    drop_to_uid(65534);
    int fds[2];
    if (pipe(fds) != 0) _exit(1);
    result.size = fcntl(fds[0], F_SETPIPE_SZ, (int)above_max_request);
    result.err = result.size < 0 ? errno : 0;
    result.uid = (int)geteuid();
    if (write(channel[1], &result, sizeof result) != sizeof result) _exit(1);
}

static void set_size_above_max_unprivileged(int argc, char **argv) {
    (void)argc, (void)argv;
    long requested = pipe_max_size_or_report() * 2;
    above_max_request = requested;
    struct set_size_result result = {0};
    if (geteuid() == 0) {
        /* Root may exceed the limit (CAP_SYS_RESOURCE); the property is about everyone else. */
        int channel[2];
        make_pipe(channel, O_CLOEXEC);
        pid_t helper = spawn_helper(set_size_as_nobody, channel);
        close(channel[1]);
        if (read_full(channel[0], &result, sizeof result) != sizeof result)
            probe_fail("the uid-65534 helper reported nothing");
        reap(helper, NULL);
    } else {
        int fds[2];
        make_pipe(fds, 0);
        result.size = fcntl(fds[0], F_SETPIPE_SZ, (int)requested);
        result.err = result.size < 0 ? errno : 0;
        result.uid = (int)geteuid();
    }
    obs_value_int(result.size);
    obs_errno(result.err);
    obs_evidence_int("uid", result.uid);
    obs_evidence_int("requested", requested);
    obs_emit();
}

static void write_read_end(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    make_pipe(fds, 0);
    ssize_t n = write(fds[0], "x", 1);
    report_io(n, errno);
    obs_emit();
}

static void read_write_end(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    char byte;
    make_pipe(fds, 0);
    guard_arm();
    ssize_t n = read(fds[1], &byte, 1);
    int err = errno;
    guard_disarm();
    report_io(n, err);
    obs_emit();
}

static void read_empty_blocks(int argc, char **argv) {
    int fds[2];
    make_pipe(fds, 0);
    struct delayed_io io = {.fd = fds[1], .delay_ns = arg_delay_ns(argc, argv, 0)};
    observe_blocking(write_byte_after_delay, &io, read_one_byte, fds[0]);
    obs_emit();
}

static void write_full_blocks(int argc, char **argv) {
    int fds[2], refused = 0;
    make_pipe(fds, O_NONBLOCK);
    int64_t filled = fill_nonblocking(fds[1], &refused);
    set_nonblocking(fds[1], false);
    set_nonblocking(fds[0], false);
    struct delayed_io io = {.fd = fds[0], .delay_ns = arg_delay_ns(argc, argv, 0)};
    observe_blocking(read_page_after_delay, &io, write_one_byte, fds[1]);
    obs_evidence_int("filled", filled);
    obs_emit();
}

static void read_empty_nonblocking(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    make_pipe(fds, O_NONBLOCK);
    guard_arm();
    ssize_t n = read_one_byte(fds[0]);
    int err = errno;
    guard_disarm();
    report_io(n, err);
    obs_emit();
}

static void write_byte_and_exit(void *arg) {
    int *fds = arg;
    close(fds[0]);
    if (write(fds[1], "x", 1) != 1) _exit(1);
}

static void eof_after_last_writer(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    make_pipe(fds, 0);
    reap(spawn_helper(write_byte_and_exit, fds), NULL);
    close(fds[1]); /* now no write end is open anywhere */
    ssize_t first = read_one_byte(fds[0]);
    guard_arm();
    ssize_t second = read_one_byte(fds[0]);
    int err = errno;
    guard_disarm();
    report_io(second, err);
    obs_evidence_int("first_read", first);
    obs_emit();
}

static void write_with_default_sigpipe(void *arg) {
    int *write_end = arg;
    signal(SIGPIPE, SIG_DFL);
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigprocmask(SIG_UNBLOCK, &pipe_only, NULL);
    if (write(*write_end, "x", 1) < 0) _exit(10); /* reached only if SIGPIPE did not end us */
}

static void sigpipe_after_last_reader(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2], sig = 0;
    make_pipe(fds, 0);
    close(fds[0]); /* the only read end: the writer below has no reader left */
    int status = reap(spawn_helper(write_with_default_sigpipe, &fds[1]), &sig);
    if (!sig) obs_value_int(status); /* ended by a signal: no exit status, the value stays null */
    obs_signal(sig);
    obs_emit();
}

static void epipe_after_last_reader(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    signal(SIGPIPE, SIG_IGN);
    make_pipe(fds, 0);
    close(fds[0]);
    ssize_t n = write(fds[1], "x", 1);
    report_io(n, errno);
    obs_emit();
}

static void two_writes_one_read(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    char data[65] = {0};
    make_pipe(fds, 0);
    if (write(fds[1], "abc", 3) != 3 || write(fds[1], "defg", 4) != 4)
        probe_fail("write: %s", strerror(errno));
    ssize_t n = read(fds[0], data, 64);
    report_io(n, errno);
    obs_evidence_str("data", n > 0 ? data : "");
    obs_emit();
}

struct record_writer {
    int fd;
    unsigned char tag;
    const record_plan *plan;
};

static void run_record_writer(void *arg) {
    struct record_writer *writer = arg;
    write_tagged_records(writer->fd, writer->tag, (size_t)writer->plan->size, writer->plan->records);
}

static void atomic_concurrent_writes(int argc, char **argv) {
    record_plan plan = record_plan_from_args(argc, argv);
    int fds[2];
    pid_t writers[16];
    make_pipe(fds, 0);
    for (long i = 0; i < plan.writers; i++) {
        struct record_writer writer = {.fd = fds[1], .tag = (unsigned char)('A' + i), .plan = &plan};
        writers[i] = spawn_helper(run_record_writer, &writer);
    }
    close(fds[1]); /* EOF once every writer has exited */
    int64_t records = 0;
    obs_value_int(count_torn_records(fds[0], (size_t)plan.size, &records));
    for (long i = 0; i < plan.writers; i++) reap(writers[i], NULL);
    record_plan_evidence(&plan, records);
    obs_emit();
}

static void pipe_buf(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    make_pipe(fds, 0);
    long value = fpathconf(fds[0], _PC_PIPE_BUF);
    obs_value_int(value);
    obs_errno(value < 0 ? errno : 0);
    obs_evidence_int("PIPE_BUF", PIPE_BUF);
    obs_emit();
}

struct ordered_stream {
    int fds[2];
    long total;
};

/* Byte i of the stream is i % 251: a prime period, so no chunk size lines up with it. */
static void order_writer(void *arg) {
    struct ordered_stream *stream = arg;
    static const size_t chunk_sizes[] = {1, 7, 100, 4096, 5000, 65536, 13};
    long total = stream->total;
    static unsigned char buffer[65536];
    int *fds = stream->fds;
    close(fds[0]);
    for (long sent = 0, turn = 0; sent < total; turn++) {
        size_t chunk = chunk_sizes[turn % (sizeof chunk_sizes / sizeof *chunk_sizes)];
        if ((long)chunk > total - sent) chunk = (size_t)(total - sent);
        for (size_t i = 0; i < chunk; i++) buffer[i] = (unsigned char)((sent + (long)i) % 251);
        if (write_full(fds[1], buffer, chunk) != (ssize_t)chunk) _exit(1);
        sent += (long)chunk;
    }
}

static void order_preserved(int argc, char **argv) {
    struct ordered_stream stream = {.total = arg_long(argc, argv, 0, 1 << 20)};
    long total = stream.total;
    int *fds = stream.fds;
    make_pipe(fds, 0);
    pid_t writer = spawn_helper(order_writer, &stream);
    close(fds[1]);
    static unsigned char buffer[7001]; /* an odd read size, so reads and writes never line up */
    long received = 0, misplaced = 0;
    ssize_t n;
    while ((n = read(fds[0], buffer, sizeof buffer)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            if (buffer[i] != (unsigned char)((received + i) % 251)) misplaced++;
        received += n;
    }
    reap(writer, NULL);
    obs_value_int(misplaced + (total - received));
    obs_evidence_int("bytes", received);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("default-capacity", default_capacity, "value = F_GETPIPE_SZ of a new pipe()"),
    PROBE_CASE("fill-nonblocking", fill_nonblocking_case,
               "pipe2(O_NONBLOCK); write 4096-byte chunks until EAGAIN, then 1-byte writes until EAGAIN; "
               "value = bytes accepted, errno = errno of the final failed write, evidence.getpipe_sz = "
               "F_GETPIPE_SZ"),
    PROBE_CASE("set-size", set_size,
               "F_SETPIPE_SZ(size) on a new pipe; value = F_GETPIPE_SZ afterwards (null and errno on "
               "failure); evidence.requested, evidence.page_size",
               PARAM("size", "bytes to ask F_SETPIPE_SZ for")),
    PROBE_CASE("set-size-max", set_size_max,
               "F_SETPIPE_SZ(/proc/sys/fs/pipe-max-size); value = resulting F_GETPIPE_SZ; "
               "evidence.pipe_max_size"),
    PROBE_CASE("set-size-above-max-unprivileged", set_size_above_max_unprivileged,
               "as uid 65534 when run as root (otherwise as the caller), F_SETPIPE_SZ(2 * "
               "pipe-max-size); value = resulting size or null, errno; evidence.uid, evidence.requested"),
    PROBE_CASE("write-read-end", write_read_end,
               "write(fds[0], 1 byte); value = return of write, errno (EBADF expected)"),
    PROBE_CASE("read-write-end", read_write_end, "read(fds[1], 1 byte); value = return of read, errno"),
    PROBE_CASE("read-empty-blocks", read_empty_blocks,
               "blocking read(1) on an empty pipe, a helper writes 1 byte after delay_ms; value = bytes "
               "read, elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("write-full-blocks", write_full_blocks,
               "fill the pipe, then a blocking write(1); a helper reads 4096 bytes after delay_ms; value "
               "= bytes written, elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("read-empty-nonblocking", read_empty_nonblocking,
               "pipe2(O_NONBLOCK), write end open; read(1) on the empty pipe; value = return, errno "
               "(EAGAIN expected)"),
    PROBE_CASE("eof-after-last-writer", eof_after_last_writer,
               "a child writes 1 byte and exits; the parent closes its write end, reads the byte, reads "
               "again; value = return of the second read (0 = EOF); evidence.first_read"),
    PROBE_CASE("sigpipe-after-last-reader", sigpipe_after_last_reader,
               "a child with SIGPIPE at SIG_DFL closes the read end and writes; signal = what ended the "
               "child (SIGPIPE expected)"),
    PROBE_CASE("epipe-after-last-reader", epipe_after_last_reader,
               "SIGPIPE ignored; read end closed; write(1); value = return, errno (EPIPE expected)"),
    PROBE_CASE("two-writes-one-read", two_writes_one_read,
               "write(\"abc\"), write(\"defg\"), one read(64); value = bytes returned by that read; "
               "evidence.data"),
    PROBE_CASE("atomic-concurrent-writes", atomic_concurrent_writes,
               "each writer child writes `records` records of record_size bytes filled with its own id; "
               "the reader checks each record; value = records that are not homogeneous; "
               "evidence.writers, records, record_size, total_records",
               OPTIONAL_PARAM("writers", "writer children (default 4)"),
               OPTIONAL_PARAM("records", "records each writer writes (default 256)"),
               OPTIONAL_PARAM("record_size", "bytes per record (default PIPE_BUF)")),
    PROBE_CASE("pipe-buf", pipe_buf,
               "value = fpathconf(fd, _PC_PIPE_BUF); evidence.PIPE_BUF = the <limits.h> constant"),
    PROBE_CASE("order-preserved", order_preserved,
               "a writer child writes a known byte sequence of `bytes` bytes in varying chunk sizes; "
               "value = bytes read out of order (0 expected); evidence.bytes",
               OPTIONAL_PARAM("bytes", "bytes to write (default 1048576)")),
    PROBE_CASE("inherited-by-child", inherited_by_child,
               "pipe(); fork; the child writes \"hello\" to the write end; value = true when the parent "
               "reads exactly that"),
    PROBE_CASE("no-filesystem-name", no_filesystem_name,
               "readlink(/proc/self/fd/<read end>); value = the link's type when it has the pathless "
               "form TYPE:[INODE] (\"pipe\"), else the whole path; evidence.link = the full link"),
    PROBE_CASE("scm-rights-to-unrelated", scm_rights_to_unrelated,
               "pipe2(O_CLOEXEC); a helper re-executed through /proc/self/exe (setsid, no inherited pipe "
               "fds) connects to a UNIX socket in the temp dir, receives the write end by SCM_RIGHTS and "
               "writes \"via-scm\"; value = true when the parent reads exactly that; "
               "evidence.helper_inherited_pipe = false"),
    PROBE_CASE("proc-fd-to-unrelated", proc_fd_to_unrelated,
               "pipe2(O_CLOEXEC); a helper re-executed through /proc/self/exe opens "
               "/proc/<parent>/fd/<write end> and writes \"via-proc\"; value = true when the parent "
               "reads exactly that; evidence.helper_inherited_pipe = false"),
    PROBE_CASE("gone-with-last-descriptor", gone_with_last_descriptor,
               "a child makes a pipe, writes 3 bytes, reports the inode and exits; value = number of "
               "/proc/*/fd links still naming pipe:[inode] (0 expected); evidence.inode, "
               "evidence.unread_bytes_at_exit"),
    PROBE_CASE(
        "small-write-into-less-room", small_write_into_less_room,
        "fill a pipe2(O_NONBLOCK) pipe, read PIPE_BUF/4 bytes back, then write(PIPE_BUF bytes); value = "
        "return of that write, errno (EAGAIN expected); evidence.room, write_size, pipe_buf, "
        "unread_after (FIONREAD)"),
    PROBE_CASE("large-write-into-less-room", large_write_into_less_room,
               "fill a pipe2(O_NONBLOCK) pipe, read two pages back, then write(two pages + 2 * PIPE_BUF); "
               "value = bytes that write accepted; evidence.room, write_size, pipe_buf"),
    PROBE_CASE("shrink-below-content", shrink_below_content,
               "write two pages into a new pipe, then F_SETPIPE_SZ(one page); value = return, errno "
               "(EBUSY expected); evidence.content, requested, capacity_after"),
    PROBE_CASE("above-max-follows-cap-sys-resource", above_max_follows_cap_sys_resource,
               "F_SETPIPE_SZ(2 * pipe-max-size) as the probe's own user; value = true when it was granted "
               "with CAP_SYS_RESOURCE in CapEff or refused with EPERM without it; evidence.cap_sys_resource, "
               "requested, result, result_errno"),
    PROBE_CASE("over-user-soft-limit", over_user_soft_limit,
               "as a uid of this run's own (from the upper half of the uid map, by pid; needs root), make "
               "pipe-user-pages-soft/16 + 2 "
               "default pipes, keeping their "
               "read ends; value = F_GETPIPE_SZ of the last one; errno = that of F_SETPIPE_SZ(16 pages) "
               "on it; evidence.pipes_made, pipe_user_pages_soft, uid, grow_errno"),
    PROBE_CASE("direct-two-writes-one-read", direct_two_writes_one_read,
               "pipe2(O_DIRECT); write(\"abc\"), write(\"defg\"), one read(64); value = bytes returned; "
               "evidence.data"),
    PROBE_CASE("direct-short-read-discards-rest", direct_short_read_discards_rest,
               "pipe2(O_DIRECT); write a 10-byte packet, then \"next\"; read(4), then read(64); value = "
               "what the second read returns; evidence.first_read"),
    PROBE_CASE("fionread", fionread,
               "write 123 bytes into a new pipe; value = ioctl(read end, FIONREAD); evidence.written"),
    PROBE_CASE("read-zero-bytes", read_zero_bytes,
               "read(read end, buf, 0) on an empty blocking pipe whose write end is open, under a 1 s "
               "guard; value = return, errno"),
    PROBE_CASE("pipe2-flags", pipe2_flags,
               "pipe2(FLAG); value = true when both ends show it (F_GETFD FD_CLOEXEC or F_GETFL "
               "O_NONBLOCK); evidence.read_end, write_end, without_flag (a pipe() for contrast)",
               PARAM("flag", "O_CLOEXEC or O_NONBLOCK")),
    PROBE_CASE("pipe2-bad-flag", pipe2_bad_flag, "pipe2(O_APPEND); value = return, errno (EINVAL expected)"),
    PROBE_CASE("lseek", lseek_pipe, "lseek(read end, 0, SEEK_CUR); value = return, errno (ESPIPE expected)"),
    HELPER_CASE("helper-scm", helper_scm, PARAM("socket", "the UNIX socket to receive the write end from"),
                PARAM("inode", "the pipe's inode, to tell whether the helper inherited it")),
    HELPER_CASE("helper-procfd", helper_procfd, PARAM("pid", "the probe's pid"),
                PARAM("fd", "the write end's descriptor in the probe"),
                PARAM("inode", "the pipe's inode, to tell whether the helper inherited it")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
