/* The sysv-shm-probe cases about a segment's lifetime across processes: it outlives its creator,
 * and after IPC_RMID it lives on until the last process detaches. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "common/creator.h"
#include "common/helpers.h"
#include "common/probe.h"
#include "common/sysctl.h"
#include "cases.h"

#define LEFT_BEHIND "left-by-creator"

/* The creator: makes the keyed segment, writes into it and exits. */
static void create_and_fill(key_t key) {
    int id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    if (id < 0) _exit(1);
    char *memory = shmat(id, NULL, 0);
    if (memory == (void *)-1) _exit(1);
    strcpy(memory, LEFT_BEHIND);
    shmdt(memory);
}

void outlives_its_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    struct sysv_creation made = sysv_made_by_exited_child(IPC_SYSV_SHM, probe_ipc_key(3), create_and_fill);
    /* A creator that failed after making the segment still left one: that is for the value to say. */
    if (made.id < 0 && made.creator_status != 0)
        probe_fail("the creator made no segment (status %d)", made.creator_status);
    if (made.id < 0) {
        obs_value_bool(false);
        obs_errno(made.lookup_errno);
    } else {
        struct shmid_ds status = segment_stat(made.id);
        obs_evidence_int("nattch_before_attach", (int64_t)status.shm_nattch);
        obs_evidence_bool("cpid_is_creator", status.shm_cpid == made.creator);
        const char *memory = segment_attach(made.id, SHM_RDONLY);
        obs_value_bool(strcmp(memory, LEFT_BEHIND) == 0);
    }
    obs_evidence_int("creator_pid", made.creator);
    obs_evidence_int("creator_status", made.creator_status);
    unsigned long long rmid_forced = 0;
    obs_evidence_int(
        "shm_rmid_forced",
        sysctl_numbers("/proc/sys/kernel/shm_rmid_forced", &rmid_forced, 1) == 1 ? (int64_t)rmid_forced : -1);
    obs_emit();
}

/* Steps of the child that keeps the segment attached after the probe removed and detached it. */
struct last_holder {
    int go[2];     /* probe → child: "I have removed and detached" */
    int report[2]; /* child → probe: what it read, then "detached" */
    char *memory;  /* inherited attachment */
};

static void read_then_detach(void *arg) {
    struct last_holder *holder = arg;
    char byte;
    if (read(holder->go[0], &byte, 1) != 1) _exit(1);
    char still_readable = strcmp(holder->memory, "before-rmid") == 0 ? '1' : '0';
    strcpy(holder->memory, "after-rmid"); /* still writable too */
    char still_writable = strcmp(holder->memory, "after-rmid") == 0 ? '1' : '0';
    char answer[2] = {still_readable, still_writable};
    if (write(holder->report[1], answer, 2) != 2) _exit(1);
    shmdt(holder->memory);
    if (write(holder->report[1], "d", 1) != 1) _exit(1);
}

/* The probe creates and attaches a segment, a child inherits the attachment, the probe removes it
 * with IPC_RMID and detaches, then the child reads and detaches last. */
static void observe_last_detach(bool report_destruction) {
    struct last_holder holder;
    channel_create(holder.go);
    channel_create(holder.report);
    int id = segment_create(IPC_PRIVATE, 4096);
    holder.memory = segment_attach(id, 0);
    strcpy(holder.memory, "before-rmid");
    pid_t child = spawn_helper(read_then_detach, &holder);

    if (shmctl(id, IPC_RMID, NULL) != 0) probe_fail("shmctl(IPC_RMID): %s", strerror(errno));
    shmdt(holder.memory);
    struct shmid_ds held = segment_stat(id); /* the child's attachment keeps it alive */
    if (write(holder.go[1], "g", 1) != 1) probe_fail("write: %s", strerror(errno));
    char answer[3] = {0};
    if (read_full(holder.report[0], answer, 3) != 3) probe_fail("the holding child reported nothing");
    struct shmid_ds gone;
    int after_last = shmctl(id, IPC_STAT, &gone);
    int after_last_errno = after_last < 0 ? errno : 0;
    reap(child, NULL);

    if (report_destruction) {
        obs_value_int(after_last);
        obs_errno(after_last_errno);
    } else {
        obs_value_bool(answer[0] == '1');
    }
    obs_evidence_int("nattch_after_probe_detached", (int64_t)held.shm_nattch);
    obs_evidence_bool("shm_dest_while_held", (held.shm_perm.mode & SHM_DEST) != 0);
    obs_evidence_bool("holder_read_old_data", answer[0] == '1');
    obs_evidence_bool("holder_could_write", answer[1] == '1');
    obs_evidence_str("stat_after_last_detach", after_last < 0 ? errno_name(after_last_errno) : "still there");
    obs_emit();
}

void rmid_data_readable_until_last_detach(int argc, char **argv) {
    (void)argc, (void)argv, observe_last_detach(false);
}
void rmid_destroyed_at_last_detach(int argc, char **argv) {
    (void)argc, (void)argv, observe_last_detach(true);
}
