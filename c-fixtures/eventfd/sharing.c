/* eventfd-probe cases with more than one process: a read or write that waits for a forked child
 * (the counter is shared across fork), and a counter handed over SCM_RIGHTS to a process that
 * did not inherit it. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/unix_sockets.h"
#include "cases.h"

struct delayed_access {
    int fd;
    uint64_t value; /* what the child writes; 0: it reads instead */
    int64_t delay_ns;
};

static void access_after_delay(void *arg) {
    struct delayed_access *access = arg;
    sleep_ns(access->delay_ns);
    uint64_t value = access->value;
    ssize_t n = access->value ? counter_write(access->fd, value) : counter_read(access->fd, &value);
    _exit(n == (ssize_t)sizeof value ? 0 : 1);
}

/* Times op on fd from before a child starts that touches the same counter after delay_ns. */
static ssize_t timed_against_child(struct delayed_access *child, ssize_t (*op)(int, uint64_t *),
                                   uint64_t *value) {
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(access_after_delay, child);
    ssize_t n = op(child->fd, value);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    if (reap(helper, NULL) != 0) probe_fail("the child that should relieve the call failed");
    obs_elapsed_ns(elapsed);
    obs_delay_ns(child->delay_ns);
    obs_errno(n < 0 ? err : 0);
    return n;
}

static ssize_t read_op(int fd, uint64_t *value) { return counter_read(fd, value); }
static ssize_t write_one_op(int fd, uint64_t *value) {
    *value = 1;
    return counter_write(fd, 1);
}

void read_blocks(int argc, char **argv) {
    long add = arg_long(argc, argv, 0, 1);
    struct delayed_access child = {.fd = counter_create(0, EFD_CLOEXEC),
                                   .value = (uint64_t)(add > 0 ? add : 1),
                                   .delay_ns = arg_delay_ns(argc, argv, 1)};
    uint64_t value = 0;
    ssize_t n = timed_against_child(&child, read_op, &value);
    obs_value_int(n == (ssize_t)sizeof value ? (int64_t)value : -1);
    obs_evidence_int("added", (int64_t)child.value);
    obs_emit();
}

void write_blocks(int argc, char **argv) {
    struct delayed_access child = {
        .fd = counter_create(0, EFD_CLOEXEC), .value = 0, .delay_ns = arg_delay_ns(argc, argv, 0)};
    counter_add(child.fd, COUNTER_MAX);
    uint64_t value = 0;
    obs_value_int(timed_against_child(&child, write_one_op, &value));
    obs_emit();
}

/* True when this process holds any eventfd descriptor (a helper that should hold none). */
static bool holds_eventfd(void) {
    DIR *folder = opendir("/proc/self/fd");
    if (!folder) return false;
    bool found = false;
    for (struct dirent *entry; (entry = readdir(folder));) {
        char path[300], target[64] = {0};
        snprintf(path, sizeof path, "/proc/self/fd/%s", entry->d_name);
        if (readlink(path, target, sizeof target - 1) > 0 && strstr(target, "eventfd")) found = true;
    }
    closedir(folder);
    return found;
}

void scm_rights_to_unrelated(int argc, char **argv) {
    (void)argc, (void)argv;
    int counter = counter_create(0, EFD_CLOEXEC | EFD_NONBLOCK);
    /* A bare name inside the probe's folder, which the re-executed helper has as its working directory. */
    int listener = unix_listener(SOCK_STREAM, "s", 1);
    char *helper_argv[] = {"eventfd-probe", "helper-scm", "s", NULL};
    pid_t helper = spawn_reexec(helper_argv);

    int connection = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (connection < 0) probe_fail("accept: %s", strerror(errno));
    if (!unix_send_fd(connection, counter)) probe_fail("sendmsg: %s", strerror(errno));

    char report[2] = {'?', '?'}; /* inherited, wrote */
    if (read_full(connection, report, sizeof report) != (ssize_t)sizeof report) report[0] = report[1] = '?';
    int status = reap(helper, NULL);
    uint64_t value = 0;
    ssize_t n = counter_read(counter, &value);
    obs_value_int(n == (ssize_t)sizeof value ? (int64_t)value : -1);
    obs_errno(n < 0 ? errno : 0);
    obs_evidence_bool("helper_inherited", report[0] == '1');
    obs_evidence_bool("helper_wrote", report[1] == '1');
    obs_evidence_int("helper_status", status);
    obs_emit();
}

void helper_scm(int argc, char **argv) {
    if (argc < 1) probe_usage("helper-scm SOCKET");
    char report[2] = {holds_eventfd() ? '1' : '0', '0'};
    int connection = unix_connect_to(SOCK_STREAM, 0, argv[0]);
    if (connection < 0) probe_fail("connect: %s", strerror(errno));
    int counter = unix_receive_fd(connection);
    if (counter < 0) probe_fail("no descriptor arrived");
    if (counter_write(counter, 9) == (ssize_t)sizeof(uint64_t)) report[1] = '1';
    close(counter);
    if (write_full(connection, report, sizeof report) != (ssize_t)sizeof report)
        probe_fail("write: %s", strerror(errno));
}
