/* See ipc_namespace.h. */
#include "common/ipc_namespace.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/user_namespace.h"

bool single_limit_text(const char *path, long limit, char *text, size_t size) {
    (void)path;
    snprintf(text, size, "%ld\n", limit);
    return true;
}

struct namespace_job {
    const struct namespace_limit *how;
    long limit;
};

struct namespace_fill {
    int unshare_errno, write_errno;
    int created, refused_errno;
};

static void fill_namespace(void *arg, void *report) {
    const struct namespace_job *job = arg;
    struct namespace_fill *fill = report;
    /* A new IPC namespace (inside a new user namespace without CAP_SYS_ADMIN, a container's root,
     * where the helper is root and owns the IPC one): the limit lowered here and every object made here go
     * with it. */
    if (unshare_owning(CLONE_NEWIPC) != 0) {
        fill->unshare_errno = errno;
        return;
    }
    char text[96];
    errno = 0;
    if (!job->how->limit_text(job->how->sysctl_path, job->limit, text, sizeof text) ||
        !write_proc_file(job->how->sysctl_path, text)) {
        fill->write_errno = errno ? errno : EINVAL;
        return;
    }
    for (long i = 0; i <= job->limit + 4; i++) {
        if (job->how->create() < 0) {
            fill->refused_errno = errno;
            return;
        }
        fill->created++;
    }
}

void observe_objects_in_new_ipc_namespace(const struct namespace_limit *how, long limit) {
    struct namespace_job job = {.how = how, .limit = limit};
    struct namespace_fill fill = {0};
    run_reporting_helper(fill_namespace, &job, &fill, sizeof fill, "namespace helper");
    if (fill.unshare_errno || fill.write_errno) {
        /* The limit could not be lowered: that is what this environment shows. */
        char step[96] = "unshare (new IPC namespace)";
        if (!fill.unshare_errno) {
            /* /proc/sys/kernel/msgmni → write kernel.msgmni */
            snprintf(step, sizeof step, "write %s", how->sysctl_path + strlen("/proc/sys/"));
            for (char *c = step; *c; c++)
                if (*c == '/') *c = '.';
        }
        obs_errno(fill.unshare_errno ? fill.unshare_errno : fill.write_errno);
        obs_evidence_str("failed_step", step);
    } else {
        obs_value_int(fill.created);
        obs_errno(fill.refused_errno);
    }
    obs_evidence_int(how->evidence_key, limit);
    obs_emit();
}
