/* sysv-shm cases with a second process about shmctl(2): the pids IPC_STAT records, access after
 * shmdt, IPC_SET and SHM_LOCK for another uid, and SHMMNI inside an IPC namespace of the probe's
 * own. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/ipc_namespace.h"
#include "common/probe.h"
#include "cases.h"

static void attach_and_detach_in_helper(void *arg) {
    void *address = shmat(*(int *)arg, NULL, 0);
    if (address == (void *)-1 || shmdt(address) != 0) _exit(1);
}

/* The probe creates a segment; a helper attaches, detaches and exits. */
static struct shmid_ds after_helper_attached(pid_t *helper_out) {
    int id = segment_create(IPC_PRIVATE, 4096);
    pid_t helper = spawn_helper(attach_and_detach_in_helper, &id);
    if (reap(helper, NULL) != 0) probe_fail("the attaching helper failed");
    *helper_out = helper;
    return segment_stat(id);
}

void creator_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    pid_t helper;
    struct shmid_ds status = after_helper_attached(&helper);
    obs_value_int(status.shm_cpid);
    obs_evidence_int("creator_pid", getpid());
    obs_evidence_int("attacher_pid", helper);
    obs_emit();
}

void last_attach_pid(int argc, char **argv) {
    (void)argc, (void)argv;
    pid_t helper;
    struct shmid_ds status = after_helper_attached(&helper);
    obs_value_int(status.shm_lpid);
    obs_evidence_int("attacher_pid", helper);
    obs_evidence_int("creator_pid", getpid());
    obs_emit();
}

static void store_after_detach(void *arg) {
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none); /* the fault must not leave a core dump */
    volatile char *memory = shmat(*(int *)arg, NULL, 0);
    if (memory == (void *)-1) _exit(2);
    memory[0] = 'a'; /* attached: fine */
    if (shmdt((void *)memory) != 0) _exit(3);
    memory[0] = 'b'; /* detached: must fault */
}

void write_after_detach_faults(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    char *memory = segment_attach(id, 0);
    memory[0] = 'o';
    int signal = 0;
    int status = reap(spawn_helper(store_after_detach, &id), &signal);
    obs_value_bool(memory[0] == 'b'); /* did the store land in the segment anyway? */
    obs_signal(signal);
    obs_evidence_int("child_status", status);
    obs_evidence_bool("store_before_detach_landed", memory[0] == 'a' || memory[0] == 'b');
    obs_emit();
}

struct set_job {
    int id;
    struct shmid_ds status;
};

struct set_result {
    int result, err;
};

static void set_mode_as_nobody(void *arg, void *report) {
    struct set_job *job = arg;
    struct set_result *result = report;
    struct shmid_ds wanted = job->status;
    wanted.shm_perm.mode = 0666;
    result->result = shmctl(job->id, IPC_SET, &wanted);
    result->err = result->result < 0 ? errno : 0;
}

void other_uid_ipc_set(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("other-uid-ipc-set acts as uid 65534 and needs root");
    struct set_job job = {.id = segment_create(IPC_PRIVATE, 4096)};
    job.status = segment_stat(job.id);
    struct set_result result;
    int uid = run_as_other_uid(set_mode_as_nobody, &job, &result, sizeof result, "uid-65534 helper");
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", segment_stat(job.id).shm_perm.mode & 0777);
    obs_value_int(result.result);
    obs_errno(result.err);
    obs_evidence_int("uid", uid);
    obs_evidence_int("owner_uid", (int64_t)job.status.shm_perm.uid);
    obs_evidence_str("mode_after", mode);
    obs_emit();
}

struct lock_result {
    int result, err;
    int own_segment;
};

/* Without CAP_IPC_LOCK and with RLIMIT_MEMLOCK 0, even the owner may not lock its segment. */
static void lock_as_nobody(void *arg, void *report) {
    (void)arg;
    struct lock_result *result = report;
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_MEMLOCK, &none) != 0) _exit(1);
    result->own_segment = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    if (result->own_segment < 0) _exit(1);
    result->result = shmctl(result->own_segment, SHM_LOCK, NULL);
    result->err = result->result < 0 ? errno : 0;
    shmctl(result->own_segment, IPC_RMID, NULL);
}

void other_uid_lock(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("other-uid-lock acts as uid 65534 and needs root");
    struct lock_result result;
    int uid = run_as_other_uid(lock_as_nobody, NULL, &result, sizeof result, "uid-65534 helper");
    shmctl(result.own_segment, IPC_RMID, NULL); /* already gone, unless the helper stopped short */
    obs_value_int(result.result);
    obs_errno(result.err);
    obs_evidence_int("uid", uid);
    obs_evidence_int("rlimit_memlock", 0);
    obs_emit();
}

static int new_private_segment(void) { return shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600); }

void segments_in_new_namespace(int argc, char **argv) {
    long limit = arg_long(argc, argv, 0, 4);
    if (limit < 1 || limit > 64) probe_usage("SHMMNI must be 1..64");
    if (geteuid() != 0) probe_usage("segments-in-new-namespace makes an IPC namespace and needs root");
    static const struct namespace_limit shmmni = {"/proc/sys/kernel/shmmni", "shmmni", single_limit_text,
                                                  new_private_segment};
    observe_objects_in_new_ipc_namespace(&shmmni, limit);
}
