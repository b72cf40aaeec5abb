/* posix-mq-probe's cases live in a few files, one concern each: single-queue behaviour
 * (probe.c), notification (notify.c) and a queue's life and limits
 * (lifetime.c). This is what they share. */
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

void notify_first_message(int argc, char **argv);
void notify_not_rearmed(int argc, char **argv);
void notify_second_registration(int argc, char **argv);

void outlives_creator(int argc, char **argv);
void open_after_unlink(int argc, char **argv);
void unlinked_queue_still_usable(int argc, char **argv);
void dev_mqueue_qsize(int argc, char **argv);
void rlimit_msgqueue_exceeded(int argc, char **argv);

#endif
