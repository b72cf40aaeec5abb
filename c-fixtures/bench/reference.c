/* Two of the reference points the mechanisms are read against: what a system call costs with
 * nothing to do (ref-syscall), and what waking another process and sleeping costs with nothing else
 * (ref-ctxswitch: a futex ping-pong, the floor under every blocking mechanism's rtt). The third, how
 * fast memory copies (ref-memcpy, the ceiling of every mechanism that copies), is copy_ceiling.c. */
#include <sys/syscall.h>
#include <unistd.h>

#include "cases.h"
#include "timing.h"
#include "common/probe.h"

static uint64_t getppid_batch(void *context, uint64_t count) {
    (void)context;
    /* syscall() rather than getppid(): the call must reach the kernel every time, whatever the C
     * library might cache. */
    for (uint64_t i = 0; i < count; i++) syscall(SYS_getppid);
    return count;
}

void reference_syscall(const bench_args *args) {
    batch_run run = run_batches(getppid_batch, NULL, args->min_ms * INT64_C(1000000));
    int64_t wall = run.end_ns - run.start_ns;
    obs_value_int((wall + (int64_t)run.iterations / 2) / (int64_t)run.iterations);
    obs_elapsed_ns(wall);
    obs_evidence_str("syscall", "getppid");
    obs_evidence_int("iterations", (int64_t)run.iterations);
    obs_evidence_int("wall_ns", wall);
    /* Sub-nanosecond detail that the integer value rounds away. */
    obs_evidence_int("ps_per_call", (int64_t)((long double)wall * 1000 / (long double)run.iterations + 0.5L));
    obs_emit();
}

void reference_ctxswitch(const bench_args *args) {
    workload_result result = measure_rtt(&args->workload);
    report_rtt(&args->workload, &result);
    obs_emit();
}
