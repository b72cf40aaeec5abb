/* Helpers that report back; see helpers.h. */
#include "helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe.h"

void channel_create(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
}

struct reporting_job {
    void (*body)(void *arg, void *result);
    void *arg;
    size_t size;
    int channel[2];
};

/* In the helper: the result is written once, whole, after body returns. */
static void report_result(void *arg) {
    struct reporting_job *job = arg;
    void *result = calloc(1, job->size);
    if (!result) _exit(1);
    job->body(job->arg, result);
    if (write(job->channel[1], result, job->size) != (ssize_t)job->size) _exit(1);
}

void run_reporting_helper(void (*body)(void *arg, void *result), void *arg, void *result, size_t size,
                          const char *who) {
    struct reporting_job job = {.body = body, .arg = arg, .size = size};
    channel_create(job.channel);
    pid_t helper = spawn_helper(report_result, &job);
    close(job.channel[1]);
    if (read_full(job.channel[0], result, size) != (ssize_t)size) probe_fail("the %s reported nothing", who);
    close(job.channel[0]);
    reap(helper, NULL);
}

/* What run_as_other_uid's helper hands back: the uid it ran as, then body's result at an offset
 * that keeps any result structure aligned. */
#define RESULT_OFFSET _Alignof(max_align_t)

struct other_uid_job {
    void (*body)(void *arg, void *result);
    void *arg;
    uid_t uid;
};

static void drop_then_run(void *arg, void *report) {
    struct other_uid_job *job = arg;
    drop_to_uid(job->uid);
    *(int *)report = (int)geteuid();
    job->body(job->arg, (char *)report + RESULT_OFFSET);
}

int run_as_uid(uid_t uid, void (*body)(void *arg, void *result), void *arg, void *result, size_t size,
               const char *who) {
    struct other_uid_job job = {.body = body, .arg = arg, .uid = uid};
    char *report = malloc(RESULT_OFFSET + size);
    if (!report) probe_fail("out of memory");
    run_reporting_helper(drop_then_run, &job, report, RESULT_OFFSET + size, who);
    int ran_as;
    memcpy(&ran_as, report, sizeof ran_as);
    memcpy(result, report + RESULT_OFFSET, size);
    free(report);
    return ran_as;
}

int run_as_other_uid(void (*body)(void *arg, void *result), void *arg, void *result, size_t size,
                     const char *who) {
    return run_as_uid(OTHER_UID, body, arg, result, size, who);
}
