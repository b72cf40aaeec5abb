/* The cases of eventfd-probe, grouped by file, and the few helpers they share (probe.c). */
#ifndef IPC_CONFORMANCE_EVENTFD_CASES_H
#define IPC_CONFORMANCE_EVENTFD_CASES_H

#include <stdint.h>
#include <sys/types.h>

/* The largest value the counter may hold (eventfd(2): 0xfffffffffffffffe). */
#define COUNTER_MAX UINT64_C(0xfffffffffffffffe)

/* eventfd(initval, flags), or the probe fails. */
int counter_create(unsigned int initval, int flags);
/* One 8-byte read()/write() of the counter; the result of the call, errno kept. */
ssize_t counter_read(int fd, uint64_t *value);
ssize_t counter_write(int fd, uint64_t value);
/* A write the probe relies on (setting up a state): the probe fails when it does not take. */
void counter_add(int fd, uint64_t value);

/* ---- more than one process (sharing.c) --------------------------------------------------- */
void read_blocks(int argc, char **argv);
void write_blocks(int argc, char **argv);
void scm_rights_to_unrelated(int argc, char **argv);
void helper_scm(int argc, char **argv);

#endif
