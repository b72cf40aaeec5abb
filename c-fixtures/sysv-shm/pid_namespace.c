/* shm_cpid across the boundary of a PID namespace of the probe's own (shmctl(2),
 * pid_namespaces(7)): one IPC namespace, a segment made on one side, IPC_STAT read on both sides.
 * The pid is given as the reader's namespace numbers the creator, 0 when it has none. */
#include <errno.h>
#include <sys/shm.h>

#include "common/pid_namespace.h"
#include "common/probe.h"
#include "cases.h"

#define SEGMENT_SIZE 4096

/* The creator makes the segment, attaches it and marks it removed: it lives exactly as long as the
 * attachments of the creator (and of the init, which a creator outside forks later), so whatever
 * ends the probe, nothing is left behind. */
static int create_attached(void *arg, int *segment) {
    (void)arg;
    int id = shmget(IPC_PRIVATE, SEGMENT_SIZE, IPC_CREAT | 0600);
    if (id < 0) return errno;
    int err = shmat(id, NULL, 0) == (void *)-1 ? errno : 0;
    shmctl(id, IPC_RMID, NULL);
    *segment = id;
    return err;
}

static long creator(void *arg, int segment) {
    (void)arg;
    struct shmid_ds status;
    return shmctl(segment, IPC_STAT, &status) == 0 ? (long)status.shm_cpid : -1;
}

void cpid_across_pid_namespace(int argc, char **argv) {
    if (argc < 2) probe_usage("cpid-across-pid-namespace needs CREATOR READER");
    bool creator_inside = parse_namespace_side(argv[0], "creator");
    bool reader_inside = parse_namespace_side(argv[1], "reader");
    struct pid_field_views views;
    observe_pid_field_across_pid_namespace(creator_inside, create_attached, creator, NULL, -1, &views);
    if (views.act_errno) probe_fail("shmget/shmat: %s", errno_name(views.act_errno));
    emit_pid_field_views(&views, reader_inside);
}
