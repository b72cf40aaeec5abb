/* What the files of sysv-shm-probe share: small wrappers around shmget/shmat/shmctl that fail the
 * probe when setup breaks, and the cases that need more than one process (sharing.c,
 * lifecycle.c). */
#ifndef IPC_CONFORMANCE_SYSV_SHM_CASES_H
#define IPC_CONFORMANCE_SYSV_SHM_CASES_H

#include <stddef.h>
#include <sys/ipc.h>
#include <sys/shm.h>

/* A new segment of `size` bytes, mode 0600, registered for IPC_RMID at once. `key` may be
 * IPC_PRIVATE; a real key is created exclusively so that a stale segment is never reused. */
int segment_create(key_t key, size_t size);
/* shmat(id, NULL, flags), or the probe fails. */
void *segment_attach(int id, int flags);
/* shmctl(IPC_STAT), or the probe fails. */
struct shmid_ds segment_stat(int id);

/* Cases that need a second process: sharing.c, then lifecycle.c. */
void writes_visible_both_ways(int argc, char **argv);
void helper_answer(int argc, char **argv);
void outlives_its_creator(int argc, char **argv);
void fork_inherits_attachment(int argc, char **argv);
void rdonly_attach_write_faults(int argc, char **argv);
void lost_updates_without_synchronisation(int argc, char **argv);
void other_uid_denied_by_mode_0600(int argc, char **argv);
void rmid_data_readable_until_last_detach(int argc, char **argv);
void rmid_destroyed_at_last_detach(int argc, char **argv);

/* shmctl and the refusals of shmget/shmat/shmdt, one process (control.c). */
void new_segment_times_and_pids(int argc, char **argv);
void attach_time(int argc, char **argv);
void detach_time(int argc, char **argv);
void ipc_set_mode(int argc, char **argv);
void privileged_lock(int argc, char **argv);
void private_always_new(int argc, char **argv);
void absent_key(int argc, char **argv);
void attach_removed_id(int argc, char **argv);
void detach_unattached(int argc, char **argv);
void unaligned_attach(int argc, char **argv);

/* shmctl with a second process, and SHMMNI in a namespace of the probe's own (waiters.c). */
void creator_pid(int argc, char **argv);
void last_attach_pid(int argc, char **argv);
void write_after_detach_faults(int argc, char **argv);
void other_uid_ipc_set(int argc, char **argv);
void other_uid_lock(int argc, char **argv);
void segments_in_new_namespace(int argc, char **argv);

/* ---- pids across the boundary of a PID namespace of the probe's own (pid_namespace.c) ---- */
void cpid_across_pid_namespace(int argc, char **argv);

#endif
