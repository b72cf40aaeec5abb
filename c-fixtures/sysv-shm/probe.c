/* sysv-shm-probe: observes System V shared memory (shmget(2), shmat(2), shmctl(2), sysvipc(7)).
 * One case per run; the case table below says what each case observes. The cases here
 * need one process; those that need two live in sharing.c. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/sysctl.h"
#include "cases.h"

#define SHMMAX_PATH "/proc/sys/kernel/shmmax"

int segment_create(key_t key, size_t size) {
    int flags = IPC_CREAT | 0600 | (key == IPC_PRIVATE ? 0 : IPC_EXCL);
    int id = shmget(key, size, flags);
    if (id < 0) probe_fail("shmget(%#x, %zu): %s", (unsigned)key, size, strerror(errno));
    cleanup_sysv_later(IPC_SYSV_SHM, id);
    return id;
}

void *segment_attach(int id, int flags) {
    void *address = shmat(id, NULL, flags);
    if (address == (void *)-1) probe_fail("shmat(%d): %s", id, strerror(errno));
    return address;
}

struct shmid_ds segment_stat(int id) {
    struct shmid_ds status;
    if (shmctl(id, IPC_STAT, &status) != 0) probe_fail("shmctl(%d, IPC_STAT): %s", id, strerror(errno));
    return status;
}

static void two_attachments_alias(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    volatile char *first = segment_attach(id, 0);
    volatile char *second = segment_attach(id, 0);
    /* Two addresses, one memory: a byte stored through one is the byte loaded through the other,
     * with no system call in between that could have copied it. */
    first[100] = 'A';
    bool second_sees_first = second[100] == 'A';
    second[200] = 'B';
    bool first_sees_second = first[200] == 'B';
    obs_value_bool(second_sees_first && first_sees_second);
    obs_evidence_bool("distinct_addresses", first != second);
    obs_evidence_bool("second_sees_first", second_sees_first);
    obs_evidence_bool("first_sees_second", first_sees_second);
    obs_emit();
}

static void segsz_is_requested_size(int argc, char **argv) {
    long requested = arg_long(argc, argv, 0, 100);
    int id = segment_create(IPC_PRIVATE, (size_t)requested);
    obs_value_int((int64_t)segment_stat(id).shm_segsz);
    obs_evidence_int("requested", requested);
    obs_evidence_int("page_size", sysconf(_SC_PAGESIZE));
    obs_emit();
}

static void nattch_counts_attachments(int argc, char **argv) {
    (void)argc, (void)argv;
    enum { ATTACHMENTS = 3 };
    int id = segment_create(IPC_PRIVATE, 4096);
    void *addresses[ATTACHMENTS];
    int64_t before = (int64_t)segment_stat(id).shm_nattch;
    for (int i = 0; i < ATTACHMENTS; i++) addresses[i] = segment_attach(id, 0);
    obs_value_int((int64_t)segment_stat(id).shm_nattch);
    shmdt(addresses[0]);
    obs_evidence_int("nattch_after_one_detach", (int64_t)segment_stat(id).shm_nattch);
    obs_evidence_int("nattch_before_attach", before);
    obs_evidence_int("attachments", ATTACHMENTS);
    obs_emit();
}

/* Reports shmget(IPC_PRIVATE, size) as value (the id, -1 on failure) and errno. */
static void observe_new_segment(size_t size) {
    int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
    int err = id < 0 ? errno : 0;
    if (id >= 0) cleanup_sysv_later(IPC_SYSV_SHM, id);
    obs_value_int(id < 0 ? -1 : id);
    obs_errno(err);
}

static void size_above_shmmax(int argc, char **argv) {
    (void)argc, (void)argv;
    unsigned long long shmmax = 0;
    /* No sysctl to compare with: that absence is the observation. */
    if (sysctl_numbers_or_report(SHMMAX_PATH, &shmmax, 1) != 1) probe_fail("%s holds no number", SHMMAX_PATH);
    char text[32];
    snprintf(text, sizeof text, "%llu", shmmax);
    obs_evidence_str("shmmax", text); /* a string: the default is beyond what JSON numbers keep */
    if (shmmax >= SIZE_MAX) {
        /* No size_t exceeds the limit, so the check cannot be made; say so instead of passing. */
        obs_evidence_bool("shmmax_is_size_max", true);
        obs_emit();
        return;
    }
    snprintf(text, sizeof text, "%llu", shmmax + 1);
    obs_evidence_str("requested", text);
    observe_new_segment((size_t)shmmax + 1);
    obs_emit();
}

