/* What the files of memfd-probe share: making a memfd named for this probe run, sizing and mapping
 * it with the probe failing when setup breaks, and the cases of sharing.c (a second process). */
#ifndef IPC_CONFORMANCE_MEMFD_CASES_H
#define IPC_CONFORMANCE_MEMFD_CASES_H

#include <stddef.h>

/* memfd_create("ipc-conformance-<pid>-<tag>", flags), or the probe fails. The name carries the
 * probe's pid so that a leftover check can find the memfd among /proc/PID/fd links. */
int memfd_make(const char *tag, unsigned flags);
/* The name memfd_make gives `tag`, in a static buffer slot (probe_ipc_name without its slash). */
const char *memfd_name(const char *tag);
/* ftruncate(fd, size), or the probe fails. */
void memfd_size(int fd, size_t size);
/* mmap(size, PROT_READ|PROT_WRITE, MAP_SHARED) of fd, or the probe fails. */
void *memfd_map_shared(int fd, size_t size);
size_t page_size(void);

/* sharing.c: cases with a second process. */
void sealed_passes_scm_rights(int argc, char **argv);
void helper_receive_sealed(int argc, char **argv);
void proc_fd_from_another_process(int argc, char **argv);
void helper_open_proc_fd(int argc, char **argv);
void forked_child_shares_stores(int argc, char **argv);

/* lifetime.c: names, descriptors and the memory's lifetime. */
void name_in_proc_fd(int argc, char **argv);
void name_too_long(int argc, char **argv);
void cloexec_flag(int argc, char **argv);
void freed_with_last_reference(int argc, char **argv);

#endif
