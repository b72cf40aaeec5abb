/* posix-mq-probe's cases live in a few files, one concern each: single-queue behaviour
 * (probe.c), attributes (attributes.c), refused calls (errors.c), timed and interrupted waits
 * (timed.c, timed_variants.c), another user (other_uid.c), notification (notify.c) and a queue's life and
 * limits (lifetime.c). This is what they share. */
#ifndef IPC_CONFORMANCE_POSIX_MQ_CASES_H
#define IPC_CONFORMANCE_POSIX_MQ_CASES_H

#include <mqueue.h>

/* The attributes the cases ask for when they need a known, small queue; within the default
 * msg_max (10) and msgsize_max (8192), so an unprivileged caller gets them too. */
#define SMALL_QUEUE_MAXMSG  8
#define SMALL_QUEUE_MSGSIZE 64

/* A step before the call under test failed with `err`: that is the observation (value null, the
 * errno, evidence.failed_step), not a broken probe, because a runtime that lacks part of the
 * mechanism (gVisor answers mq_send with ENOSYS) diverges from the documentation. Exits 0. */
_Noreturn void setup_failed(const char *step, int err);

/* Creates a new queue named `name` (O_CREAT|O_EXCL|O_RDWR|extra_flags, mode 0600) and registers it
 * for removal at once. maxmsg 0 passes attr NULL (the defaults); a failure is setup_failed. */
mqd_t make_queue(const char *name, int extra_flags, long maxmsg, long msgsize);
/* mq_send as a setup step (setup_failed when refused), never for the call under test. */
void send_or_fail(mqd_t queue, const char *text, unsigned priority);

/* mq_getattr as a setup step (setup_failed when refused). */
struct mq_attr attributes_or_fail(mqd_t queue);

/* attributes.c */
void getattr_maxmsg(int argc, char **argv);
void getattr_msgsize(int argc, char **argv);
void getattr_curmsgs(int argc, char **argv);
void curmsgs_after_receive(int argc, char **argv);
void getattr_nonblock_flag(int argc, char **argv);
void setattr_sets_nonblock(int argc, char **argv);
void setattr_clears_nonblock(int argc, char **argv);
void setattr_ignores_sizes(int argc, char **argv);
void setattr_returns_old(int argc, char **argv);
void created_with_mode(int argc, char **argv);
void setattr_unknown_flag(int argc, char **argv);
void failed_setattr_changes_nothing(int argc, char **argv);

/* errors.c */
void send_priority_at_prio_max(int argc, char **argv);
void send_highest_priority(int argc, char **argv);
void receive_small_buffer(int argc, char **argv);
void failed_receive_keeps_message(int argc, char **argv);
void send_exactly_msgsize(int argc, char **argv);
void send_on_read_only(int argc, char **argv);
void receive_on_write_only(int argc, char **argv);
void create_exclusive_existing(int argc, char **argv);
void open_missing(int argc, char **argv);
void creat_existing_opens_it(int argc, char **argv);
void open_name_too_long(int argc, char **argv);
void unlink_name_too_long(int argc, char **argv);
void unlink_missing(int argc, char **argv);
void maxmsg_zero(int argc, char **argv);
void call_on_non_queue(int argc, char **argv);
void close_twice(int argc, char **argv);
void read_write_both_ways(int argc, char **argv);
void open_beyond_rlimit_nofile(int argc, char **argv);

/* timed.c */
void timedsend_full(int argc, char **argv);
void timedreceive_deadline(int argc, char **argv);
void timedsend_deadline(int argc, char **argv);
void timedreceive_nonblocking_empty(int argc, char **argv);
void receive_interrupted(int argc, char **argv);
void send_interrupted(int argc, char **argv);

/* timed_variants.c */
void timedreceive_refused(int argc, char **argv);
void timedsend_refused(int argc, char **argv);
void timedreceive_past_deadline_with_message(int argc, char **argv);
void timedsend_past_deadline_with_room(int argc, char **argv);
void timedsend_priority_order(int argc, char **argv);
void timedreceive_interrupted(int argc, char **argv);
void timedsend_interrupted(int argc, char **argv);

/* other_uid.c */
void other_uid_mode_0600(int argc, char **argv);
void other_uid_above_ceiling(int argc, char **argv);
void other_uid_read_only_mode(int argc, char **argv);
void other_uid_unlink(int argc, char **argv);
void other_uid_queues_max(int argc, char **argv);

/* notify.c */
void notify_first_message(int argc, char **argv);
void notify_not_rearmed(int argc, char **argv);
void notify_second_registration(int argc, char **argv);
void notify_freed_by_close(int argc, char **argv);
void notify_unregistered_by_null(int argc, char **argv);
void notify_not_for_nonempty_queue(int argc, char **argv);
void notify_blocked_receiver_first(int argc, char **argv);
void notify_free_after_delivery(int argc, char **argv);
void notify_si_code(int argc, char **argv);

void outlives_creator(int argc, char **argv);
void open_after_unlink(int argc, char **argv);
void unlinked_queue_still_usable(int argc, char **argv);
void dev_mqueue_qsize(int argc, char **argv);
void rlimit_msgqueue_exceeded(int argc, char **argv);
void exclusive_create_race(int argc, char **argv);

#endif