static void size_below_shmmin(int argc, char **argv) {
    (void)argc, (void)argv;
    struct shminfo info;
    if (shmctl(0, IPC_INFO, (struct shmid_ds *)&info) >= 0) obs_evidence_int("shmmin", (int64_t)info.shmmin);
    obs_evidence_int("requested", 0);
    observe_new_segment(0);
    obs_emit();
}

static void ipc_info_shmmni(int argc, char **argv) {
    (void)argc, (void)argv;
    struct shminfo info;
    int result = shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
    if (result >= 0) obs_value_int((int64_t)info.shmmni);
    obs_errno(result < 0 ? errno : 0);
    obs_emit();
}

static void existing_key_excl_gives_eexist(int argc, char **argv) {
    (void)argc, (void)argv;
    key_t key = probe_ipc_key(0);
    segment_create(key, 4096);
    int again = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    int err = again < 0 ? errno : 0;
    if (again >= 0) cleanup_sysv_later(IPC_SYSV_SHM, again);
    obs_value_int(again < 0 ? -1 : again);
    obs_errno(err);
    obs_emit();
}

static void existing_key_larger_size_gives_einval(int argc, char **argv) {
    (void)argc, (void)argv;
    key_t key = probe_ipc_key(0);
    segment_create(key, 4096);
    int again = shmget(key, 2 * 4096, 0600);
    obs_value_int(again < 0 ? -1 : again);
    obs_errno(again < 0 ? errno : 0);
    obs_evidence_int("existing_size", 4096);
    obs_evidence_int("requested", 2 * 4096);
    obs_emit();
}

/* A keyed segment, attached, holding "alive", then removed with IPC_RMID while still attached.
 * Each rmid-* case reports one fact about the state this leaves; the evidence carries them all. */
static void observe_rmid_while_attached(const char *fact) {
    key_t key = probe_ipc_key(1);
    int id = segment_create(key, 4096);
    char *memory = segment_attach(id, 0);
    strcpy(memory, "alive");
    if (shmctl(id, IPC_RMID, NULL) != 0) probe_fail("shmctl(IPC_RMID): %s", strerror(errno));
    struct shmid_ds after = segment_stat(id);
    int lookup = shmget(key, 0, 0);
    int lookup_errno = lookup < 0 ? errno : 0;
    if (lookup >= 0 && lookup != id) cleanup_sysv_later(IPC_SYSV_SHM, lookup);
    bool dest = (after.shm_perm.mode & SHM_DEST) != 0;

    if (strcmp(fact, "dest") == 0)
        obs_value_bool(dest);
    else if (strcmp(fact, "key") == 0)
        obs_value_int(after.shm_perm.__key);
    else {
        obs_value_int(lookup < 0 ? -1 : lookup);
        obs_errno(lookup_errno);
    }
    obs_evidence_int("key_before", key);
    obs_evidence_int("key_after", after.shm_perm.__key);
    obs_evidence_int("mode_after", after.shm_perm.mode);
    obs_evidence_bool("shm_dest", dest);
    obs_evidence_int("nattch_after", (int64_t)after.shm_nattch);
    obs_evidence_str("lookup_errno", lookup_errno ? errno_name(lookup_errno) : "none");
    obs_evidence_bool("data_still_readable", strcmp(memory, "alive") == 0);
    shmdt(memory); /* the last detach: the segment is destroyed here */
    obs_emit();
}

static void rmid_marks_dest(int argc, char **argv) {
    (void)argc, (void)argv, observe_rmid_while_attached("dest");
}
static void rmid_key_becomes_private(int argc, char **argv) {
    (void)argc, (void)argv, observe_rmid_while_attached("key");
}
static void rmid_lookup_by_key_fails(int argc, char **argv) {
    (void)argc, (void)argv, observe_rmid_while_attached("lookup");
}

