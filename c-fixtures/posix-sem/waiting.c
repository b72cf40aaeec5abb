/* posix-sem-probe, waiting (sem_wait(3), sem_init(3)): a wait on zero lasts until a post, also
 * across processes through an unnamed semaphore in shared memory, and a timed wait gives up. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

static bool post(void *semaphore) { return sem_post(semaphore) == 0; }
static ssize_t wait_on(void *semaphore) { return sem_wait(semaphore); }

void wait_blocks(int argc, char **argv) {
    /* A named semaphore: the helper reaches it through the mapping it inherited across fork. */
    sem_t *semaphore = make_named_semaphore(probe_ipc_name("wait"), 0);
    observe_blocking_call(post, semaphore, arg_delay_ns(argc, argv, 0), wait_on, semaphore);
    obs_emit();
}

/* Lives in a MAP_SHARED|MAP_ANONYMOUS page that parent and child both see after fork. */
struct shared_wait {
    sem_t semaphore;
    int64_t started_ns; /* CLOCK_MONOTONIC is one clock for every process */
    int64_t woke_ns;
    int result;
    int err;
};

static void wait_in_child(void *arg) {
    struct shared_wait *shared = arg;
    shared->result = sem_wait(&shared->semaphore);
    shared->err = shared->result < 0 ? errno : 0;
    shared->woke_ns = monotonic_ns();
}

void unnamed_shared_wakes_child(int argc, char **argv) {
    int64_t delay = arg_delay_ns(argc, argv, 0);
    struct shared_wait *shared =
        mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    if (sem_init(&shared->semaphore, 1, 0) != 0) probe_fail("sem_init(pshared=1): %s", strerror(errno));
    shared->started_ns = monotonic_ns();
    pid_t child = spawn_helper(wait_in_child, shared);
    /* The child cannot return from sem_wait before this post: value 0 until then. */
    int64_t left = shared->started_ns + delay - monotonic_ns();
    if (left > 0) sleep_ns(left);
    if (sem_post(&shared->semaphore) != 0) probe_fail("sem_post: %s", strerror(errno));
    int status = reap(child, NULL);
    if (status != 0) probe_fail("the waiting child ended with status %d", status);
    obs_value_int(shared->result);
    obs_errno(shared->err);
    obs_elapsed_ns(shared->woke_ns - shared->started_ns);
    obs_delay_ns(delay);
    obs_evidence_int("pshared", 1);
    obs_emit();
}

static ssize_t timed_wait(void *semaphore, const struct timespec *deadline) {
    return sem_timedwait(semaphore, deadline);
}

void timedwait_zero(int argc, char **argv) {
    int64_t timeout_ns = arg_delay_ns(argc, argv, 0);
    sem_t semaphore;
    if (sem_init(&semaphore, 0, 0) != 0) probe_fail("sem_init: %s", strerror(errno));
    observe_timed_wait(timed_wait, &semaphore, timeout_ns);
    obs_emit();
}
