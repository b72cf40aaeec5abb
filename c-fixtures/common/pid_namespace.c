/* See pid_namespace.h. */
#include "common/pid_namespace.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/user_namespace.h"

int unshare_pid_namespace(void) { return unshare_owning(CLONE_NEWPID); }

struct init_job {
    void (*body)(void *arg);
    void *arg;
};

static void run_as_init(void *arg) {
    struct init_job *job = arg;
    /* Whatever ends the helper outside ends the namespace: its init goes, and with it every
     * process in it (pid_namespaces(7)). */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getpid() != 1) _exit(NOT_PID_ONE_STATUS);
    job->body(job->arg);
}

pid_t spawn_namespace_init(void (*body)(void *arg), void *arg) {
    struct init_job job = {.body = body, .arg = arg};
    return spawn_helper(run_as_init, &job);
}

struct beside_job {
    void (*body)(void *arg, void *report);
    void *arg;
};

/* What the helper hands back: the unshare's errno, then body's report at an aligned offset. */
#define REPORT_OFFSET _Alignof(max_align_t)

static void unshare_then_run(void *arg, void *report) {
    struct beside_job *job = arg;
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (unshare_pid_namespace() != 0) {
        *(int *)report = errno ? errno : EINVAL;
        return;
    }
    job->body(job->arg, (char *)report + REPORT_OFFSET);
}

void run_beside_pid_namespace(void (*body)(void *arg, void *report), void *arg, void *report, size_t size) {
    struct beside_job job = {.body = body, .arg = arg};
    char whole[REPORT_OFFSET + size];
    run_reporting_helper(unshare_then_run, &job, whole, sizeof whole, "helper beside the PID namespace");
    int err;
    memcpy(&err, whole, sizeof err);
    if (err)
        probe_fail("a new PID namespace (unshare CLONE_NEWPID, also with CLONE_NEWUSER): %s", strerror(err));
    memcpy(report, whole + REPORT_OFFSET, size);
}

int reap_within(pid_t pid, long timeout_ms, int *sig) {
    int64_t deadline = monotonic_ns() + (int64_t)timeout_ms * 1000000;
    for (;;) {
        int status;
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            cleanup_forget_pid(pid);
            if (sig) *sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
            return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
        }
        if (done < 0 && errno != EINTR) return -1;
        if (monotonic_ns() >= deadline) return -1;
        sleep_ns(1000000);
    }
}

/* ---- a pid-valued field read on both sides -------------------------------------------------- */

struct field_job {
    bool act_inside;
    int (*act)(void *arg, int *handle);
    long (*read_field)(void *arg, int handle);
    void *arg;
    int handle;
    int report[2], done[2];
};

struct field_report {
    long view;
    int view_errno, act_errno, own_pid, handle;
};

static void init_reading_field(void *arg) {
    struct field_job *job = arg;
    close(job->report[0]);
    close(job->done[1]);
    struct field_report report = {.own_pid = getpid(), .handle = job->handle};
    if (job->act_inside) report.act_errno = job->act(job->arg, &report.handle);
    errno = 0;
    report.view = job->read_field(job->arg, report.handle);
    report.view_errno = report.view < 0 ? errno : 0;
    if (write(job->report[1], &report, sizeof report) != sizeof report) _exit(1);
    /* Alive until the helper outside has read too: what the init made lives as long as it. */
    char byte;
    while (read(job->done[0], &byte, 1) < 0 && errno == EINTR) {
    }
}

static void read_field_both_sides(void *arg, void *out) {
    struct field_job *job = arg;
    struct pid_field_views *views = out;
    views->outside_pid_in_parent_namespace = getpid();
    if (!job->act_inside) views->act_errno = job->act(job->arg, &job->handle);
    channel_create(job->report);
    channel_create(job->done);
    pid_t init = spawn_namespace_init(init_reading_field, job);
    close(job->report[1]);
    close(job->done[0]);
    views->inside_pid_in_parent_namespace = init;
    struct field_report report;
    if (read_full(job->report[0], &report, sizeof report) == sizeof report) {
        views->inside = report.view;
        views->inside_errno = report.view_errno;
        views->inside_pid_in_own_namespace = report.own_pid;
        if (job->act_inside) views->act_errno = report.act_errno;
        errno = 0;
        views->outside = job->read_field(job->arg, report.handle);
        views->outside_errno = views->outside < 0 ? errno : 0;
    }
    close(job->done[1]);
    reap(init, NULL);
}

void observe_pid_field_across_pid_namespace(bool act_inside, int (*act)(void *arg, int *handle),
                                            long (*read_field)(void *arg, int handle), void *arg, int handle,
                                            struct pid_field_views *views) {
    struct field_job job = {
        .act_inside = act_inside, .act = act, .read_field = read_field, .arg = arg, .handle = handle};
    memset(views, 0, sizeof *views);
    run_beside_pid_namespace(read_field_both_sides, &job, views, sizeof *views);
    if (views->inside_pid_in_own_namespace == 0) probe_fail("the namespace's init reported nothing");
    if (views->inside_pid_in_own_namespace != 1)
        probe_fail("the first process of the new namespace is not pid 1");
}

void emit_pid_field_views(const struct pid_field_views *views, bool reader_inside) {
    long view = reader_inside ? views->inside : views->outside;
    int err = reader_inside ? views->inside_errno : views->outside_errno;
    if (!err) obs_value_int(view);
    obs_errno(err);
    obs_evidence_str("act_errno", views->act_errno ? errno_name(views->act_errno) : "none");
    obs_evidence_int("inside_pid_in_own_namespace", views->inside_pid_in_own_namespace);
    obs_evidence_int("inside_pid_in_parent_namespace", views->inside_pid_in_parent_namespace);
    obs_evidence_int("outside_pid_in_parent_namespace", views->outside_pid_in_parent_namespace);
    obs_emit();
}

bool parse_namespace_side(const char *text, const char *what) {
    bool inside = strcmp(text, "inside") == 0;
    if (!inside && strcmp(text, "outside") != 0)
        probe_usage("%s '%s' is neither inside nor outside", what, text);
    return inside;
}