static const probe_case cases[] = {
    PROBE_CASE("two-attachments-alias", two_attachments_alias,
               "one IPC_PRIVATE segment attached twice in one process; a byte stored through each "
               "address is loaded through the other; value = true when both are seen; "
               "evidence.distinct_addresses"),
    PROBE_CASE("segsz-is-requested-size", segsz_is_requested_size,
               "shmget(IPC_PRIVATE, bytes); value = shm_segsz from IPC_STAT; evidence.requested, "
               "evidence.page_size",
               OPTIONAL_PARAM("bytes", "the size to ask for (default 100)")),
    PROBE_CASE("nattch-counts-attachments", nattch_counts_attachments,
               "one segment attached 3 times by this process; value = shm_nattch; evidence.attachments = "
               "3, nattch_before_attach, nattch_after_one_detach"),
    PROBE_CASE("size-above-shmmax", size_above_shmmax,
               "reads /proc/sys/kernel/shmmax and asks shmget(IPC_PRIVATE) for one byte more; value = id "
               "(-1 on failure), errno; evidence.shmmax, requested (strings); when shmmax is SIZE_MAX no "
               "size exceeds it and evidence.shmmax_is_size_max = true"),
    PROBE_CASE("size-below-shmmin", size_below_shmmin,
               "shmget(IPC_PRIVATE, 0); value = id (-1 on failure), errno; evidence.shmmin from IPC_INFO"),
    PROBE_CASE("ipc-info-shmmni", ipc_info_shmmni, "shmctl(0, IPC_INFO); value = shminfo.shmmni, errno"),
    PROBE_CASE("existing-key-excl-gives-eexist", existing_key_excl_gives_eexist,
               "creates a segment with a per-run key, then shmget(key, IPC_CREAT|IPC_EXCL) again; value "
               "= id (-1 on failure), errno"),
    PROBE_CASE("existing-key-larger-size-gives-einval", existing_key_larger_size_gives_einval,
               "creates a 4096-byte segment with a per-run key, then shmget(key, 8192) without "
               "IPC_CREAT; value = id (-1 on failure), errno"),
    PROBE_CASE("rmid-marks-dest", rmid_marks_dest,
               "keyed segment, attached, IPC_RMID, IPC_STAT; value = SHM_DEST set in shm_perm.mode; "
               "evidence.key_before, key_after, nattch_after, lookup_errno, data_still_readable"),
    PROBE_CASE("rmid-key-becomes-private", rmid_key_becomes_private,
               "as rmid-marks-dest; value = shm_perm.__key after IPC_RMID (0 = IPC_PRIVATE)"),
    PROBE_CASE("rmid-lookup-by-key-fails", rmid_lookup_by_key_fails,
               "as rmid-marks-dest; value = shmget(old key, 0, 0) (-1 on failure), errno"),
    PROBE_CASE("writes-visible-both-ways", writes_visible_both_ways,
               "keyed segment; a helper re-executed through /proc/self/exe attaches by key; the probe "
               "stores PING, the helper loads it and after delay_ms stores PONG, the probe loads it (no "
               "system call in between); value = true when both were seen; evidence.helper_saw_ping, "
               "probe_saw_pong, round_trip_ns",
               OPTIONAL_PARAM("delay_ms", "milliseconds the helper waits between PING and PONG (default 0)")),
    HELPER_CASE("helper-answer", helper_answer, PARAM("key", "the segment's key"),
                PARAM("delay_ms", "milliseconds between PING and PONG")),
    PROBE_CASE("outlives-its-creator", outlives_its_creator,
               "a child creates a keyed segment, writes text, detaches and exits; after reaping it the "
               "probe looks the key up and attaches; value = true when the text is there (false and "
               "errno when the key is gone); evidence.nattch_before_attach, cpid_is_creator, "
               "shm_rmid_forced"),
    PROBE_CASE("fork-inherits-attachment", fork_inherits_attachment,
               "attached segment, fork; the child writes through the inherited address; value = true "
               "when the parent reads it; evidence.nattch_with_child, nattch_after_child_exit"),
    PROBE_CASE("rdonly-attach-write-faults", rdonly_attach_write_faults,
               "a child attaches with SHM_RDONLY, reads, then stores a byte; signal = what ended the "
               "child (SIGSEGV expected); value = true if the store reached the segment"),
    PROBE_CASE("lost-updates-without-synchronisation", lost_updates_without_synchronisation,
               "two processes each add 1 to a shared counter `iterations` times with a plain load and "
               "store, rounds repeated until updates are lost (4 s budget); value = 2*iterations - final "
               "counter; evidence.rounds, final_counter, online_cpus",
               OPTIONAL_PARAM("iterations", "additions per process and round (default 2000000)"),
               OPTIONAL_PARAM("rounds", "rounds at most (default 200)")),
    PROBE_CASE("other-uid-denied-by-mode-0600", other_uid_denied_by_mode_0600,
               "needs root; a 0600 segment; a child as uid 65534 calls shmat; value = attached, errno; "
               "evidence.uid, mode"),
    PROBE_CASE("rmid-data-readable-until-last-detach", rmid_data_readable_until_last_detach,
               "the probe attaches, writes, a child inherits the attachment, the probe IPC_RMIDs and "
               "detaches, then the child reads; value = true when the child still reads the data; "
               "evidence.nattch_after_probe_detached, shm_dest_while_held, holder_could_write, "
               "stat_after_last_detach"),
    PROBE_CASE("rmid-destroyed-at-last-detach", rmid_destroyed_at_last_detach,
               "as rmid-data-readable-until-last-detach; after the child detaches, IPC_STAT on the id; "
               "value = its result (-1), errno (EINVAL: the id no longer exists)"),
    PROBE_CASE("new-segment-times-and-pids", new_segment_times_and_pids,
               "IPC_STAT of a new segment; value = \"shm_atime,shm_dtime,shm_lpid,shm_nattch\""),
    PROBE_CASE("attach-time", attach_time,
               "shmat bracketed by time(2) until both read the same second; value = shm_atime; "
               "evidence.attached_at (that second)"),
    PROBE_CASE("detach-time", detach_time,
               "shmat then shmdt bracketed by time(2) until both read the same second; value = shm_dtime; "
               "evidence.detached_at (that second)"),
    PROBE_CASE("ipc-set-mode", ipc_set_mode,
               "the owner sets shm_perm.mode 0640 with IPC_SET; value = mode from IPC_STAT (\"%04o\"), "
               "errno of IPC_SET; evidence.requested"),
    PROBE_CASE("privileged-lock", privileged_lock,
               "needs root; shmctl(SHM_LOCK) on a new segment; value = SHM_LOCKED set in shm_perm.mode "
               "afterwards, errno of SHM_LOCK; then SHM_UNLOCK; evidence.locked_after_unlock"),
    PROBE_CASE("private-always-new", private_always_new,
               "shmget(IPC_PRIVATE, 4096, 0600) twice, without IPC_CREAT; value = true when both made "
               "distinct segments; errno of a failed shmget"),
    PROBE_CASE("absent-key", absent_key,
               "shmget(per-run key no segment has, 4096, 0600) without IPC_CREAT; value = id (-1 on "
               "failure), errno (ENOENT expected)"),
    PROBE_CASE("attach-removed-id", attach_removed_id,
               "a segment never attached, removed with IPC_RMID, then shmat(its id); value = attached, "
               "errno (EINVAL expected)"),
    PROBE_CASE("detach-unattached", detach_unattached,
               "shmdt of a mapped page where no segment is attached; value = return, errno (EINVAL "
               "expected)"),
    PROBE_CASE("unaligned-attach", unaligned_attach,
               "shmat at an address one byte past a page boundary without SHM_RND; value = attached, "
               "errno (EINVAL expected); evidence.shmlba"),
    PROBE_CASE("creator-pid", creator_pid,
               "the probe creates a segment, a helper attaches, detaches and exits; value = shm_cpid; "
               "evidence.creator_pid (the probe), attacher_pid"),
    PROBE_CASE("last-attach-pid", last_attach_pid,
               "as creator-pid; value = shm_lpid; evidence.attacher_pid (the helper), creator_pid"),
    PROBE_CASE("write-after-detach-faults", write_after_detach_faults,
               "a child attaches, stores, detaches, then stores at the old address; signal = what ended "
               "the child (SIGSEGV expected); value = true if the late store reached the segment; "
               "evidence.child_status, store_before_detach_landed"),
    PROBE_CASE("other-uid-ipc-set", other_uid_ipc_set,
               "needs root; a 0600 segment of the caller; a child as uid 65534 tries IPC_SET mode 0666; "
               "value = shmctl result, errno (EPERM expected); evidence.uid, owner_uid, mode_after"),
    PROBE_CASE("other-uid-lock", other_uid_lock,
               "needs root; a child as uid 65534 with RLIMIT_MEMLOCK 0 makes its own segment and calls "
               "shmctl(SHM_LOCK); value = result, errno (EPERM expected); evidence.uid, rlimit_memlock"),
    PROBE_CASE("segments-in-new-namespace", segments_in_new_namespace,
               "needs root; a child enters a new IPC namespace (unshare; without CAP_SYS_ADMIN inside a new "
               "user namespace it maps to its own uid), sets kernel.shmmni there to "
               "shmmni and makes IPC_PRIVATE segments until refused (at most shmmni + 5); value = "
               "segments made, errno of the refusal (ENOSPC expected); the errno of unshare or of the "
               "write when the limit cannot be lowered; evidence.shmmni, failed_step",
               OPTIONAL_PARAM("shmmni", "the limit set inside the namespace (default 4)")),
    PROBE_CASE(
        "cpid-across-pid-namespace", cpid_across_pid_namespace,
        "a helper makes a PID namespace (same IPC namespace) whose init is pid 1; `creator` makes a segment "
        "(shmget, then shmat and IPC_RMID so that it lives as long as its attachments), "
        "inside (the init) or outside (the helper, in the parent namespace); then both read "
        "shm_cpid (shmctl IPC_STAT) while the init lives; value = what `reader` read, errno of that read; "
        "evidence.act_errno, inside_pid_in_own_namespace, inside_pid_in_parent_namespace, "
        "outside_pid_in_parent_namespace",
        PARAM("creator", "inside or outside"), PARAM("reader", "inside or outside")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
