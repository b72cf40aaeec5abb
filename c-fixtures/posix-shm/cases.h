/* What the files of posix-shm-probe share: wrappers around shm_open/ftruncate/mmap that fail the
 * probe when setup breaks, and the cases that need a second process (sharing.c). */
#ifndef IPC_CONFORMANCE_POSIX_SHM_CASES_H
#define IPC_CONFORMANCE_POSIX_SHM_CASES_H

#include <stddef.h>

/* Registers `name` for shm_unlink, then creates it exclusively with mode 0600 (O_RDWR) and sizes it
 * to `size` bytes when size > 0; returns the descriptor. */
int object_create(const char *name, size_t size);
/* mmap(size, PROT_READ|PROT_WRITE, flags) of fd, or the probe fails. */
void *object_map(int fd, size_t size, int flags);
/* The node glibc gives `name` ("/x" → "/dev/shm/x"), in a static buffer. */
const char *object_node(const char *name);

/* Cases that need a second process. */
void outlives_its_creator(int argc, char **argv);
void map_shared_visible_both_ways(int argc, char **argv);
void helper_answer(int argc, char **argv);
void map_private_not_visible_to_others(int argc, char **argv);
void access_beyond_size_raises_sigbus(int argc, char **argv);
void other_uid_denied_by_mode_0600(int argc, char **argv);
void other_uid_cannot_unlink(int argc, char **argv);
void other_uid_cannot_truncate(int argc, char **argv);
void excl_race_has_one_winner(int argc, char **argv);

/* opening.c: names, open flags and errors. */
void open_missing_gives_enoent(int argc, char **argv);
void unlink_missing_gives_enoent(int argc, char **argv);
void name_too_long(int argc, char **argv);
void name_with_slash(int argc, char **argv);
void o_trunc_empties(int argc, char **argv);
void o_creat_keeps_existing(int argc, char **argv);
void mode_applies_umask(int argc, char **argv);
void owner_is_creator(int argc, char **argv);
void emfile_at_rlimit_nofile(int argc, char **argv);
void o_trunc_keeps_mode_and_owner(int argc, char **argv);
void mode_does_not_limit_creator(int argc, char **argv);
void lowest_free_descriptor(int argc, char **argv);
void opens_have_own_offsets(int argc, char **argv);
void group_is_creator(int argc, char **argv);
void unlink_name_too_long(int argc, char **argv);
void unlink_while_mapped(int argc, char **argv);

/* mapping.c: mappings and the object behind them. */
void rdonly_map_shared_write(int argc, char **argv);
void sized_object_reads_zeros(int argc, char **argv);
void mapping_survives_close(int argc, char **argv);
void recreated_after_unlink(int argc, char **argv);

#endif
