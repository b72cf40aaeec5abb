/* What the files of splice-probe share: setup wrappers that fail the probe when setup breaks, and
 * the cases of the other files (moving.c: data moved between files, pipes and sockets; refusals.c:
 * what splice, tee and vmsplice refuse and when they wait). */
#ifndef IPC_CONFORMANCE_SPLICE_CASES_H
#define IPC_CONFORMANCE_SPLICE_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The text every moving case sends: short enough for one call, long enough to be recognised. */
#define SPLICE_TEXT      "spliced-through-the-kernel"
#define SPLICE_TEXT_SIZE (sizeof SPLICE_TEXT - 1)

/* pipe2(0), or the probe fails. */
void pipe_make(int fds[2]);
/* A file named `name` in the probe's private folder (0600, registered for removal) holding `size`
 * bytes of `data`, opened with `flags` (O_RDWR, O_RDONLY …) at offset 0. */
int file_make(const char *name, const void *data, size_t size, int flags);
/* Reads `size` bytes at `offset` of the file `name` through a fresh descriptor; true when they
 * equal `expected`. */
bool file_holds(const char *name, off_t offset, const void *expected, size_t size);
/* Reads up to size bytes from fd without blocking (the guard timer); true when they equal expected. */
bool drained_equals(int fd, const void *expected, size_t size);

/* moving.c */
void file_to_pipe(int argc, char **argv);
void pipe_to_file(int argc, char **argv);
void offset_pointer_advances(int argc, char **argv);
void descriptor_offset_stays(int argc, char **argv);
void null_offset_advances_file_offset(int argc, char **argv);
void pipe_to_socket(int argc, char **argv);
void socket_to_pipe(int argc, char **argv);
void tee_keeps_source(int argc, char **argv);
void vmsplice_delivers(int argc, char **argv);
void one_call_within_capacity(int argc, char **argv);

/* refusals.c */
void end_of_input_returns_zero(int argc, char **argv);
void no_pipe_gives_einval(int argc, char **argv);
void offset_on_pipe_gives_espipe(int argc, char **argv);
void wrong_access_mode_gives_ebadf(int argc, char **argv);
void nonblock_empty_gives_eagain(int argc, char **argv);
void empty_pipe_blocks(int argc, char **argv);
void tee_same_pipe_gives_einval(int argc, char **argv);
void tee_nonblock_empty_gives_eagain(int argc, char **argv);
void vmsplice_non_pipe_gives_ebadf(int argc, char **argv);

#endif
