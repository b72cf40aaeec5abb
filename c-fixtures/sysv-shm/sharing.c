/* The sysv-shm-probe cases where a second process shares the memory: visibility of writes in both
 * directions, inheritance across fork, read-only attaches, the absence of any synchronisation, and
 * permissions for another uid. */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/pingpong.h"
#include "common/probe.h"
#include "cases.h"

void writes_visible_both_ways(int argc, char **argv) {
    int64_t delay_ns = (int64_t)arg_long(argc, argv, 0, 0) * 1000000;
    key_t key = probe_ipc_key(2);
    int id = segment_create(key, 4096);
    struct pingpong *shared = segment_attach(id, 0);

    /* The helper is a fresh program that inherited no attachment: it finds the segment by key. */
    char key_text[16], delay_text[24];
    snprintf(key_text, sizeof key_text, "%d", (int)key);
    snprintf(delay_text, sizeof delay_text, "%" PRId64, delay_ns / 1000000);
    char *helper_argv[] = {"sysv-shm-probe", "helper-answer", key_text, delay_text, NULL};
    pid_t helper = spawn_reexec(helper_argv);

    int64_t deadline = monotonic_ns() + ANSWER_GRACE_NS;
    while (segment_stat(id).shm_nattch < 2 && monotonic_ns() < deadline) sleep_ns(1000000);
    pingpong_observe(shared, true, helper, delay_ns);
    obs_emit();
}

/* helper-answer KEY DELAY_MS: attach the segment by key, wait for the probe's PING, wait DELAY,
 * then store PONG. Exit status 0 = PING seen, 4 = never seen. */
void helper_answer(int argc, char **argv) {
    if (argc < 2) probe_usage("helper-answer KEY DELAY_MS");
    key_t key = (key_t)strtol(argv[0], NULL, 10);
    int64_t delay_ns = arg_delay_ns(argc, argv, 1);
    int id = shmget(key, 0, 0600);
    if (id < 0) probe_fail("shmget(%#x): %s", (unsigned)key, strerror(errno));
    pingpong_answer(segment_attach(id, 0), delay_ns);
}

struct inherited_write {
    int *go;      /* the child writes once a byte arrives here */
    char *memory; /* the parent's attachment, inherited by the child */
};

static void write_through_inherited(void *arg) {
    struct inherited_write *job = arg;
    char byte;
    if (read(job->go[0], &byte, 1) != 1) _exit(1);
    strcpy(job->memory, "from-child");
}

void fork_inherits_attachment(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    int go[2];
    channel_create(go);
    struct inherited_write job = {.go = go, .memory = segment_attach(id, 0)};
    pid_t child = spawn_helper(write_through_inherited, &job);
    int64_t nattch_with_child = (int64_t)segment_stat(id).shm_nattch;
    if (write(go[1], "g", 1) != 1) probe_fail("write: %s", strerror(errno));
    int status = reap(child, NULL);
    obs_value_bool(strcmp(job.memory, "from-child") == 0);
    obs_evidence_int("nattch_with_child", nattch_with_child);
    obs_evidence_int("nattch_after_child_exit", (int64_t)segment_stat(id).shm_nattch);
    obs_evidence_int("child_status", status);
    obs_emit();
}

/* The faulting child must not leave a core dump behind (or wait for a crash handler). */
static void no_core_dumps(void) {
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
}

static void write_through_rdonly(void *arg) {
    int id = *(int *)arg;
    no_core_dumps();
    volatile char *memory = shmat(id, NULL, SHM_RDONLY);
    if (memory == (void *)-1) _exit(2);
    if (memory[0] != 'o') _exit(3); /* reading is allowed and sees the data */
    memory[0] = 'X';                /* writing must fault */
}

void rdonly_attach_write_faults(int argc, char **argv) {
    (void)argc, (void)argv;
    int id = segment_create(IPC_PRIVATE, 4096);
    char *memory = segment_attach(id, 0);
    strcpy(memory, "original");
    int signal = 0;
    int status = reap(spawn_helper(write_through_rdonly, &id), &signal);
    obs_value_bool(strcmp(memory, "original") != 0); /* did the write land anyway? */
    obs_signal(signal);
    obs_evidence_int("child_status", status);
    obs_emit();
}

/* What the racing processes share; only `counter` is under test, the rest is the start line. */
struct race {
    volatile uint32_t ready;
    volatile uint32_t go;
    volatile uint64_t counter;
};

