/* splice-probe cases that move data: file to pipe and back, pipe to socket and back, tee's copy,
 * vmsplice from the probe's memory, the offsets splice advances, and how much one call moves. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

static void report_moved(ssize_t moved, int err, bool intact) {
    obs_value_bool(moved == (ssize_t)SPLICE_TEXT_SIZE && intact);
    obs_errno(moved < 0 ? err : 0);
    obs_evidence_int("moved", moved);
    obs_evidence_int("sent", (int64_t)SPLICE_TEXT_SIZE);
}

void file_to_pipe(int argc, char **argv) {
    (void)argc, (void)argv;
    int file = file_make("source", SPLICE_TEXT, SPLICE_TEXT_SIZE, O_RDONLY);
    int fds[2];
    pipe_make(fds);
    ssize_t moved = splice(file, NULL, fds[1], NULL, SPLICE_TEXT_SIZE, 0);
    int err = errno;
    report_moved(moved, err, moved > 0 && drained_equals(fds[0], SPLICE_TEXT, SPLICE_TEXT_SIZE));
    obs_emit();
}

void pipe_to_file(int argc, char **argv) {
    (void)argc, (void)argv;
    int file = file_make("target", NULL, 0, O_WRONLY);
    int fds[2];
    pipe_make(fds);
    if (write_full(fds[1], SPLICE_TEXT, SPLICE_TEXT_SIZE) < 0) probe_fail("write: %s", strerror(errno));
    ssize_t moved = splice(fds[0], NULL, file, NULL, SPLICE_TEXT_SIZE, 0);
    int err = errno;
    close(file);
    report_moved(moved, err, moved > 0 && file_holds("target", 0, SPLICE_TEXT, SPLICE_TEXT_SIZE));
    obs_emit();
}

/* Both offset cases start from the same file with its descriptor offset moved away from 0, so
 * that "stays" and "advances" are told apart from "was never touched". */
#define DESCRIPTOR_START 3
#define POINTER_START    8
#define OFFSET_LENGTH    5

static int offset_file(void) {
    int file = file_make("offsets", SPLICE_TEXT, SPLICE_TEXT_SIZE, O_RDONLY);
    if (lseek(file, DESCRIPTOR_START, SEEK_SET) != DESCRIPTOR_START) probe_fail("lseek: %s", strerror(errno));
    return file;
}

void offset_pointer_advances(int argc, char **argv) {
    (void)argc, (void)argv;
    int file = offset_file();
    int fds[2];
    pipe_make(fds);
    loff_t offset = POINTER_START;
    ssize_t moved = splice(file, &offset, fds[1], NULL, OFFSET_LENGTH, 0);
    obs_errno(moved < 0 ? errno : 0);
    obs_value_int(offset);
    obs_evidence_int("start_plus_moved", POINTER_START + (moved > 0 ? moved : 0));
    obs_evidence_int("descriptor_offset", lseek(file, 0, SEEK_CUR));
    obs_evidence_int("offset_before", DESCRIPTOR_START);
    obs_evidence_bool("bytes_from_offset",
                      moved > 0 && drained_equals(fds[0], SPLICE_TEXT + POINTER_START, (size_t)moved));
    obs_emit();
}

void descriptor_offset_stays(int argc, char **argv) {
    (void)argc, (void)argv;
    int file = offset_file();
    int fds[2];
    pipe_make(fds);
    loff_t offset = POINTER_START;
    ssize_t moved = splice(file, &offset, fds[1], NULL, OFFSET_LENGTH, 0);
    obs_errno(moved < 0 ? errno : 0);
    obs_value_int(lseek(file, 0, SEEK_CUR));
    obs_evidence_int("offset_before", DESCRIPTOR_START);
    obs_evidence_int("moved", moved);
    obs_evidence_int("pointer_after", offset);
    obs_emit();
}

