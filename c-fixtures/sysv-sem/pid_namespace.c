/* semctl(GETPID) across the boundary of a PID namespace of the probe's own (semctl(2),
 * pid_namespaces(7)): one set, one IPC namespace, a semop on one side, GETPID read on both sides.
 * The pid is given as the reader's namespace numbers the last operator, 0 when it has none. */
#include <errno.h>
#include <sys/sem.h>

#include "common/pid_namespace.h"
#include "common/probe.h"
#include "cases.h"

static int operate(void *arg, int *set) {
    (void)arg;
    return sem_apply(*set, 0, 1, IPC_NOWAIT) == 0 ? 0 : errno;
}

static long last_operator(void *arg, int set) {
    (void)arg;
    return semctl(set, 0, GETPID);
}

void getpid_across_pid_namespace(int argc, char **argv) {
    if (argc < 2) probe_usage("getpid-across-pid-namespace needs OPERATOR READER");
    bool operator_inside = parse_namespace_side(argv[0], "operator");
    bool reader_inside = parse_namespace_side(argv[1], "reader");
    int set = sem_set_create(0, 1);
    struct pid_field_views views;
    observe_pid_field_across_pid_namespace(operator_inside, operate, last_operator, NULL, set, &views);
    if (views.act_errno) probe_fail("semop: %s", errno_name(views.act_errno));
    emit_pid_field_views(&views, reader_inside);
}
