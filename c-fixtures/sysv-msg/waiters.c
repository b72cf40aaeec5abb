/* sysv_msg cases with a second process about msgctl(2) and interrupted waits: the pids IPC_STAT
 * records, a blocked call cut short by a signal handler or by IPC_RMID, IPC_SET and msg_qbytes for
 * another uid, and the MSGMNI limit inside an IPC namespace of the probe's own. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/ipc_namespace.h"
#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

/* ---- the pids IPC_STAT records -------------------------------------------------------------- */

static void send_from_helper(void *arg) {
    if (msg_send(*(int *)arg, 1, "from-helper", 11, IPC_NOWAIT) != 0) _exit(1);
}

static void receive_in_helper(void *arg) {
    char text[16];
    if (msg_receive(*(int *)arg, 0, text, sizeof text, IPC_NOWAIT, NULL) < 0) _exit(1);
}

void last_sender_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    pid_t sender = spawn_helper(send_from_helper, &queue);
    if (reap(sender, NULL) != 0) probe_fail("the sending helper failed");
    struct msqid_ds status = msg_queue_stat(queue);
    obs_value_int(status.msg_lspid);
    obs_evidence_int("sender_pid", sender);
    obs_evidence_int("probe_pid", getpid());
    obs_evidence_int("msg_lrpid", status.msg_lrpid);
    obs_emit();
}

void last_receiver_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    int queue = msg_queue_create(0);
    if (msg_send(queue, 1, "for-helper", 10, IPC_NOWAIT) != 0) probe_fail("msgsnd: %s", strerror(errno));
    pid_t receiver = spawn_helper(receive_in_helper, &queue);
    if (reap(receiver, NULL) != 0) probe_fail("the receiving helper failed");
    struct msqid_ds status = msg_queue_stat(queue);
    obs_value_int(status.msg_lrpid);
    obs_evidence_int("receiver_pid", receiver);
    obs_evidence_int("msg_lspid", status.msg_lspid);
    obs_evidence_int("probe_pid", getpid());
    obs_emit();
}

/* ---- waits cut short ------------------------------------------------------------------------ */

static void on_interrupt(int sig) { (void)sig; }

/* SIGUSR1 reaches the probe through a handler installed without SA_RESTART. */
static void catch_sigusr1(void) {
    struct sigaction action = {.sa_handler = on_interrupt};
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGUSR1, &action, NULL) != 0) probe_fail("sigaction: %s", strerror(errno));
}

static bool signal_the_probe(void *arg) {
    (void)arg;
    return kill(getppid(), SIGUSR1) == 0;
}

static bool remove_queue_now(void *arg) { return msgctl(*(int *)arg, IPC_RMID, NULL) == 0; }

static ssize_t send_blocking(void *arg) { return msg_send(*(int *)arg, 1, "x", 1, 0); }

static ssize_t receive_blocking(void *arg) {
    char text[16];
    return msg_receive(*(int *)arg, 0, text, sizeof text, 0, NULL);
}

/* A queue that refuses one more byte, or the probe fails. */
static int full_queue(void) {
    int queue = msg_queue_create(0);
    int refused = 0;
    int64_t filled = msg_queue_fill(queue, kernel_msgmax_or_report(), &refused);
    if (refused != EAGAIN) probe_fail("the queue could not be filled (last send: %s)", errno_name(refused));
    obs_evidence_int("filled", filled);
    return queue;
}

void send_interrupted(int argc, char **argv) {
    int queue = full_queue();
    catch_sigusr1();
    observe_blocking_call(signal_the_probe, NULL, arg_delay_ns(argc, argv, 0), send_blocking, &queue);
    obs_emit();
}

void receive_interrupted(int argc, char **argv) {
    int queue = msg_queue_create(0);
    catch_sigusr1();
    observe_blocking_call(signal_the_probe, NULL, arg_delay_ns(argc, argv, 0), receive_blocking, &queue);
    obs_emit();
}

void rmid_wakes_sender(int argc, char **argv) {
    int queue = full_queue();
    observe_blocking_call(remove_queue_now, &queue, arg_delay_ns(argc, argv, 0), send_blocking, &queue);
    obs_emit();
}

/* ---- another uid ---------------------------------------------------------------------------- */

struct set_job {
    int queue;
    struct msqid_ds status;
};

struct set_result {
    int result, err;
    int own_queue;
};

