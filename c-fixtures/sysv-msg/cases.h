/* Shared between the sysv_msg probe's files: queue helpers (queue.c) and the cases that
 * need more than one process (process.c). */
#ifndef IPC_CONFORMANCE_SYSV_MSG_CASES_H
#define IPC_CONFORMANCE_SYSV_MSG_CASES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/msg.h>
#include <sys/types.h>

/* ---- queue helpers (queue.c) ------------------------------------------------------- */
/* A new private queue (mode 0600) under probe_ipc_key(slot), registered for removal at once. */
int msg_queue_create(int slot);
struct msqid_ds msg_queue_stat(int queue);
/* kernel.msgmax as the probe sees it; when /proc does not expose it, that is the observation
 * (errno of the open, evidence.unreadable) and the case ends there. */
long kernel_msgmax_or_report(void);
/* kernel.msgmnb, or -1 when unreadable (evidence only). */
long kernel_msgmnb_or_unknown(void);
/* msgsnd of `size` bytes of `text` (filled with 'm' when text is NULL) with type `type`. */
int msg_send(int queue, long type, const char *text, size_t size, int flags);
/* msgrcv into text[size]; stores the received type. Returns msgrcv's result, errno intact. */
ssize_t msg_receive(int queue, long type, char *text, size_t size, int flags, long *type_out);
/* Fills the queue with IPC_NOWAIT sends sized from its own msg_qbytes (none above msgmax), then
 * one 1-byte send that must be refused. Returns the text bytes accepted; stores that send's errno
 * and puts msg_qbytes, the message size and count in the evidence. */
int64_t msg_queue_fill(int queue, long msgmax, int *refused_errno);

/* ---- cases with several processes (process.c) -------------------------------- */
void send_full_blocks(int argc, char **argv);
void receive_empty_blocks(int argc, char **argv);
void rmid_wakes_receiver(int argc, char **argv);
void outlives_creator(int argc, char **argv);
void other_uid_send(int argc, char **argv);
void many_writers_many_readers(int argc, char **argv);

/* ---- msgctl and msgrcv flags, one process (control.c) ---------------------------------------- */
/* A new queue (slot 0) holding (3,first) (2,second) (1,third) (2,fourth); puts evidence.queued. */
int msg_queue_typed(void);
void receive_except(int argc, char **argv);
void copy_by_index(int argc, char **argv);
void copy_keeps_messages(int argc, char **argv);
void copy_without_nowait(int argc, char **argv);
void new_queue_times_and_pids(int argc, char **argv);
void send_time(int argc, char **argv);
void receive_time(int argc, char **argv);
void ipc_set_mode(int argc, char **argv);
void ipc_set_uid(int argc, char **argv);
void ipc_info(int argc, char **argv);
void private_always_new(int argc, char **argv);
void existing_key_excl(int argc, char **argv);
void absent_key(int argc, char **argv);
void send_type_zero(int argc, char **argv);

/* ---- msgctl and interrupted waits with a second process (waiters.c) -------------------------- */
void last_sender_pid(int argc, char **argv);
void last_receiver_pid(int argc, char **argv);
void send_interrupted(int argc, char **argv);
void receive_interrupted(int argc, char **argv);
void rmid_wakes_sender(int argc, char **argv);
void other_uid_ipc_set(int argc, char **argv);
void other_uid_raise_qbytes(int argc, char **argv);
void raise_qbytes(int argc, char **argv);
void queues_in_new_namespace(int argc, char **argv);

/* ---- pids across the boundary of a PID namespace of the probe's own (pid_namespace.c) ---- */
void lspid_across_pid_namespace(int argc, char **argv);

#endif
