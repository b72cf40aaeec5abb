/* Single-process sysv-shm cases about shmctl(2) and shmat/shmdt's refusals: what IPC_STAT shows of
 * a new segment and after shmat/shmdt, IPC_SET by the owner, SHM_LOCK by a privileged caller, and
 * the EINVAL/ENOENT rules of shmget, shmat and shmdt. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

void new_segment_times_and_pids(int argc, char **argv) {
    (void)argc, (void)argv;
    struct shmid_ds status = segment_stat(segment_create(IPC_PRIVATE, 4096));
    char value[96];
    snprintf(value, sizeof value, "%lld,%lld,%d,%lu", (long long)status.shm_atime,
             (long long)status.shm_dtime, (int)status.shm_lpid, (unsigned long)status.shm_nattch);
    obs_value_str(value);
    obs_evidence_str("fields", "shm_atime,shm_dtime,shm_lpid,shm_nattch");
    obs_emit();
}

/* Runs step until time(2) reads the same second before and after it (at most 5 tries); that second. */
static time_t within_one_second(int id, void (*step)(int id)) {
    for (int attempt = 0; attempt < 5; attempt++) {
        time_t before = time(NULL);
        step(id);
        if (time(NULL) == before) return before;
    }
    probe_fail("the clock kept crossing a second boundary");
}

static void *attached;
static void attach_now(int id) {
    if (attached) shmdt(attached);
    attached = segment_attach(id, 0);
}
static void attach_then_detach_now(int id) {
    if (shmdt(segment_attach(id, 0)) != 0) probe_fail("shmdt: %s", strerror(errno));
}

void attach_time(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    time_t attached_at = within_one_second(id, attach_now);
    obs_value_int((int64_t)segment_stat(id).shm_atime);
    obs_evidence_int("attached_at", (int64_t)attached_at);
    obs_emit();
}

void detach_time(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    time_t detached_at = within_one_second(id, attach_then_detach_now);
    obs_value_int((int64_t)segment_stat(id).shm_dtime);
    obs_evidence_int("detached_at", (int64_t)detached_at);
    obs_emit();
}

void ipc_set_mode(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    struct shmid_ds status = segment_stat(id);
    status.shm_perm.mode = 0640;
    int result = shmctl(id, IPC_SET, &status);
    int err = errno;
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", segment_stat(id).shm_perm.mode & 0777);
    obs_value_str(mode);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_str("requested", "0640");
    obs_emit();
}

void privileged_lock(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("privileged-lock needs root (CAP_IPC_LOCK)");
    int id = segment_create(IPC_PRIVATE, 4096);
    int result = shmctl(id, SHM_LOCK, NULL);
    int err = errno;
    bool locked = (segment_stat(id).shm_perm.mode & SHM_LOCKED) != 0;
    if (result == 0) shmctl(id, SHM_UNLOCK, NULL);
    obs_value_bool(locked);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_bool("locked_after_unlock", (segment_stat(id).shm_perm.mode & SHM_LOCKED) != 0);
    obs_emit();
}

void private_always_new(int argc, char **argv) {
    (void)argc, (void)argv;
    int first = shmget(IPC_PRIVATE, 4096, 0600);
    int first_errno = errno;
    if (first >= 0) cleanup_sysv_later(IPC_SYSV_SHM, first);
    int second = shmget(IPC_PRIVATE, 4096, 0600);
    int second_errno = errno;
    if (second >= 0) cleanup_sysv_later(IPC_SYSV_SHM, second);
    obs_value_bool(first >= 0 && second >= 0 && first != second);
    obs_errno(first < 0 ? first_errno : second < 0 ? second_errno : 0);
    obs_emit();
}

void absent_key(int argc, char **argv) {
    (void)argc, (void)argv;
    int found = shmget(probe_ipc_key(4), 4096, 0600);
    int err = errno;
    if (found >= 0) cleanup_sysv_later(IPC_SYSV_SHM, found);
    obs_value_int(found < 0 ? -1 : found);
    obs_errno(found < 0 ? err : 0);
    obs_emit();
}

void attach_removed_id(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    /* Never attached, so IPC_RMID destroys it at once. */
    if (shmctl(id, IPC_RMID, NULL) != 0) probe_fail("shmctl(IPC_RMID): %s", strerror(errno));
    void *address = shmat(id, NULL, 0);
    int err = errno;
    obs_value_bool(address != (void *)-1);
    obs_errno(address == (void *)-1 ? err : 0);
    if (address != (void *)-1) shmdt(address);
    obs_emit();
}

void detach_unattached(int argc, char **argv) {
    (void)argc, (void)argv;
    /* A page of ordinary private memory: mapped, but no segment is attached there. */
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    int result = shmdt(page);
    int err = errno;
    munmap(page, 4096);
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_emit();
}

void unaligned_attach(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    /* An address one byte past a page boundary (SHMLBA is the page size here), without SHM_RND. */
    long page = sysconf(_SC_PAGESIZE);
    char *region = mmap(NULL, (size_t)page * 2, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    munmap(region, (size_t)page * 2);
    void *address = shmat(id, region + 1, 0);
    int err = errno;
    obs_value_bool(address != (void *)-1);
    obs_errno(address == (void *)-1 ? err : 0);
    if (address != (void *)-1) shmdt(address);
    obs_evidence_int("shmlba", (int64_t)SHMLBA);
    obs_emit();
}