static void set_mode_as_nobody(void *arg, void *report) {
    struct set_job *job = arg;
    struct set_result *result = report;
    struct msqid_ds wanted = job->status;
    wanted.msg_perm.mode = 0666;
    result->result = msgctl(job->queue, IPC_SET, &wanted);
    result->err = result->result < 0 ? errno : 0;
}

void other_uid_ipc_set(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("other-uid-ipc-set acts as uid 65534 and needs root");
    struct set_job job = {.queue = msg_queue_create(0)};
    job.status = msg_queue_stat(job.queue);
    struct set_result result;
    int uid = run_as_other_uid(set_mode_as_nobody, &job, &result, sizeof result, "uid-65534 helper");
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", msg_queue_stat(job.queue).msg_perm.mode & 0777);
    obs_value_int(result.result);
    obs_errno(result.err);
    obs_evidence_int("uid", uid);
    obs_evidence_int("owner_uid", (int64_t)job.status.msg_perm.uid);
    obs_evidence_str("mode_after", mode);
    obs_emit();
}

/* The helper raises msg_qbytes of its own queue above msgmnb: ownership is not what stops it. */
static void raise_qbytes_as_nobody(void *arg, void *report) {
    long msgmnb = *(long *)arg;
    struct set_result *result = report;
    result->own_queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (result->own_queue < 0) _exit(1);
    struct msqid_ds status;
    if (msgctl(result->own_queue, IPC_STAT, &status) != 0) _exit(1);
    status.msg_qbytes = (msglen_t)(msgmnb + 1);
    result->result = msgctl(result->own_queue, IPC_SET, &status);
    result->err = result->result < 0 ? errno : 0;
    msgctl(result->own_queue, IPC_RMID, NULL);
}

void other_uid_raise_qbytes(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("other-uid-raise-qbytes acts as uid 65534 and needs root");
    long msgmnb = kernel_msgmnb_or_unknown();
    if (msgmnb < 0) probe_fail("/proc/sys/kernel/msgmnb is unreadable");
    struct set_result result;
    int uid = run_as_other_uid(raise_qbytes_as_nobody, &msgmnb, &result, sizeof result, "uid-65534 helper");
    msgctl(result.own_queue, IPC_RMID, NULL); /* already gone, unless the helper stopped short */
    obs_value_int(result.result);
    obs_errno(result.err);
    obs_evidence_int("uid", uid);
    obs_evidence_int("requested", msgmnb + 1);
    obs_evidence_int("kernel_msgmnb", msgmnb);
    obs_emit();
}

/* The probe itself raises msg_qbytes of its own queue above msgmnb: with CAP_SYS_RESOURCE it may. */
void raise_qbytes(int argc, char **argv) {
    (void)argc, (void)argv;
    long msgmnb = kernel_msgmnb_or_unknown();
    if (msgmnb < 0) probe_fail("/proc/sys/kernel/msgmnb is unreadable");
    int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (queue < 0) probe_fail("msgget: %s", strerror(errno));
    cleanup_sysv_later(IPC_SYSV_MSG, queue);
    struct msqid_ds status = msg_queue_stat(queue);
    status.msg_qbytes = (msglen_t)(msgmnb + 1);
    int result = msgctl(queue, IPC_SET, &status);
    int err = result < 0 ? errno : 0;
    long after = (long)msg_queue_stat(queue).msg_qbytes;
    obs_value_bool(result == 0 && after == msgmnb + 1);
    obs_errno(err);
    obs_evidence_int("requested", msgmnb + 1);
    obs_evidence_int("msg_qbytes_after", after);
    obs_evidence_int("kernel_msgmnb", msgmnb);
    obs_emit();
}

/* ---- MSGMNI in an IPC namespace of the probe's own ------------------------------------------- */

static int new_private_queue(void) { return msgget(IPC_PRIVATE, IPC_CREAT | 0600); }

void queues_in_new_namespace(int argc, char **argv) {
    long limit = arg_long(argc, argv, 0, 4);
    if (limit < 1 || limit > 64) probe_usage("LIMIT must be 1..64");
    if (geteuid() != 0) probe_usage("queues-in-new-namespace makes an IPC namespace and needs root");
    static const struct namespace_limit msgmni = {"/proc/sys/kernel/msgmni", "msgmni", single_limit_text,
                                                  new_private_queue};
    observe_objects_in_new_ipc_namespace(&msgmni, limit);
}
