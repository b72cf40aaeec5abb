/* posix_sem_probe, waiting (sem_wait(3), sem_init(3)): a wait on zero lasts until a post, also
 * across processes through an unnamed semaphore in shared memory, and a timed wait gives up. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "common/probe.h"
#include "posix_sem_cases.h"

struct delayed_post {
    sem_t *semaphore;
    int64_t delay_ns;
};

static void post_after_delay(void *arg) {
    struct delayed_post *post = arg;
    sleep_ns(post->delay_ns);
    if (sem_post(post->semaphore) != 0) _exit(1);
}

void wait_blocks(int argc, char **argv) {
    /* A named semaphore: the helper reaches it through the mapping it inherited across fork. */
    struct delayed_post post = {.semaphore = make_named_semaphore(probe_ipc_name("wait"), 0), .delay_ns = arg_delay_ns(argc, argv, 0)};
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(post_after_delay, &post);
    int result = sem_wait(post.semaphore);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    reap(helper, NULL);
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(post.delay_ns);
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
    struct shared_wait *shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
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

void timedwait_zero(int argc, char **argv) {
    int64_t timeout_ns = arg_delay_ns(argc, argv, 0);
    sem_t semaphore;
    if (sem_init(&semaphore, 0, 0) != 0) probe_fail("sem_init: %s", strerror(errno));
    struct timespec deadline; /* the timeout is an absolute CLOCK_REALTIME instant (sem_wait(3)) */
    clock_gettime(CLOCK_REALTIME, &deadline);
    int64_t when = (int64_t)deadline.tv_nsec + timeout_ns;
    deadline.tv_sec += (time_t)(when / 1000000000);
    deadline.tv_nsec = (long)(when % 1000000000);
    int64_t started = monotonic_ns();
    int result = sem_timedwait(&semaphore, &deadline);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    /* The value is how long the call waited, so that a spec can bound it; the errno says why it returned. */
    obs_value_int(elapsed);
    obs_errno(result < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_evidence_int("timeout_ns", timeout_ns);
    obs_evidence_int("returned", result);
    obs_emit();
}
