/* splice-probe: observes splice(2), tee(2) and vmsplice(2): data moved between files, pipes and
 * UNIX stream sockets without passing through the caller's buffers, the offsets they advance, what
 * they refuse and when they wait. One case per run; the table below says what each observes. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

void pipe_make(int fds[2]) {
    if (pipe2(fds, 0) != 0) probe_fail("pipe2: %s", strerror(errno));
}

int file_make(const char *name, const void *data, size_t size, int flags) {
    const char *path = probe_path(name);
    cleanup_unlink_later(path); /* before it exists: no window in which it could leak */
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0600);
    if (fd < 0) probe_fail("open(%s): %s", path, strerror(errno));
    if (size > 0 && write_full(fd, data, size) != (ssize_t)size)
        probe_fail("write(%s): %s", path, strerror(errno));
    close(fd);
    fd = open(path, flags);
    if (fd < 0) probe_fail("open(%s) again: %s", path, strerror(errno));
    return fd;
}

bool file_holds(const char *name, off_t offset, const void *expected, size_t size) {
    int fd = open(probe_path(name), O_RDONLY);
    if (fd < 0) probe_fail("open(%s): %s", name, strerror(errno));
    char seen[256] = {0};
    if (size > sizeof seen) probe_fail("file_holds: %zu bytes is more than it compares", size);
    ssize_t got = pread(fd, seen, size, offset);
    close(fd);
    return got == (ssize_t)size && memcmp(seen, expected, size) == 0;
}

bool drained_equals(int fd, const void *expected, size_t size) {
    char seen[256] = {0};
    if (size > sizeof seen) probe_fail("drained_equals: %zu bytes is more than it compares", size);
    guard_arm();
    ssize_t got = read_full(fd, seen, size);
    guard_disarm();
    return got == (ssize_t)size && memcmp(seen, expected, size) == 0;
}

static const probe_case cases[] = {
    PROBE_CASE("file-to-pipe", file_to_pipe,
               "a file holding a text, splice(file, NULL, pipe, NULL, its length); value = true when the "
               "reader of the pipe gets exactly that text; evidence.moved (splice's return)"),
    PROBE_CASE("pipe-to-file", pipe_to_file,
               "a text written into a pipe, splice(pipe, NULL, empty file, NULL, its length); value = true "
               "when the file then holds exactly that text; evidence.moved"),
    PROBE_CASE("offset-pointer-advances", offset_pointer_advances,
               "a file whose descriptor offset is lseek'd to 3, splice(file, &off_in = 8, pipe, NULL, 5); "
               "value = off_in afterwards; evidence.start_plus_moved (8 + splice's return), "
               "descriptor_offset (lseek SEEK_CUR afterwards), offset_before (3)"),
    PROBE_CASE("descriptor-offset-stays", descriptor_offset_stays,
               "a file whose descriptor offset is lseek'd to 3, splice(file, &off_in = 8, pipe, NULL, 5); "
               "value = the descriptor offset afterwards (lseek SEEK_CUR); evidence.offset_before (3), "
               "moved, pointer_after"),
    PROBE_CASE("null-offset-advances-file-offset", null_offset_advances_file_offset,
               "a file whose descriptor offset is lseek'd to 3, splice(file, NULL, pipe, NULL, 5); value = "
               "the descriptor offset afterwards; evidence.start_plus_moved (3 + splice's return)"),
    PROBE_CASE("pipe-to-socket", pipe_to_socket,
               "a text written into a pipe, splice(pipe, NULL, one end of a UNIX stream socketpair, NULL, "
               "its length); value = true when the other end receives exactly that text; evidence.moved"),
    PROBE_CASE("socket-to-pipe", socket_to_pipe,
               "a text sent on one end of a UNIX stream socketpair, splice(other end, NULL, pipe, NULL, its "
               "length); value = true when the pipe's reader gets exactly that text; evidence.moved"),
    PROBE_CASE("tee-keeps-source", tee_keeps_source,
               "a text in pipe A, tee(A, B, its length); value = true when both A's and B's readers then "
               "get the whole text; evidence.duplicated (tee's return), source_kept, copy_complete"),
    PROBE_CASE("vmsplice-delivers", vmsplice_delivers,
               "vmsplice(pipe write end, one iovec over a text in the probe's memory); value = true when "
               "the pipe's reader gets exactly that text; evidence.moved"),
    PROBE_CASE("one-call-within-capacity", one_call_within_capacity,
               "an empty pipe whose capacity is read with F_GETPIPE_SZ, splice(file of 4 x capacity bytes, "
               "NULL, pipe, NULL, 4 x capacity, SPLICE_F_NONBLOCK); value = true when 0 < moved <= "
               "capacity; evidence.moved, pipe_capacity, requested"),
    PROBE_CASE("end-of-input-returns-zero", end_of_input_returns_zero,
               "an empty pipe whose write end is closed, splice(pipe, NULL, file, NULL, 4096); value = "
               "splice's return, errno"),
    PROBE_CASE("no-pipe-gives-einval", no_pipe_gives_einval,
               "splice(file, NULL, another file, NULL, 16): neither is a pipe; value = return, errno "
               "(EINVAL expected)"),
    PROBE_CASE("offset-on-pipe-gives-espipe", offset_on_pipe_gives_espipe,
               "a text in a pipe, splice(pipe, &off_in = 0, file, NULL, its length); value = return, errno "
               "(ESPIPE expected)"),
    PROBE_CASE("wrong-access-mode-gives-ebadf", wrong_access_mode_gives_ebadf,
               "a text in a pipe, splice(pipe, NULL, a file opened O_RDONLY, NULL, its length); value = "
               "return, errno (EBADF expected)"),
    PROBE_CASE("nonblock-empty-gives-eagain", nonblock_empty_gives_eagain,
               "an empty pipe whose write end stays open, splice(pipe, NULL, file, NULL, 16, "
               "SPLICE_F_NONBLOCK); value = return, errno (EAGAIN expected)"),
    PROBE_CASE("empty-pipe-blocks", empty_pipe_blocks,
               "an empty pipe whose write end stays open, splice(pipe, NULL, a file in the probe's folder, "
               "NULL, 16) while a helper writes one byte after delay_ms; value = splice's return, "
               "elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("tee-same-pipe-gives-einval", tee_same_pipe_gives_einval,
               "a text in a pipe, tee(read end, write end of the same pipe, its length); value = return, "
               "errno (EINVAL expected)"),
    PROBE_CASE("tee-nonblock-empty-gives-eagain", tee_nonblock_empty_gives_eagain,
               "an empty pipe A whose write end stays open, tee(A, B, 16, SPLICE_F_NONBLOCK); value = "
               "return, errno (EAGAIN expected)"),
    PROBE_CASE("vmsplice-non-pipe-gives-ebadf", vmsplice_non_pipe_gives_ebadf,
               "vmsplice(a regular file opened O_RDWR, one iovec over a text, 0); value = return, errno "
               "(EBADF expected)"),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
