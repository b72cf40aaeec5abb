/* Cases in processes of their own; see isolated.h. */
#include "isolated.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "guard.h"
#include "common/probe.h"

#define GRACE_NS     INT64_C(2000000000)
#define POLL_STEP_NS INT64_C(10000000)

static volatile pid_t running_case;

/* The case process is not in the runtime's registry: that registry never frees a slot, and a
 * series runs hundreds of cases. This guard step stands in for it on a fatal signal: SIGTERM lets
 * the case run its own cleanup (it removes its objects and kills its peer), then after a short
 * grace SIGKILL, and the case is reaped. If this process dies without running it (SIGKILL), the
 * case's parent-death signal (SIGTERM) does the same. Async-signal-safe. */
static void stop_running_case(void) {
    pid_t pid = running_case;
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    for (int64_t waited = 0; waited < GRACE_NS; waited += POLL_STEP_NS) {
        if (waitpid(pid, NULL, WNOHANG) == pid) {
            running_case = 0;
            return;
        }
        struct timespec step = {.tv_nsec = POLL_STEP_NS};
        nanosleep(&step, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    running_case = 0;
}

static void start_case(pid_t parent, char *const argv[], int64_t watchdog_s, char *const extra_env[], int out,
                       int err) {
    /* If this process dies without the chance to stop it (SIGKILL), the case still hears of it. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127); /* it died before the line above took effect */
    if (dup2(out, STDOUT_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0) _exit(127);
    char watchdog[32];
    snprintf(watchdog, sizeof watchdog, "%lld", (long long)watchdog_s);
    setenv("IPC_PROBE_WATCHDOG_S", watchdog, 1);
    for (size_t i = 0; extra_env && extra_env[i]; i++) putenv(extra_env[i]);
    size_t count = 0;
    while (argv[count]) count++;
    char **full = calloc(count + 2, sizeof *full);
    if (!full) _exit(127);
    full[0] = "bench-probe";
    memcpy(full + 1, argv, count * sizeof *argv);
    execv("/proc/self/exe", full);
    fprintf(stderr, "exec /proc/self/exe: %s\n", errno_name(errno));
    _exit(127);
}

/* Appends what fd has to buffer (growing it); false at end of file. */
static bool drain_into(int fd, char **buffer, size_t *length, size_t *capacity) {
    if (*capacity - *length < 4096) {
        size_t bigger = *capacity * 2 + 4096;
        char *grown = realloc(*buffer, bigger);
        if (!grown) probe_fail("out of memory for a case's output");
        *buffer = grown;
        *capacity = bigger;
    }
    ssize_t got = read(fd, *buffer + *length, *capacity - *length - 1);
    if (got < 0 && errno == EINTR) return true;
    if (got <= 0) return false;
    *length += (size_t)got;
    (*buffer)[*length] = '\0';
    return true;
}

isolated_outcome run_isolated(char *const argv[], int64_t watchdog_s, char *const extra_env[]) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) probe_fail("pipe2: %s", errno_name(errno));
    fflush(stdout);
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) probe_fail("fork: %s", errno_name(errno));
    if (pid == 0) start_case(parent, argv, watchdog_s, extra_env, out[1], err[1]);
    running_case = pid;
    guard_add(stop_running_case);
    close(out[1]);
    close(err[1]);

    char *out_text = NULL, *err_text = NULL;
    size_t out_length = 0, out_capacity = 0, err_length = 0, err_capacity = 0;
    struct pollfd watched[2] = {{.fd = out[0], .events = POLLIN}, {.fd = err[0], .events = POLLIN}};
    while (watched[0].fd >= 0 || watched[1].fd >= 0) {
        if (poll(watched, 2, -1) < 0) {
            if (errno == EINTR) continue;
            probe_fail("poll: %s", errno_name(errno));
        }
        if (watched[0].revents && !drain_into(out[0], &out_text, &out_length, &out_capacity))
            watched[0].fd = -1;
        if (watched[1].revents && !drain_into(err[0], &err_text, &err_length, &err_capacity))
            watched[1].fd = -1;
    }
    close(out[0]);
    close(err[0]);

    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) probe_fail("waitpid: %s", errno_name(errno));
    running_case = 0;
    isolated_outcome outcome = {
        .status = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status),
        .out = out_text ? out_text : calloc(1, 1),
        .out_length = out_length,
    };
    guard_remove(stop_running_case);
    /* stderr as one line: its lines joined, so a reason fits one JSON string. */
    size_t used = 0;
    for (char *line = err_text ? strtok(err_text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        int written =
            snprintf(outcome.errors + used, sizeof outcome.errors - used, "%s%s", used ? "; " : "", line);
        if (written < 0 || (size_t)written >= sizeof outcome.errors - used) break;
        used += (size_t)written;
    }
    free(err_text);
    return outcome;
}

void isolated_outcome_free(isolated_outcome *outcome) {
    free(outcome->out);
    outcome->out = NULL;
}

const char *isolated_failure_reason(const isolated_outcome *outcome, char *out, size_t size) {
    if (outcome->errors[0])
        snprintf(out, size, "%s (exit status %d)", outcome->errors, outcome->status);
    else if (outcome->status > 128)
        snprintf(out, size, "killed by %s", signal_name(outcome->status - 128));
    else if (outcome->status != 0)
        snprintf(out, size, "exited with status %d and said nothing", outcome->status);
    else
        snprintf(out, size, "printed no observation");
    return out;
}
