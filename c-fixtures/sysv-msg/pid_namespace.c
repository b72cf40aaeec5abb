/* msg_lspid across the boundary of a PID namespace of the probe's own (msgctl(2),
 * pid_namespaces(7)): one queue, one IPC namespace, a sender on one side, and IPC_STAT read on
 * both sides. The pid is given as the reader's namespace numbers the sender, 0 when it has none. */
#include <errno.h>
#include <sys/msg.h>

#include "common/pid_namespace.h"
#include "common/probe.h"
#include "cases.h"

static int send_one(void *arg, int *queue) {
    (void)arg;
    return msg_send(*queue, 1, "p", 1, IPC_NOWAIT) == 0 ? 0 : errno;
}

static long last_sender(void *arg, int queue) {
    (void)arg;
    struct msqid_ds status;
    return msgctl(queue, IPC_STAT, &status) == 0 ? (long)status.msg_lspid : -1;
}

void lspid_across_pid_namespace(int argc, char **argv) {
    if (argc < 2) probe_usage("lspid-across-pid-namespace needs SENDER READER");
    bool sender_inside = parse_namespace_side(argv[0], "sender");
    bool reader_inside = parse_namespace_side(argv[1], "reader");
    int queue = msg_queue_create(0);
    struct pid_field_views views;
    observe_pid_field_across_pid_namespace(sender_inside, send_one, last_sender, NULL, queue, &views);
    if (views.act_errno) probe_fail("msgsnd: %s", errno_name(views.act_errno));
    emit_pid_field_views(&views, reader_inside);
}
