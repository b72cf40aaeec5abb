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

/* Writes `text` to a /proc file; false (errno set) when it cannot. */
static bool write_proc(const char *path, const char *text) {
    int fd = open(path, O_WRONLY);
    if (fd < 0) return false;
    ssize_t length = (ssize_t)strlen(text);
    bool written = write(fd, text, (size_t)length) == length;
    int err = errno;
    close(fd);
    errno = err;
    return written;
}

/* A new IPC namespace for this helper. Without CAP_SYS_ADMIN (a container's root), a new user
 * namespace comes with it, where the helper is root (mapped to its own uid) and owns the IPC one. */
static int enter_new_ipc_namespace(void) {
    if (unshare(CLONE_NEWIPC) == 0) return 0;
    if (errno != EPERM) return -1;
    char map[32];
    snprintf(map, sizeof map, "0 %d 1", (int)geteuid());
    char group_map[32];
    snprintf(group_map, sizeof group_map, "0 %d 1", (int)getegid());
    if (unshare(CLONE_NEWUSER | CLONE_NEWIPC) != 0) return -1;
    write_proc("/proc/self/setgroups", "deny");
    if (!write_proc("/proc/self/uid_map", map) || !write_proc("/proc/self/gid_map", group_map)) return -1;
    return 0;
}

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
    /* A new IPC namespace: the limit lowered here and every object made here go with it. */
    if (enter_new_ipc_namespace() != 0) {
        fill->unshare_errno = errno;
        return;
    }
    char text[96];
    errno = 0;
    if (!job->how->limit_text(job->how->sysctl_path, job->limit, text, sizeof text) ||
        !write_proc(job->how->sysctl_path, text)) {
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
