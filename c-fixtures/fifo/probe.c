/* fifo-probe: observes named pipes (fifo(7), mkfifo(3), open(2)). One case per run; the case
 * table below says what each observes. Every FIFO is made 0600 in the probe's private folder and unlinked. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/streams.h"
#include "edges.h"

/* A new FIFO named `name` in the private folder, registered for removal. */
static const char *make_fifo(const char *name) {
    const char *path = probe_path(name);
    cleanup_unlink_later(path);
    if (mkfifo(path, 0600) != 0) probe_fail("mkfifo %s: %s", path, strerror(errno));
    return path;
}

static int open_or_fail(const char *path, int flags) {
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0) probe_fail("open %s: %s", path, strerror(errno));
    return fd;
}

/* Opens both ends without blocking: the reader first (O_NONBLOCK succeeds alone), then the writer. */
static void open_both_ends(const char *path, int *reader, int *writer) {
    *reader = open_or_fail(path, O_RDONLY | O_NONBLOCK);
    *writer = open_or_fail(path, O_WRONLY);
}

static void unrelated_by_path(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = make_fifo("fifo");
    char *helper_argv[] = {"fifo-probe", "helper-write-path", (char *)path, "via-path", NULL};
    pid_t helper = spawn_reexec(helper_argv);
    int reader = open_or_fail(path, O_RDONLY); /* blocks until the helper opens for writing */
    char received[64] = {0};
    ssize_t n = read_full(reader, received, sizeof received - 1);
    int status = reap(helper, NULL);
    obs_value_bool(n == 8 && strcmp(received, "via-path") == 0);
    obs_evidence_str("received", n > 0 ? received : "");
    obs_evidence_int("helper_status", status);
    obs_emit();
}

static void helper_write_path(int argc, char **argv) {
    if (argc < 2) probe_usage("helper-write-path PATH MESSAGE");
    int writer = open_or_fail(argv[0], O_WRONLY);
    if (write_full(writer, argv[1], strlen(argv[1])) < 0) probe_fail("write: %s", strerror(errno));
}

static void mkfifo_and_exit(void *path) {
    if (mkfifo(path, 0600) != 0) _exit(1);
}

static const char *file_type(mode_t mode) {
    if (S_ISFIFO(mode)) return "fifo";
    if (S_ISREG(mode)) return "regular";
    if (S_ISDIR(mode)) return "directory";
    if (S_ISSOCK(mode)) return "socket";
    return "other";
}

static void node_outlives_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = probe_path("fifo");
    cleanup_unlink_later(path);
    int status = reap(spawn_helper(mkfifo_and_exit, (void *)path), NULL);
    struct stat node;
    if (lstat(path, &node) != 0) {
        obs_value_str("missing");
    } else {
        char mode[8];
        snprintf(mode, sizeof mode, "%04o", (unsigned)(node.st_mode & 07777));
        obs_value_str(file_type(node.st_mode));
        obs_evidence_str("mode", mode);
    }
    obs_evidence_int("creator_status", status);
    obs_emit();
}

static void write_and_close(void *path) {
    int fd = open(path, O_RDWR); /* Linux lets O_RDWR open a FIFO without a peer (fifo(7)) */
    if (fd < 0 || write(fd, "lost", 4) != 4) _exit(1);
    close(fd);
}

static void data_gone_after_close(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = make_fifo("fifo");
    int status = reap(spawn_helper(write_and_close, (void *)path), NULL);
    int reader = open_or_fail(path, O_RDONLY | O_NONBLOCK);
    char buffer[16];
    ssize_t n = read(reader, buffer, sizeof buffer);
    report_io(n, errno);
    obs_evidence_int("written", status == 0 ? 4 : -1);
    obs_emit();
}

struct delayed_open {
    const char *path;
    int flags;
    int64_t delay_ns;
};

static void open_after_delay(void *arg) {
    struct delayed_open *peer = arg;
    sleep_ns(peer->delay_ns);
    int fd = open(peer->path, peer->flags);
    if (fd < 0) _exit(1);
    close(fd);
}

