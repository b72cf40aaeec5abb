/* The posix-shm-probe cases that need a second process: an object outliving its creator, MAP_SHARED
 * writes seen in both directions, MAP_PRIVATE writes seen by nobody else, SIGBUS past the end of
 * the object, and permissions for another uid. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/creator.h"
#include "common/helpers.h"
#include "common/pingpong.h"
#include "common/probe.h"
#include "cases.h"

#define LEFT_BEHIND "left-by-creator"

/* The child that creates the object; the probe chose (and registered) the name beforehand. */
static void create_fill_and_exit(void *arg) {
    const char *name = arg;
    int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
    if (fd < 0 || ftruncate(fd, 4096) != 0) _exit(1);
    char *memory = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (memory == MAP_FAILED) _exit(1);
    strcpy(memory, LEFT_BEHIND);
}

void outlives_its_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    struct posix_creation made = posix_made_by_exited_child(IPC_POSIX_SHM, "creator", create_fill_and_exit);
    if (made.creator_status != 0)
        probe_fail("the creator could not make %s (status %d)", made.name, made.creator_status);

    struct stat node;
    obs_evidence_bool("node_after_creator_exit", stat(object_node(made.name), &node) == 0);
    int fd = shm_open(made.name, O_RDONLY, 0);
    if (fd < 0) {
        obs_value_bool(false);
        obs_errno(errno);
    } else {
        char left[32] = {0};
        if (pread(fd, left, sizeof left - 1, 0) < 0) probe_fail("pread: %s", strerror(errno));
        obs_value_bool(strcmp(left, LEFT_BEHIND) == 0);
    }
    obs_evidence_int("creator_status", made.creator_status);
    obs_emit();
}

void map_shared_visible_both_ways(int argc, char **argv) {
    int64_t delay_ns = (int64_t)arg_long(argc, argv, 0, 0) * 1000000;
    char name[256];
    snprintf(name, sizeof name, "%s", probe_ipc_name("pingpong"));
    int fd = object_create(name, 4096);
    struct pingpong *shared = object_map(fd, 4096, MAP_SHARED);
    int ready[2];
    channel_create(ready);

    /* The helper is a fresh program that inherited nothing of the object: it opens it by name and
     * says so on the inherited pipe end it is given (the only descriptor it keeps). */
    fcntl(ready[1], F_SETFD, 0);
    char delay_text[24], ready_text[16];
    snprintf(delay_text, sizeof delay_text, "%" PRId64, delay_ns / 1000000);
    snprintf(ready_text, sizeof ready_text, "%d", ready[1]);
    char *helper_argv[] = {"posix-shm-probe", "helper-answer", name, delay_text, ready_text, NULL};
    pid_t helper = spawn_reexec(helper_argv);
    close(ready[1]);
    char byte;
    bool helper_mapped = read_full(ready[0], &byte, 1) == 1;
    pingpong_observe(shared, helper_mapped, helper, delay_ns);
    obs_emit();
}

/* helper-answer NAME DELAY_MS READY_FD: map the object by name, say so on READY_FD, wait for the
 * probe's PING, wait DELAY, then store PONG. Exit status 0 = PING seen, 4 = never seen. */
void helper_answer(int argc, char **argv) {
    if (argc < 3) probe_usage("helper-answer NAME DELAY_MS READY_FD");
    int64_t delay_ns = arg_delay_ns(argc, argv, 1);
    int ready = (int)arg_long(argc, argv, 2, -1);
    int fd = shm_open(argv[0], O_RDWR, 0);
    if (fd < 0) probe_fail("shm_open(%s): %s", argv[0], strerror(errno));
    struct pingpong *shared = object_map(fd, 4096, MAP_SHARED);
    if (write(ready, "r", 1) != 1) probe_fail("write: %s", strerror(errno));
    close(ready);
    pingpong_answer(shared, delay_ns);
}

/* The child writes through a private mapping; exit status 0 means its own view changed. */
static void write_privately(void *arg) {
    int fd = *(int *)arg;
    char *memory = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (memory == MAP_FAILED) _exit(2);
    strcpy(memory, "private");
    if (strcmp(memory, "private") != 0) _exit(3);
}

void map_private_not_visible_to_others(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = object_create(probe_ipc_name("private"), 4096);
    char *shared = object_map(fd, 4096, MAP_SHARED);
    strcpy(shared, "shared");
    int child_status = reap(spawn_helper(write_privately, &fd), NULL);
    char through_read[16] = {0};
    if (pread(fd, through_read, sizeof through_read - 1, 0) < 0) probe_fail("pread: %s", strerror(errno));
    /* The value: did the child's private write reach this process (mapping or read())? */
    obs_value_bool(strcmp(shared, "private") == 0 || strcmp(through_read, "private") == 0);
    obs_evidence_str("shared_mapping_sees", shared);
    obs_evidence_str("read_sees", through_read);
    obs_evidence_bool("child_saw_its_own_write", child_status == 0);
    obs_emit();
}

/* Touches the first mapped page (inside the object), then the second (past its end). */
static void touch_past_the_end(void *arg) {
    volatile char *memory = arg;
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none); /* the expected fault must leave no core dump behind */
    memory[0] = 'a';
    memory[sysconf(_SC_PAGESIZE)] = 'b';
}

