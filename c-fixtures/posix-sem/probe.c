/* posix-sem-probe: observes POSIX semaphores (sem_overview(7), sem_open(3), sem_init(3),
 * sem_wait(3), sem_post(3)). One case per run; the case table below says what each
 * observes. Named-semaphore cases live in named.c, waiting cases in waiting.c. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"
#include "cases.h"

sem_t *make_named_semaphore(const char *name, unsigned value) {
    sem_t *semaphore = sem_open(name, O_CREAT | O_EXCL, 0600, value);
    if (semaphore == SEM_FAILED) probe_fail("sem_open %s: %s", name, strerror(errno));
    cleanup_posix_later(IPC_POSIX_SEM, name);
    return semaphore;
}

static void init_unnamed(sem_t *semaphore, unsigned value) {
    if (sem_init(semaphore, 0, value) != 0) probe_fail("sem_init(%u): %s", value, strerror(errno));
}

static void trywait_zero(int argc, char **argv) {
    (void)argc, (void)argv;
    sem_t semaphore;
    init_unnamed(&semaphore, 0);
    guard_arm();
    int result = sem_trywait(&semaphore);
    int err = errno;
    guard_disarm();
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_emit();
}

static void trywait_counts(int argc, char **argv) {
    long initial = arg_long(argc, argv, 0, 3);
    if (initial > 1000) probe_usage("VALUE must be at most 1000");
    sem_t semaphore;
    init_unnamed(&semaphore, (unsigned)initial);
    long taken = 0;
    guard_arm();
    while (sem_trywait(&semaphore) == 0) taken++;
    int err = errno;
    guard_disarm();
    obs_value_int(taken);
    obs_errno(err);
    obs_evidence_int("initial_value", initial);
    obs_emit();
}

static void post_overflow(int argc, char **argv) {
    (void)argc, (void)argv;
    sem_t semaphore;
    init_unnamed(&semaphore, SEM_VALUE_MAX);
    int result = sem_post(&semaphore);
    int err = result < 0 ? errno : 0;
    int value_after = -1;
    sem_getvalue(&semaphore, &value_after);
    obs_value_int(result);
    obs_errno(err);
    obs_evidence_int("SEM_VALUE_MAX", SEM_VALUE_MAX);
    obs_evidence_int("value_after", value_after);
    obs_emit();
}

static void value_max(int argc, char **argv) {
    (void)argc, (void)argv;
    long value = sysconf(_SC_SEM_VALUE_MAX);
    obs_value_int(value);
    obs_errno(value < 0 ? errno : 0);
    obs_evidence_int("SEM_VALUE_MAX", SEM_VALUE_MAX);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("trywait-zero", trywait_zero,
               "sem_init(value 0); sem_trywait; value = return, errno (EAGAIN expected)"),
    PROBE_CASE("trywait-counts", trywait_counts,
               "sem_init(value); sem_trywait until it fails; value = successful decrements, errno of the "
               "failed one; evidence.initial_value",
               OPTIONAL_PARAM("value", "the initial value (default 3)")),
    PROBE_CASE("post-overflow", post_overflow,
               "sem_init(SEM_VALUE_MAX); sem_post; value = return, errno (EOVERFLOW expected); "
               "evidence.SEM_VALUE_MAX, evidence.value_after (sem_getvalue)"),
    PROBE_CASE("value-max", value_max,
               "value = sysconf(_SC_SEM_VALUE_MAX); evidence.SEM_VALUE_MAX = the <limits.h> constant"),
    PROBE_CASE("named-outlives-creator", named_outlives_creator,
               "a helper creates a named semaphore with value 0, posts 3 times, closes it and exits; "
               "this process opens it by name; value = sem_getvalue; evidence.creator_posts"),
    PROBE_CASE("named-in-dev-shm", named_in_dev_shm,
               "sem_open(\"/NAME\", O_CREAT|O_EXCL, 0600); stat /dev/shm/sem.NAME; value = its "
               "permission bits as 4 octal digits (null and errno when absent); evidence.path, "
               "regular_file, size"),
    PROBE_CASE("named-open-after-unlink", named_open_after_unlink,
               "create a named semaphore, sem_unlink it, sem_open(name) without O_CREAT; value = whether "
               "it opened, errno (ENOENT expected)"),
    PROBE_CASE("named-unlinked-still-usable", named_unlinked_still_usable,
               "create a named semaphore with value 1, sem_unlink it, sem_post on the open handle; value "
               "= sem_getvalue afterwards (2 expected); evidence.initial_value"),
    PROBE_CASE("named-existing-ignores-value", named_existing_ignores_value,
               "create a named semaphore with value 1, then sem_open(O_CREAT, value 5) on the same name; "
               "value = sem_getvalue through the second handle; evidence.created_with, reopened_with"),
    PROBE_CASE("wait-blocks", wait_blocks,
               "sem_wait on a named semaphore of value 0; a helper posts after delay_ms; value = return, "
               "elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("unnamed-shared-wakes-child", unnamed_shared_wakes_child,
               "sem_init(pshared=1, 0) in a MAP_SHARED|MAP_ANONYMOUS page; a child sem_waits, the parent "
               "posts delay_ms after the start; value = the child's sem_wait return, errno, elapsed_ns = "
               "start to the child's wake-up, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("timedwait-zero", timedwait_zero,
               "sem_timedwait on value 0 with a deadline timeout_ms from now; value = ns the call took, "
               "errno (ETIMEDOUT expected); evidence.timeout_ns, evidence.returned",
               OPTIONAL_PARAM("timeout_ms", "the deadline, in milliseconds from now (default 200)")),
    PROBE_CASE("timedwait-bad-nsec", timedwait_bad_nsec,
               "sem_timedwait on value 0 with a deadline whose tv_nsec is 1000000000 (out of range); "
               "value = return, errno (EINVAL expected); elapsed_ns; evidence.value_after, tv_nsec"),
    PROBE_CASE("timedwait-past-deadline", timedwait_past_deadline,
               "sem_init(value); sem_timedwait with a deadline 1 s in the past; value = return, errno; "
               "elapsed_ns; evidence.initial_value, value_after",
               OPTIONAL_PARAM("value", "the initial value (default 0)")),
    PROBE_CASE("timedwait-posted-before-deadline", timedwait_posted_before_deadline,
               "sem_timedwait on a named semaphore of value 0 with a deadline 10 x delay_ms away; a "
               "helper posts after delay_ms; value = return, errno, elapsed_ns, delay_ns; "
               "evidence.deadline_ns",
               DELAY_PARAM),
    PROBE_CASE("wait-interrupted", wait_interrupted,
               "sem_wait on value 0; a helper sends SIGUSR1 (caught by a handler that returns, no "
               "SA_RESTART) after delay_ms; value = return, errno (EINTR expected), elapsed_ns, delay_ns",
               DELAY_PARAM),
    PROBE_CASE("named-excl-existing", named_excl_existing,
               "create a named semaphore, then sem_open(same name, O_CREAT|O_EXCL); value = whether it "
               "opened, errno (EEXIST expected)"),
    PROBE_CASE("named-open-missing", named_open_missing,
               "sem_open(a name never created, no O_CREAT); value = whether it opened, errno (ENOENT "
               "expected)"),
    PROBE_CASE("named-value-above-max", named_value_above_max,
               "sem_open(O_CREAT|O_EXCL, value sysconf(_SC_SEM_VALUE_MAX) + 1); value = whether it "
               "opened, errno (EINVAL expected); evidence.SEM_VALUE_MAX, requested"),
    PROBE_CASE("named-unlink-missing", named_unlink_missing,
               "sem_unlink(a name never created); value = return, errno (ENOENT expected)"),
    PROBE_CASE("named-same-address-twice", named_same_address_twice,
               "create a named semaphore, sem_open the same name again in the same process; value = "
               "whether both calls returned the same address"),
    PROBE_CASE("named-close-keeps-it", named_close_keeps_it,
               "create a named semaphore with value, sem_close it, sem_open the name again (no O_CREAT); "
               "value = sem_getvalue (errno when it is gone); evidence.initial_value, close_result",
               OPTIONAL_PARAM("value", "the initial value (default 2)")),
    PROBE_CASE("named-recreated-after-unlink", named_recreated_after_unlink,
               "create with 1, post twice, sem_unlink, create the name again with 0 while the old handle "
               "is open; value = the new semaphore's value; evidence.recreated_with, old_value, "
               "distinct_handles"),
    PROBE_CASE("named-other-uid-denied", named_other_uid_denied,
               "needs root; a named semaphore of mode 0600; a child as uid 65534 calls sem_open(name, 0); "
               "value = opened, errno (EACCES expected); evidence.uid"),
    PROBE_CASE("named-initial-value", named_initial_value,
               "sem_open(O_CREAT|O_EXCL, value); value = sem_getvalue; evidence.initial_value",
               OPTIONAL_PARAM("value", "the initial value (default 5)")),
    PROBE_CASE("getvalue-follows-operations", getvalue_follows_operations,
               "named semaphore of initial value, then posts x sem_post and waits x sem_wait; value = "
               "sem_getvalue; evidence.initial_value, posts, waits, expected (initial + posts - waits)",
               OPTIONAL_PARAM("value", "the initial value (default 2)"),
               OPTIONAL_PARAM("posts", "sem_post calls (default 3)"),
               OPTIONAL_PARAM("waits", "sem_wait calls, at most value + posts (default 1)")),
    PROBE_CASE("init-value-above-max", init_value_above_max,
               "sem_init(value sysconf(_SC_SEM_VALUE_MAX) + 1); value = return, errno (EINVAL "
               "expected); evidence.SEM_VALUE_MAX, requested"),
    PROBE_CASE("destroy-then-init", destroy_then_init,
               "sem_init(1), sem_destroy, sem_init(value) on the same memory; value = sem_getvalue "
               "(errno when a step failed); evidence.destroy_result, reinitialised_with",
               OPTIONAL_PARAM("value", "the value of the second sem_init (default 4)")),
    PROBE_CASE("named-other-uid-cannot-unlink", named_other_uid_cannot_unlink,
               "needs root; a named semaphore of mode 0600; a child as uid 65534 calls sem_unlink(name); "
               "value = whether it was unlinked, errno (EACCES expected); evidence.name_still_there, uid"),
    PROBE_CASE(
        "named-owner-is-creator", named_owner_is_creator,
        "sem_open(O_CREAT|O_EXCL); value = st_uid of /dev/shm/sem.NAME; evidence.euid, gid, egid, path"),
    PROBE_CASE("post-from-handler", post_from_handler,
               "sem_wait on a pshared semaphore of value 0 in shared memory; a helper raises SIGUSR1 on "
               "itself after delay_ms and its handler calls sem_post; value = return, errno, elapsed_ns, "
               "delay_ns; evidence.helper_status",
               DELAY_PARAM),
    PROBE_CASE("getvalue-leaves-value", getvalue_leaves_value,
               "sem_init(value); sem_getvalue three times; then sem_trywait until it fails; value = "
               "successful decrements; evidence.initial_value, getvalue_reported",
               OPTIONAL_PARAM("value", "the initial value (default 3)")),
    PROBE_CASE("getvalue-with-a-waiter", getvalue_with_a_waiter,
               "a pshared semaphore of value 0 in shared memory; a child blocks in sem_wait (seen asleep in "
               "/proc); value = sem_getvalue meanwhile; then a post releases the child; "
               "evidence.waiter_was_asleep, waiter_status"),
    PROBE_CASE("unnamed-private-wakes-thread", unnamed_private_wakes_thread,
               "sem_init(pshared=0, 0); a thread of this process sem_waits, the main thread posts after "
               "delay_ms; value = the thread's sem_wait return, elapsed_ns = start to its wake-up, delay_ns",
               DELAY_PARAM),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
