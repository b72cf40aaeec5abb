/* Shared between the sysv_sem probe's files: set helpers (set.c) and the cases that need
 * more than one process (process.c). */
#ifndef IPC_CONFORMANCE_SYSV_SEM_CASES_H
#define IPC_CONFORMANCE_SYSV_SEM_CASES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/sem.h>
#include <sys/types.h>

/* The fourth argument of semctl, which the caller must define (semctl(2)). */
union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

/* The largest value a semaphore may hold (SEMVMX, a compile-time constant of Linux, <linux/sem.h>). */
#define PROBE_SEMVMX 32767

/* ---- set helpers (set.c) ----------------------------------------------------------- */
/* A new private set (mode 0600) of nsems semaphores under probe_ipc_key(slot), registered at once. */
int sem_set_create(int slot, int nsems);
void sem_set_value(int set, int num, int value);
int sem_get_value(int set, int num);
/* The values of the first n semaphores as "v0,v1,...". */
void sem_values_text(int set, int n, char *out, size_t size);
/* One semop of one operation; returns semop's result, errno intact. */
int sem_apply(int set, int num, int op, int flags);

/* kernel.sem: SEMMSL SEMMNS SEMOPM SEMMNI. When /proc does not expose it, that is the observation
 * (errno of the open, evidence.unreadable) and the case ends there. Puts all four in the evidence. */
struct kernel_sem_limits {
    long semmsl, semmns, semopm, semmni;
};
struct kernel_sem_limits kernel_sem_or_report(void);

/* ---- cases with several processes (process.c) -------------------------------- */
void p_at_zero_blocks(int argc, char **argv);
void wait_for_zero_blocks(int argc, char **argv);
void rmid_wakes_waiter(int argc, char **argv);
void undo_on_exit(int argc, char **argv);
void no_undo_on_exit(int argc, char **argv);
void all_or_none_while_blocked(int argc, char **argv);
void outlives_creator(int argc, char **argv);
void other_uid_semop(int argc, char **argv);

/* ---- semctl and semop limits, one process (control.c) ---------------------------------------- */
void setall_getall(int argc, char **argv);
void setall_above_semvmx(int argc, char **argv);
void setval_negative(int argc, char **argv);
void op_above_semvmx(int argc, char **argv);
void sem_num_out_of_range(int argc, char **argv);
void new_set_otime_and_pid(int argc, char **argv);
void semop_time(int argc, char **argv);
void ipc_set_mode(int argc, char **argv);
void private_always_new(int argc, char **argv);
void existing_key_excl(int argc, char **argv);
void nsems_above_existing(int argc, char **argv);

/* ---- waiters, interrupted waits and namespaces (waiters.c) ----------------------------------- */
void last_operator_pid(int argc, char **argv);
void ncnt_counts_waiters(int argc, char **argv);
void zcnt_counts_waiters(int argc, char **argv);
void timedop_times_out(int argc, char **argv);
void op_interrupted(int argc, char **argv);
void rmid_wakes_zero_waiter(int argc, char **argv);
void other_uid_ipc_set(int argc, char **argv);
void sets_in_new_namespace(int argc, char **argv);

/* ---- pids across the boundary of a PID namespace of the probe's own (pid_namespace.c) ---- */
void getpid_across_pid_namespace(int argc, char **argv);

#endif