void access_beyond_size_raises_sigbus(int argc, char **argv) {
    (void)argc, (void)argv;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(probe_ipc_name("short"), page);
    char *memory = object_map(fd, 2 * page, MAP_SHARED); /* mmap may cover more than the object */
    int signal = 0;
    int status = reap(spawn_helper(touch_past_the_end, memory), &signal);
    obs_value_bool(status == 0); /* true: the access past the end went through */
    obs_signal(signal);
    obs_evidence_bool("first_page_written", memory[0] == 'a');
    obs_evidence_int("object_size", (int64_t)page);
    obs_evidence_int("mapped_size", (int64_t)(2 * page));
    obs_emit();
}

struct open_result {
    int opened;
    int open_errno;
};

static void open_as_nobody(void *arg, void *report) {
    const char *name = arg;
    struct open_result *result = report;
    int fd = shm_open(name, O_RDWR, 0);
    result->opened = fd >= 0;
    result->open_errno = fd < 0 ? errno : 0;
}

void other_uid_denied_by_mode_0600(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid 65534");
    const char *name = probe_ipc_name("owner-only");
    int fd = object_create(name, 0);
    struct open_result result;
    int uid = run_as_other_uid(open_as_nobody, (void *)name, &result, sizeof result, "uid-65534 child");
    struct stat status;
    if (fstat(fd, &status) != 0) probe_fail("fstat: %s", strerror(errno));
    obs_value_bool(result.opened);
    obs_errno(result.open_errno);
    obs_evidence_int("uid", uid);
    obs_evidence_int("mode", status.st_mode & 0777);
    obs_emit();
}

static void unlink_as_nobody(void *arg, void *report) {
    struct open_result *result = report;
    result->opened = shm_unlink(arg) == 0;
    result->open_errno = result->opened ? 0 : errno;
}

void other_uid_cannot_unlink(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid 65534");
    const char *name = probe_ipc_name("kept");
    object_create(name, 0);
    struct open_result result;
    int uid = run_as_other_uid(unlink_as_nobody, (void *)name, &result, sizeof result, "uid-65534 child");
    struct stat node;
    obs_evidence_bool("node_still_there", stat(object_node(name), &node) == 0);
    obs_value_bool(result.opened);
    obs_errno(result.open_errno);
    obs_evidence_int("uid", uid);
    obs_emit();
}

static void truncate_as_nobody(void *arg, void *report) {
    struct open_result *result = report;
    int fd = shm_open(arg, O_RDWR | O_TRUNC, 0);
    result->opened = fd >= 0;
    result->open_errno = fd < 0 ? errno : 0;
}

void other_uid_cannot_truncate(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("needs root to act as uid 65534");
    const char *name = probe_ipc_name("no-trunc");
    size_t size = (size_t)sysconf(_SC_PAGESIZE);
    int fd = object_create(name, size);
    struct open_result result;
    int uid = run_as_other_uid(truncate_as_nobody, (void *)name, &result, sizeof result, "uid-65534 child");
    struct stat status;
    if (fstat(fd, &status) != 0) probe_fail("fstat: %s", strerror(errno));
    obs_value_bool(result.opened);
    obs_errno(result.open_errno);
    obs_evidence_int("size_after", status.st_size);
    obs_evidence_int("size_before", (int64_t)size);
    obs_evidence_int("uid", uid);
    obs_emit();
}

#define EXCL_RACERS 8

struct excl_race {
    char name[256];
    int start;     /* read end of a pipe whose write end the probe closes to start the race */
    int start_end; /* that write end: each racer closes its inherited copy */
};

/* One racer: waits for the start (EOF on the pipe), then tries to create the name exclusively. */
static void race_to_create(void *arg) {
    struct excl_race *race = arg;
    close(race->start_end);
    char byte;
    while (read(race->start, &byte, 1) > 0) {
    }
    int fd = shm_open(race->name, O_CREAT | O_EXCL | O_RDWR, 0600);
    _exit(fd >= 0 ? 0 : errno == EEXIST ? 10 : 11);
}

void excl_race_has_one_winner(int argc, char **argv) {
    (void)argc, (void)argv;
    struct excl_race race;
    snprintf(race.name, sizeof race.name, "%s", probe_ipc_name("race"));
    cleanup_posix_later(IPC_POSIX_SHM, race.name);
    int start[2];
    channel_create(start);
    race.start = start[0];
    race.start_end = start[1];
    pid_t racers[EXCL_RACERS];
    for (int i = 0; i < EXCL_RACERS; i++) racers[i] = spawn_helper(race_to_create, &race);
    close(start[1]); /* every racer's read now returns 0: they start together */
    int created = 0, refused = 0, other = 0;
    for (int i = 0; i < EXCL_RACERS; i++) {
        int status = reap(racers[i], NULL);
        if (status == 0)
            created++;
        else if (status == 10)
            refused++;
        else
            other++;
    }
    obs_value_int(created);
    obs_evidence_int("racers", EXCL_RACERS);
    obs_evidence_int("eexist", refused);
    obs_evidence_int("other_failures", other);
    obs_evidence_int("expected_winners", 1);
    obs_emit();
}