struct racer {
    struct race *race;
    long iterations;
    int cpu; /* the CPU this racer is pinned to, or -1 */
};

/* The n-th CPU this process may use, or -1: two racers on two CPUs really run at once, where the
 * scheduler left alone may put both on one CPU of a busy machine and lose nothing. */
static int nth_usable_cpu(int n) {
    cpu_set_t mask;
    if (sched_getaffinity(0, sizeof mask, &mask) != 0 || CPU_COUNT(&mask) < 2) return -1;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET(cpu, &mask) && n-- == 0) return cpu;
    return -1;
}

static void increment_without_lock(void *arg) {
    struct racer *racer = arg;
    struct race *race = racer->race;
    if (racer->cpu >= 0) {
        cpu_set_t only;
        CPU_ZERO(&only);
        CPU_SET(racer->cpu, &only);
        sched_setaffinity(0, sizeof only, &only); /* best effort: unpinned racers can still lose updates */
    }
    __atomic_add_fetch(&race->ready, 1, __ATOMIC_SEQ_CST);
    int64_t deadline = monotonic_ns() + ANSWER_GRACE_NS;
    while (!race->go)
        if (monotonic_ns() > deadline) _exit(1);
    for (long i = 0; i < racer->iterations; i++) {
        uint64_t seen = race->counter; /* load ... */
        race->counter = seen + 1;      /* ... store: another process may have stored in between */
    }
}

void lost_updates_without_synchronisation(int argc, char **argv) {
    enum { RACERS = 2 };
    long iterations = arg_long(argc, argv, 0, 2000000);
    long max_rounds = arg_long(argc, argv, 1, 200);
    int id = segment_create(IPC_PRIVATE, 4096);
    struct racer racers_setup[RACERS];
    struct race *race = segment_attach(id, 0);
    for (int i = 0; i < RACERS; i++)
        racers_setup[i] = (struct racer){.race = race, .iterations = iterations, .cpu = nth_usable_cpu(i)};
    int64_t budget_end = monotonic_ns() + INT64_C(4000000000);
    int64_t lost = 0;
    long round = 0;
    /* One round usually loses thousands of updates on two CPUs; a busy machine that happens to run
     * the racers one after the other gets more rounds, up to 4 s (preemption between load and store
     * loses too, on one CPU). */
    while (lost == 0 && round < max_rounds && monotonic_ns() < budget_end) {
        round++;
        race->ready = 0, race->go = 0, race->counter = 0;
        pid_t racers[RACERS];
        for (int i = 0; i < RACERS; i++) racers[i] = spawn_helper(increment_without_lock, &racers_setup[i]);
        int64_t deadline = monotonic_ns() + ANSWER_GRACE_NS;
        while (__atomic_load_n(&race->ready, __ATOMIC_SEQ_CST) < RACERS && monotonic_ns() < deadline)
            sleep_ns(POLL_PAUSE_NS);
        race->go = 1;
        for (int i = 0; i < RACERS; i++)
            if (reap(racers[i], NULL) != 0) probe_fail("racer %d did not finish its increments", i);
        lost = (int64_t)RACERS * iterations - (int64_t)race->counter;
    }
    obs_value_int(lost);
    obs_evidence_int("final_counter", (int64_t)race->counter);
    obs_evidence_int("expected_without_races", (int64_t)RACERS * iterations);
    obs_evidence_int("iterations_per_process", iterations);
    obs_evidence_int("processes", RACERS);
    obs_evidence_int("rounds", round);
    obs_evidence_int("online_cpus", sysconf(_SC_NPROCESSORS_ONLN));
    obs_evidence_bool("racers_pinned_apart", racers_setup[1].cpu >= 0);
    obs_emit();
}

struct attach_result {
    int attached;
    int attach_errno;
};

static void attach_as_nobody(void *arg, void *report) {
    int id = *(int *)arg;
    struct attach_result *result = report;
    void *memory = shmat(id, NULL, 0);
    result->attached = memory != (void *)-1;
    result->attach_errno = result->attached ? 0 : errno;
}

void other_uid_denied_by_mode_0600(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid 65534");
    int id = segment_create(IPC_PRIVATE, 4096);
    struct attach_result result;
    int uid = run_as_other_uid(attach_as_nobody, &id, &result, sizeof result, "uid-65534 child");
    obs_value_bool(result.attached);
    obs_errno(result.attach_errno);
    obs_evidence_int("uid", uid);
    obs_evidence_int("mode", segment_stat(id).shm_perm.mode & 0777);
    obs_emit();
}
