/* splice-probe cases for what splice, tee and vmsplice refuse (no pipe, an offset on a pipe, a
 * descriptor open the wrong way, the same pipe twice), for end of input, and for when they wait:
 * an empty pipe with SPLICE_F_NONBLOCK refuses, without it the call blocks until a writer comes. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

/* The outcome of a call expected to be refused: its return and errno. Guarded, so that a call that
 * waits instead of refusing ends with EINTR after a second and says so. */
static void report_refusal(ssize_t result, int err) {
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_emit();
}

static int pipe_with_text(int fds[2]) {
    pipe_make(fds);
    if (write_full(fds[1], SPLICE_TEXT, SPLICE_TEXT_SIZE) < 0) probe_fail("write: %s", strerror(errno));
    return fds[0];
}

void end_of_input_returns_zero(int argc, char **argv) {
    (void)argc, (void)argv;
    int file = file_make("target", NULL, 0, O_WRONLY);
    int fds[2];
    pipe_make(fds);
    close(fds[1]);
    guard_arm();
    ssize_t result = splice(fds[0], NULL, file, NULL, 4096, 0);
    int err = errno;
    guard_disarm();
    report_refusal(result, err);
}

void no_pipe_gives_einval(int argc, char **argv) {
    (void)argc, (void)argv;
    int source = file_make("source", SPLICE_TEXT, SPLICE_TEXT_SIZE, O_RDONLY);
    int target = file_make("target", NULL, 0, O_WRONLY);
    guard_arm();
    ssize_t result = splice(source, NULL, target, NULL, 16, 0);
    int err = errno;
    guard_disarm();
    report_refusal(result, err);
}

void offset_on_pipe_gives_espipe(int argc, char **argv) {
    (void)argc, (void)argv;
    int target = file_make("target", NULL, 0, O_WRONLY);
    int fds[2];
    loff_t offset = 0;
    guard_arm();
    ssize_t result = splice(pipe_with_text(fds), &offset, target, NULL, SPLICE_TEXT_SIZE, 0);
    int err = errno;
    guard_disarm();
    report_refusal(result, err);
}

void wrong_access_mode_gives_ebadf(int argc, char **argv) {
    (void)argc, (void)argv;
    int target = file_make("read-only", NULL, 0, O_RDONLY);
    int fds[2];
    guard_arm();
    ssize_t result = splice(pipe_with_text(fds), NULL, target, NULL, SPLICE_TEXT_SIZE, 0);
    int err = errno;
    guard_disarm();
    report_refusal(result, err);
}

void nonblock_empty_gives_eagain(int argc, char **argv) {
    (void)argc, (void)argv;
    int target = file_make("target", NULL, 0, O_WRONLY);
    int fds[2];
    pipe_make(fds);
    guard_arm();
    ssize_t result = splice(fds[0], NULL, target, NULL, 16, SPLICE_F_NONBLOCK);
    int err = errno;
    guard_disarm();
    report_refusal(result, err);
}

struct blocked_splice {
    int pipe_read;
    int pipe_write;
    int target;
};

static bool write_one_byte_into_pipe(void *arg) {
    const struct blocked_splice *io = arg;
    return write(io->pipe_write, "x", 1) == 1;
}

static ssize_t splice_from_empty_pipe(void *arg) {
    const struct blocked_splice *io = arg;
    return splice(io->pipe_read, NULL, io->target, NULL, 16, 0);
}

void empty_pipe_blocks(int argc, char **argv) {
    int64_t delay_ns = arg_delay_ns(argc, argv, 0);
    int fds[2];
    pipe_make(fds);
    struct blocked_splice io = {
        .pipe_read = fds[0], .pipe_write = fds[1], .target = file_make("target", NULL, 0, O_WRONLY)};
    observe_blocking_call(write_one_byte_into_pipe, &io, delay_ns, splice_from_empty_pipe, &io);
    obs_emit();
}

void tee_same_pipe_gives_einval(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    int read_end = pipe_with_text(fds);
    guard_arm();
    ssize_t result = tee(read_end, fds[1], SPLICE_TEXT_SIZE, 0);
    int err = errno;
    guard_disarm();
    report_refusal(result, err);
}

void tee_nonblock_empty_gives_eagain(int argc, char **argv) {
    (void)argc, (void)argv;
    int source[2], copy[2];
    pipe_make(source);
    pipe_make(copy);
    guard_arm();
    ssize_t result = tee(source[0], copy[1], 16, SPLICE_F_NONBLOCK);
    int err = errno;
    guard_disarm();
    report_refusal(result, err);
}

void vmsplice_non_pipe_gives_ebadf(int argc, char **argv) {
    (void)argc, (void)argv;
    /* Not the read end of a pipe: Linux answers vmsplice there by copying out of the pipe. */
    int file = file_make("not-a-pipe", NULL, 0, O_RDWR);
    char memory[] = SPLICE_TEXT;
    struct iovec span = {.iov_base = memory, .iov_len = SPLICE_TEXT_SIZE};
    guard_arm();
    ssize_t result = vmsplice(file, &span, 1, 0);
    int err = errno;
    guard_disarm();
    report_refusal(result, err);
}
