/* What the files of file-mapping-probe share: setup wrappers that fail the probe when setup breaks,
 * and the cases of the other files (sharing.c: what other processes see and the signals a mapping
 * raises; refusals.c: what mmap and msync refuse). */
#ifndef IPC_CONFORMANCE_FILE_MAPPING_CASES_H
#define IPC_CONFORMANCE_FILE_MAPPING_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The system's page size. */
size_t page_size(void);
/* A file named `name` in the probe's private folder (0600, registered for removal), `size` bytes
 * long, starting with `text` (NULL: all zeros); opened O_RDWR. */
int mapped_file_create(const char *name, size_t size, const char *text);
/* mmap(size, PROT_READ|PROT_WRITE, flags) of fd at offset 0, or the probe fails. */
char *map_file(int fd, size_t size, int flags);
/* The text at the start of the file `name`, read through a fresh descriptor into a static buffer
 * ("" when it cannot be read). */
const char *text_by_read(const char *name);

/* sharing.c */
void store_seen_by_read_elsewhere(int argc, char **argv);
void store_seen_by_mapping_elsewhere(int argc, char **argv);
void past_eof_raises_sigbus(int argc, char **argv);
void store_after_mprotect_raises_sigsegv(int argc, char **argv);

/* refusals.c */
void msync_both_flags(int argc, char **argv);
void rdonly_map_shared_write(int argc, char **argv);
void zero_length(int argc, char **argv);
void unaligned_offset(int argc, char **argv);

#endif