/* Times an open that needs a peer; the helper opens the other end after the delay. */
static void observe_blocking_open(int argc, char **argv, int flags, int peer_flags) {
    const char *path = make_fifo("fifo");
    struct delayed_open peer = {.path = path, .flags = peer_flags, .delay_ns = arg_delay_ns(argc, argv, 0)};
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(open_after_delay, &peer);
    int fd = open(path, flags | O_CLOEXEC);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    if (fd >= 0) close(fd);
    reap(helper, NULL);
    obs_value_bool(fd >= 0);
    obs_errno(fd < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(peer.delay_ns);
    obs_emit();
}

static void open_rdonly_blocks(int argc, char **argv) {
    observe_blocking_open(argc, argv, O_RDONLY, O_WRONLY);
}
static void open_wronly_blocks(int argc, char **argv) {
    observe_blocking_open(argc, argv, O_WRONLY, O_RDONLY);
}

/* An open that must not block, bounded by the guard so a blocking one reports EINTR. */
static void observe_lone_open(int flags) {
    const char *path = make_fifo("fifo");
    guard_arm();
    int fd = open(path, flags | O_CLOEXEC);
    int err = errno;
    guard_disarm();
    if (fd >= 0) close(fd);
    obs_value_bool(fd >= 0);
    obs_errno(fd < 0 ? err : 0);
    obs_emit();
}

static void open_wronly_nonblock_no_reader(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_lone_open(O_WRONLY | O_NONBLOCK);
}

static void open_rdonly_nonblock_no_writer(int argc, char **argv) {
    (void)argc, (void)argv;
    observe_lone_open(O_RDONLY | O_NONBLOCK);
}

struct open_attempts {
    int not_owner_fd, not_owner_err, owner_err;
};

static void open_as_nobody(void *arg) {
    int *channel = arg;
    struct open_attempts attempts = {0};
    /* Enter the probe's folder first: the runner's TMPDIR above it need not be traversable by
     * uid 65534, and a refusal must come from the FIFO's mode alone. */
    if (chdir(probe_tmpdir()) != 0) _exit(1);
    drop_to_uid(65534);
    attempts.not_owner_fd = open("fifo-root", O_RDONLY | O_NONBLOCK);
    attempts.not_owner_err = attempts.not_owner_fd < 0 ? errno : 0;
    int own = open("fifo-nobody", O_RDONLY | O_NONBLOCK);
    attempts.owner_err = own < 0 ? errno : 0;
    if (write(channel[1], &attempts, sizeof attempts) != sizeof attempts) _exit(1);
}

static void mode_enforced_other_uid(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid 65534");
    /* uid 65534 must be able to reach the nodes, so the folder is traversable (0711, not listable). */
    if (chmod(probe_tmpdir(), 0711) != 0) probe_fail("chmod: %s", strerror(errno));
    make_fifo("fifo-root");
    const char *owned = make_fifo("fifo-nobody");
    if (chown(owned, 65534, 65534) != 0) probe_fail("chown: %s", strerror(errno));
    int channel[2];
    if (pipe2(channel, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    pid_t helper = spawn_helper(open_as_nobody, channel);
    close(channel[1]);
    struct open_attempts attempts;
    if (read_full(channel[0], &attempts, sizeof attempts) != sizeof attempts)
        probe_fail("the uid-65534 helper reported nothing");
    reap(helper, NULL);
    /* The control: the same uid opens a FIFO it owns, so a refusal of the other one is about its mode. */
    if (attempts.owner_err)
        probe_fail("uid 65534 cannot open the FIFO it owns either (%s)", errno_name(attempts.owner_err));
    obs_value_bool(attempts.not_owner_fd >= 0);
    obs_errno(attempts.not_owner_err);
    obs_evidence_str("owner_open", attempts.owner_err ? errno_name(attempts.owner_err) : "ok");
    obs_evidence_int("uid", 65534);
    obs_evidence_str("mode", "0600");
    obs_emit();
}

static void created_mode_with_umask(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = probe_path("fifo");
    cleanup_unlink_later(path);
    umask(077);
    int result = mkfifo(path, 0660);
    int err = errno;
    struct stat node;
    if (result == 0 && stat(path, &node) == 0) {
        char mode[8];
        snprintf(mode, sizeof mode, "%04o", (unsigned)(node.st_mode & 07777));
        obs_value_str(mode);
    }
    obs_errno(result < 0 ? err : 0);
    obs_evidence_str("requested", "0660");
    obs_evidence_str("umask", "0077");
    obs_emit();
}

static void write_rdonly_end(int argc, char **argv) {
    (void)argc, (void)argv;
    int reader = open_or_fail(make_fifo("fifo"), O_RDONLY | O_NONBLOCK);
    ssize_t n = write(reader, "x", 1);
    report_io(n, errno);
    obs_emit();
}

static void read_empty_blocks(int argc, char **argv) {
    int reader, writer;
    open_both_ends(make_fifo("fifo"), &reader, &writer);
    set_nonblocking(reader, false);
    struct delayed_io io = {.fd = writer, .delay_ns = arg_delay_ns(argc, argv, 0)};
    observe_blocking(write_byte_after_delay, &io, read_one_byte, reader);
    obs_emit();
}

static void eof_after_last_writer(int argc, char **argv) {
    (void)argc, (void)argv;
    int reader, writer;
    open_both_ends(make_fifo("fifo"), &reader, &writer);
    if (write(writer, "x", 1) != 1) probe_fail("write: %s", strerror(errno));
    close(writer);
    set_nonblocking(reader, false);
    ssize_t first = read_one_byte(reader);
    guard_arm();
    ssize_t second = read_one_byte(reader);
    int err = errno;
    guard_disarm();
    report_io(second, err);
    obs_evidence_int("first_read", first);
    obs_emit();
}

static void write_without_reader(void *path) {
    int reader, writer;
    signal(SIGPIPE, SIG_DFL);
    open_both_ends(path, &reader, &writer);
    close(reader);
    if (write(writer, "x", 1) < 0) _exit(10); /* reached only if SIGPIPE did not end us */
}

static void sigpipe_after_last_reader(int argc, char **argv) {
    (void)argc, (void)argv;
    int sig = 0;
    int status = reap(spawn_helper(write_without_reader, (void *)make_fifo("fifo")), &sig);
    if (!sig) obs_value_int(status);
    obs_signal(sig);
    obs_emit();
}

static void epipe_after_last_reader(int argc, char **argv) {
    (void)argc, (void)argv;
    int reader, writer;
    signal(SIGPIPE, SIG_IGN);
    open_both_ends(make_fifo("fifo"), &reader, &writer);
    close(reader);
    ssize_t n = write(writer, "x", 1);
    report_io(n, errno);
    obs_emit();
}

static void two_writes_one_read(int argc, char **argv) {
    (void)argc, (void)argv;
    int reader, writer;
    char data[65] = {0};
    open_both_ends(make_fifo("fifo"), &reader, &writer);
    if (write(writer, "abc", 3) != 3 || write(writer, "defg", 4) != 4)
        probe_fail("write: %s", strerror(errno));
    ssize_t n = read(reader, data, 64);
    report_io(n, errno);
    obs_evidence_str("data", n > 0 ? data : "");
    obs_emit();
}

static void default_capacity(int argc, char **argv) {
    (void)argc, (void)argv;
    int reader = open_or_fail(make_fifo("fifo"), O_RDONLY | O_NONBLOCK);
    int size = fcntl(reader, F_GETPIPE_SZ);
    obs_value_int(size);
    obs_errno(size < 0 ? errno : 0);
    obs_emit();
}

struct fifo_writer {
    const char *path;
    int ready_fd;
    unsigned char tag;
    const record_plan *plan;
};

static void fifo_record_writer(void *arg) {
    struct fifo_writer *writer = arg;
    int fd = open(writer->path, O_WRONLY); /* its own open: writers share nothing but the path */
    if (fd < 0 || write(writer->ready_fd, "r", 1) != 1) _exit(1);
    write_tagged_records(fd, writer->tag, (size_t)writer->plan->size, writer->plan->records);
}

static void atomic_concurrent_writes(int argc, char **argv) {
    record_plan plan = record_plan_from_args(argc, argv);
    const char *path = make_fifo("fifo");
    int reader, placeholder_writer, ready[2];
    pid_t writers[16];
    /* A writer of our own keeps EOF away until every real writer has opened the FIFO. */
    open_both_ends(path, &reader, &placeholder_writer);
    if (pipe2(ready, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    for (long i = 0; i < plan.writers; i++) {
        struct fifo_writer writer = {
            .path = path, .ready_fd = ready[1], .tag = (unsigned char)('A' + i), .plan = &plan};
        writers[i] = spawn_helper(fifo_record_writer, &writer);
    }
    char mark[16];
    if (read_full(ready[0], mark, (size_t)plan.writers) != plan.writers)
        probe_fail("a writer could not open the FIFO");
    close(placeholder_writer);
    set_nonblocking(reader, false);
    int64_t records = 0;
    obs_value_int(count_torn_records(reader, (size_t)plan.size, &records));
    for (long i = 0; i < plan.writers; i++) reap(writers[i], NULL);
    record_plan_evidence(&plan, records);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("open-rdwr", open_rdwr_does_not_block,
               "open(O_RDWR) on a new FIFO no other process has open, under a 1 s guard; value = whether it "
               "succeeded, errno, elapsed_ns"),
    PROBE_CASE("lseek", lseek_fifo,
               "lseek(fd, 0, SEEK_CUR) on an open FIFO; value = return, errno (ESPIPE expected)"),
    PROBE_CASE("mkfifo-existing", mkfifo_existing,
               "mkfifo on the path of an existing FIFO; value = return, errno (EEXIST expected)"),
    PROBE_CASE("set-size", set_size_fifo,
               "F_SETPIPE_SZ(size) on an open FIFO; value = F_GETPIPE_SZ afterwards (null and errno on "
               "failure); evidence.requested",
               PARAM("size", "bytes to ask F_SETPIPE_SZ for")),
    PROBE_CASE("unrelated-by-path", unrelated_by_path,
               "mkfifo 0600; a helper re-executed through /proc/self/exe (setsid, inherits no fds) opens "
               "the path O_WRONLY and writes \"via-path\"; value = true when the parent reads exactly "
               "that"),
    PROBE_CASE("node-outlives-creator", node_outlives_creator,
               "a child mkfifo()s and exits; value = file type of the path afterwards (\"fifo\", "
               "\"missing\", \"regular\", ...); evidence.mode"),
    PROBE_CASE("data-gone-after-close", data_gone_after_close,
               "a child opens O_RDWR, writes 4 bytes, closes, exits; the parent opens "
               "O_RDONLY|O_NONBLOCK and reads; value = bytes read (0 expected); evidence.written"),
    PROBE_CASE("open-rdonly-blocks", open_rdonly_blocks,
               "open(O_RDONLY) with no writer; a helper opens O_WRONLY after delay_ms; value = true when "
               "open returned a descriptor; elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("open-wronly-blocks", open_wronly_blocks,
               "open(O_WRONLY) with no reader; a helper opens O_RDONLY after delay_ms; value = true when "
               "open returned a descriptor; elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("open-wronly-nonblock-no-reader", open_wronly_nonblock_no_reader,
               "open(O_WRONLY|O_NONBLOCK) with no reader; value = true if a descriptor came back, errno "
               "(ENXIO expected)"),
    PROBE_CASE("open-rdonly-nonblock-no-writer", open_rdonly_nonblock_no_writer,
               "open(O_RDONLY|O_NONBLOCK) with no writer; value = true if a descriptor came back, errno"),
    PROBE_CASE("mode-enforced-other-uid", mode_enforced_other_uid,
               "needs root; temp dir 0711; FIFO A 0600 owned by root, FIFO B 0600 chowned to 65534; a "
               "helper enters the temp dir, becomes uid 65534 and opens A O_RDONLY|O_NONBLOCK: value = "
               "true if opened, errno (EACCES expected); it must open B (the control), else the probe "
               "fails; evidence.owner_open, evidence.uid"),
    PROBE_CASE("created-mode-with-umask", created_mode_with_umask,
               "umask(077); mkfifo(path, 0660); value = permission bits of the node as a 4-digit octal "
               "string (\"0600\" expected); evidence.requested, evidence.umask"),
    PROBE_CASE("write-rdonly-end", write_rdonly_end,
               "open O_RDONLY|O_NONBLOCK; write(1) on it; value = return, errno (EBADF expected)"),
    PROBE_CASE("read-empty-blocks", read_empty_blocks,
               "reader and writer open, FIFO empty; blocking read(1); a helper writes 1 byte after "
               "delay_ms; value = bytes read; elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("eof-after-last-writer", eof_after_last_writer,
               "write 1 byte, close the only writer, read the byte, read again; value = return of the "
               "second read (0 = EOF); evidence.first_read"),
    PROBE_CASE("sigpipe-after-last-reader", sigpipe_after_last_reader,
               "a child with SIGPIPE at SIG_DFL holds the writer, closes the only reader and writes; "
               "signal = what ended the child"),
    PROBE_CASE("epipe-after-last-reader", epipe_after_last_reader,
               "SIGPIPE ignored; the only reader closed; write(1); value = return, errno (EPIPE "
               "expected)"),
    PROBE_CASE("two-writes-one-read", two_writes_one_read,
               "write(\"abc\"), write(\"defg\"), one read(64); value = bytes returned; evidence.data"),
    PROBE_CASE("default-capacity", default_capacity, "value = F_GETPIPE_SZ of a newly opened FIFO"),
    PROBE_CASE("atomic-concurrent-writes", atomic_concurrent_writes,
               "as the pipe case, each writer child opening the FIFO by path; value = records that are "
               "not homogeneous",
               OPTIONAL_PARAM("writers", "writer children (default 4)"),
               OPTIONAL_PARAM("records", "records each writer writes (default 256)"),
               OPTIONAL_PARAM("record_size", "bytes per record (default PIPE_BUF)")),
    HELPER_CASE("helper-write-path", helper_write_path, PARAM("path", "the FIFO to open for writing"),
                PARAM("message", "what to write")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
