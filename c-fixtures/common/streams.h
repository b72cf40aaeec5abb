/* Checks shared by the pipe and FIFO probes: both are the same kernel object behind different
 * ways of opening it, so filling, record writing and interleaving detection are written once. */
#ifndef IPC_CONFORMANCE_STREAMS_H
#define IPC_CONFORMANCE_STREAMS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Writes whole pages, then single bytes, to a non-blocking fd until the kernel refuses; returns
 * the bytes accepted and stores the errno of the refused write. */
int64_t fill_nonblocking(int fd, int *refused_errno);

/* Writes `records` records of `size` bytes, each filled with `tag` and each one write() call. */
void write_tagged_records(int fd, unsigned char tag, size_t size, long records);

/* Reads fd to EOF in `size`-byte records; returns how many are not filled with a single byte
 * value (a torn or interleaved write), and stores the number of records read. */
int64_t count_torn_records(int fd, size_t size, int64_t *records_read);

/* Reports a read/write result: the return value, and the errno when it failed. */
void report_io(ssize_t result, int err);

/* A helper's job in a blocking case: act on `fd` once `delay_ns` has passed. */
struct delayed_io {
    int fd;
    int64_t delay_ns;
};
void write_byte_after_delay(void *io); /* relieves an empty pipe */
void read_page_after_delay(void *io);  /* relieves a full pipe */
ssize_t read_one_byte(int fd);
ssize_t write_one_byte(int fd);

/* Times call(fd) from before the helper starts; the helper relieves the condition after the
 * delay, so elapsed_ns ≥ delay_ns shows that the call blocked (PROTOCOL.md). */
void observe_blocking(void (*relieve)(void *io), struct delayed_io *io, ssize_t (*call)(int fd), int fd);

/* Parses the [WRITERS] [RECORDS] [SIZE] arguments of the atomicity cases. */
typedef struct {
    long writers;
    long records;
    long size;
} record_plan;
record_plan record_plan_from_args(int argc, char **argv);
void record_plan_evidence(const record_plan *plan, int64_t records_read);

#endif
