/* pidfd-probe: a pidfd whose process was reaped and whose pid number now belongs to another
 * process. The number is made to come round again in a PID namespace of the probe's own, by
 * setting that namespace's ns_last_pid (pid_namespaces(7)); the machine's pids are never touched. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/pid_namespace.h"
#include "common/probe.h"
#include "cases.h"

/* What the namespace's init saw; failed_step names the call that kept it from looking. */
struct reuse_report {
    char failed_step[32];
    int step_errno;
    int first_pid, second_pid;
    int send_result, send_errno;
    int kill_result;     /* kill(pid, 0) of the same number: it reaches the new process */
    int second_survived; /* the SIGKILL sent through the old pidfd did not reach it */
};

struct reuse_plan {
    int report[2];
};

static void fail_step(struct reuse_report *report, const char *step) {
    snprintf(report->failed_step, sizeof report->failed_step, "%s", step);
    report->step_errno = errno;
}

/* In the namespace's init (pid 1): a first child is made, its pidfd taken, it is reaped; then the
 * namespace's last pid is set back so that the next child gets the same number. */
static void reuse_inside(struct reuse_report *report) {
    pid_t first = fork();
    if (first < 0) return fail_step(report, "fork");
    if (first == 0) _exit(0);
    report->first_pid = first;
    int pidfd = pidfd_open(first, 0);
    if (pidfd < 0) return fail_step(report, "pidfd_open");
    waitpid(first, NULL, 0);

    int last_pid = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
    char text[16];
    int length = snprintf(text, sizeof text, "%d", first - 1);
    if (last_pid < 0 || write(last_pid, text, (size_t)length) != length)
        return fail_step(report, "ns_last_pid");
    close(last_pid);
    pid_t second = fork();
    if (second < 0) return fail_step(report, "fork");
    if (second == 0) {
        for (;;) pause();
    }
    report->second_pid = second;
    report->send_result = pidfd_send_signal(pidfd, SIGKILL, NULL, 0);
    report->send_errno = report->send_result < 0 ? errno : 0;
    report->kill_result = kill(second, 0);
    usleep(50000); /* a SIGKILL wrongly delivered has ended the process by now */
    report->second_survived = waitpid(second, NULL, WNOHANG) == 0;
    kill(second, SIGKILL);
    waitpid(second, NULL, 0);
}

static void init_reusing_a_pid(void *arg) {
    struct reuse_plan *plan = arg;
    close(plan->report[0]);
    struct reuse_report report = {0};
    reuse_inside(&report);
    if (write(plan->report[1], &report, sizeof report) != sizeof report) _exit(1);
}

/* In the helper beside the namespace: starts the init and collects its report. */
static void observe_reuse(void *arg, void *out) {
    struct reuse_plan *plan = arg;
    channel_create(plan->report);
    pid_t init = spawn_namespace_init(init_reusing_a_pid, plan);
    close(plan->report[1]);
    if (read_full(plan->report[0], out, sizeof(struct reuse_report)) != sizeof(struct reuse_report))
        snprintf(((struct reuse_report *)out)->failed_step, 32, "init reported nothing");
    reap(init, NULL);
}

void signal_after_pid_reuse(int argc, char **argv) {
    (void)argc, (void)argv;
    struct reuse_plan plan;
    struct reuse_report report = {0};
    run_beside_pid_namespace(observe_reuse, &plan, &report, sizeof report);
    if (strcmp(report.failed_step, "pidfd_open") == 0) {
        obs_value_int(-1); /* no pidfd to signal through: the system's answer is that errno */
        obs_errno(report.step_errno);
        obs_evidence_str("failed_call", "pidfd_open");
        obs_emit();
        return;
    }
    if (report.failed_step[0])
        probe_fail("the namespace's init could not make a pid come round: %s: %s", report.failed_step,
                   strerror(report.step_errno));
    if (report.second_pid != report.first_pid)
        probe_fail("pid %d did not come round (the next child got %d)", report.first_pid, report.second_pid);
    obs_value_int(report.send_result);
    obs_errno(report.send_errno);
    obs_evidence_int("pid", report.first_pid);
    obs_evidence_bool("kill_reaches_new_process", report.kill_result == 0);
    obs_evidence_bool("new_process_survived", report.second_survived);
    obs_emit();
}