void null_offset_advances_file_offset(int argc, char **argv) {
    (void)argc, (void)argv;
    int file = offset_file();
    int fds[2];
    pipe_make(fds);
    ssize_t moved = splice(file, NULL, fds[1], NULL, OFFSET_LENGTH, 0);
    obs_errno(moved < 0 ? errno : 0);
    obs_value_int(lseek(file, 0, SEEK_CUR));
    obs_evidence_int("start_plus_moved", DESCRIPTOR_START + (moved > 0 ? moved : 0));
    obs_evidence_bool("bytes_from_offset",
                      moved > 0 && drained_equals(fds[0], SPLICE_TEXT + DESCRIPTOR_START, (size_t)moved));
    obs_emit();
}

static void socket_pair(int sockets[2]) {
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) != 0) probe_fail("socketpair: %s", strerror(errno));
}

void pipe_to_socket(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2], sockets[2];
    pipe_make(fds);
    socket_pair(sockets);
    if (write_full(fds[1], SPLICE_TEXT, SPLICE_TEXT_SIZE) < 0) probe_fail("write: %s", strerror(errno));
    ssize_t moved = splice(fds[0], NULL, sockets[0], NULL, SPLICE_TEXT_SIZE, 0);
    int err = errno;
    report_moved(moved, err, moved > 0 && drained_equals(sockets[1], SPLICE_TEXT, SPLICE_TEXT_SIZE));
    obs_emit();
}

void socket_to_pipe(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2], sockets[2];
    pipe_make(fds);
    socket_pair(sockets);
    if (write_full(sockets[0], SPLICE_TEXT, SPLICE_TEXT_SIZE) < 0) probe_fail("send: %s", strerror(errno));
    ssize_t moved = splice(sockets[1], NULL, fds[1], NULL, SPLICE_TEXT_SIZE, 0);
    int err = errno;
    report_moved(moved, err, moved > 0 && drained_equals(fds[0], SPLICE_TEXT, SPLICE_TEXT_SIZE));
    obs_emit();
}

void tee_keeps_source(int argc, char **argv) {
    (void)argc, (void)argv;
    int source[2], copy[2];
    pipe_make(source);
    pipe_make(copy);
    if (write_full(source[1], SPLICE_TEXT, SPLICE_TEXT_SIZE) < 0) probe_fail("write: %s", strerror(errno));
    close(source[1]); /* a source that lost its bytes then reads as end of file, not as a wait */
    ssize_t duplicated = tee(source[0], copy[1], SPLICE_TEXT_SIZE, 0);
    int err = errno;
    close(copy[1]);
    bool copy_complete = duplicated > 0 && drained_equals(copy[0], SPLICE_TEXT, SPLICE_TEXT_SIZE);
    bool source_kept = drained_equals(source[0], SPLICE_TEXT, SPLICE_TEXT_SIZE);
    obs_value_bool(copy_complete && source_kept);
    obs_errno(duplicated < 0 ? err : 0);
    obs_evidence_int("duplicated", duplicated);
    obs_evidence_bool("source_kept", source_kept);
    obs_evidence_bool("copy_complete", copy_complete);
    obs_emit();
}

void vmsplice_delivers(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    pipe_make(fds);
    char memory[] = SPLICE_TEXT;
    struct iovec span = {.iov_base = memory, .iov_len = SPLICE_TEXT_SIZE};
    ssize_t moved = vmsplice(fds[1], &span, 1, 0);
    int err = errno;
    report_moved(moved, err, moved > 0 && drained_equals(fds[0], SPLICE_TEXT, SPLICE_TEXT_SIZE));
    obs_emit();
}

void one_call_within_capacity(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    pipe_make(fds);
    int capacity = fcntl(fds[1], F_GETPIPE_SZ);
    if (capacity <= 0) probe_fail("fcntl(F_GETPIPE_SZ): %s", strerror(errno));
    size_t requested = 4 * (size_t)capacity;
    char *data = malloc(requested);
    if (!data) probe_fail("malloc(%zu)", requested);
    memset(data, 'c', requested);
    int file = file_make("large", data, requested, O_RDONLY);
    free(data);
    ssize_t moved = splice(file, NULL, fds[1], NULL, requested, SPLICE_F_NONBLOCK);
    obs_errno(moved < 0 ? errno : 0);
    obs_value_bool(moved > 0 && moved <= capacity);
    obs_evidence_int("moved", moved);
    obs_evidence_int("pipe_capacity", capacity);
    obs_evidence_int("requested", (int64_t)requested);
    obs_emit();
}
