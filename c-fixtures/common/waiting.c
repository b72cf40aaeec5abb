/* Calls that wait; see waiting.h. */
#include "waiting.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probe.h"

struct relief {
    bool (*relieve)(void *arg);
    void *arg;
    int64_t delay_ns;
};

static void relieve_after_delay(void *arg) {
    struct relief *relief = arg;
    sleep_ns(relief->delay_ns);
    if (!relief->relieve(relief->arg)) _exit(1);
}

void observe_blocking_call(bool (*relieve)(void *arg), void *relieve_arg, int64_t delay_ns,
                           ssize_t (*call)(void *arg), void *call_arg) {
    struct relief relief = {.relieve = relieve, .arg = relieve_arg, .delay_ns = delay_ns};
    int64_t started = monotonic_ns();
    pid_t helper = spawn_helper(relieve_after_delay, &relief);
    ssize_t result = call(call_arg);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    if (reap(helper, NULL) != 0) probe_fail("the helper that should relieve the call failed");
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_delay_ns(delay_ns);
}

void observe_timed_wait(ssize_t (*call)(void *arg, const struct timespec *deadline), void *call_arg,
                        int64_t timeout_ns) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    int64_t when = (int64_t)deadline.tv_nsec + timeout_ns;
    deadline.tv_sec += (time_t)(when / 1000000000);
    deadline.tv_nsec = (long)(when % 1000000000);
    int64_t started = monotonic_ns();
    ssize_t result = call(call_arg, &deadline);
    int err = errno;
    int64_t elapsed = monotonic_ns() - started;
    obs_value_int(elapsed);
    obs_errno(result < 0 ? err : 0);
    obs_elapsed_ns(elapsed);
    obs_evidence_int("timeout_ns", timeout_ns);
    obs_evidence_int("returned", result);
}

bool seen_asleep(pid_t pid, int64_t within_ns) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int64_t give_up = monotonic_ns() + within_ns;
    for (;;) {
        char stat[512] = {0};
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t got = fd >= 0 ? read(fd, stat, sizeof stat - 1) : -1;
        if (fd >= 0) close(fd);
        /* The state follows the command name, which ends at the last ')'. */
        const char *end = got > 0 ? strrchr(stat, ')') : NULL;
        if (end && end[1] == ' ' && end[2] == 'S') return true;
        if (monotonic_ns() >= give_up) return false;
        sleep_ns(1000000);
    }
}
