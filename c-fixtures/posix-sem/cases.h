/* posix-sem-probe's cases live in a few files, one concern each: single-process counting and
 * limits (probe.c), named semaphores (named.c) and waiting (waiting.c).
 * This is what they share. */
#ifndef IPC_CONFORMANCE_POSIX_SEM_CASES_H
#define IPC_CONFORMANCE_POSIX_SEM_CASES_H

#include <semaphore.h>

/* Creates a new named semaphore (O_CREAT|O_EXCL, mode 0600, `value`) and registers its name for
 * removal at once; a failure ends the probe. */
sem_t *make_named_semaphore(const char *name, unsigned value);

void named_outlives_creator(int argc, char **argv);
void named_in_dev_shm(int argc, char **argv);
void named_open_after_unlink(int argc, char **argv);
void named_unlinked_still_usable(int argc, char **argv);
void named_existing_ignores_value(int argc, char **argv);

void wait_blocks(int argc, char **argv);
void unnamed_shared_wakes_child(int argc, char **argv);
void timedwait_zero(int argc, char **argv);

void timedwait_bad_nsec(int argc, char **argv);
void timedwait_past_deadline(int argc, char **argv);
void timedwait_posted_before_deadline(int argc, char **argv);
void wait_interrupted(int argc, char **argv);
void post_from_handler(int argc, char **argv);
void getvalue_with_a_waiter(int argc, char **argv);
void unnamed_private_wakes_thread(int argc, char **argv);

/* opening.c: sem_open / sem_close / sem_unlink and what a name leads to */
void named_excl_existing(int argc, char **argv);
void named_open_missing(int argc, char **argv);
void named_value_above_max(int argc, char **argv);
void named_unlink_missing(int argc, char **argv);
void named_same_address_twice(int argc, char **argv);
void named_close_keeps_it(int argc, char **argv);
void named_recreated_after_unlink(int argc, char **argv);
void named_other_uid_denied(int argc, char **argv);
void named_other_uid_cannot_unlink(int argc, char **argv);
void named_owner_is_creator(int argc, char **argv);

/* counting.c: the value */
void named_initial_value(int argc, char **argv);
void getvalue_follows_operations(int argc, char **argv);
void init_value_above_max(int argc, char **argv);
void destroy_then_init(int argc, char **argv);
void getvalue_leaves_value(int argc, char **argv);

#endif
