/* Checks shared by the pipe and FIFO probes: both are the same kernel object behind different
 * ways of opening it, so filling, record writing and interleaving detection are written once. */
#ifndef IPC_CONFORMANCE_STREAMS_H
#define IPC_CONFORMANCE_STREAMS_H

#include <stddef.h>
#include <stdint.h>

/* Writes whole pages, then single bytes, to a non-blocking fd until the kernel refuses; returns
 * the bytes accepted and stores the errno of the refused write. */
int64_t fill_nonblocking(int fd, int *refused_errno);

/* Writes `records` records of `size` bytes, each filled with `tag` and each one write() call. */
void write_tagged_records(int fd, unsigned char tag, size_t size, long records);

/* Reads fd to EOF in `size`-byte records; returns how many are not filled with a single byte
 * value (a torn or interleaved write), and stores the number of records read. */
int64_t count_torn_records(int fd, size_t size, int64_t *records_read);

/* Parses the [WRITERS] [RECORDS] [SIZE] arguments of the atomicity cases. */
typedef struct {
    long writers;
    long records;
    long size;
} record_plan;
record_plan record_plan_from_args(int argc, char **argv);
void record_plan_evidence(const record_plan *plan, int64_t records_read);

#endif
