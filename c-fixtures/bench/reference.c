/* The reference points the mechanisms are read against: what a system call costs with nothing to
 * do (ref-syscall), what waking another process and sleeping costs with nothing else (ref-ctxswitch:
 * a futex ping-pong, the floor under every blocking mechanism's rtt), and how fast memory copies
 * (ref-memcpy: the ceiling of every mechanism that copies the data). */
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cases.h"
#include "timing.h"
#include "common/probe.h"

#define LARGE_COPY_BYTES (16L << 20)

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

struct copy_job {
    unsigned char *from, *to;
    size_t size;
};

static uint64_t copy_batch(void *context, uint64_t count) {
    struct copy_job *job = context;
    for (uint64_t i = 0; i < count; i++) {
        memcpy(job->to, job->from, job->size);
        /* The copy's result is never read: tell the compiler the memory is used, or it may drop it. */
        __asm__ volatile("" : : "r"(job->to) : "memory");
    }
    return count;
}

/* Bytes per second copying `size`-byte blocks for min_ns; the buffers are touched first so that
 * page faults are not counted as copying. */
static int64_t copy_rate(size_t size, int64_t min_ns, uint64_t *iterations, int64_t *wall) {
    struct copy_job job = {.from = malloc(size), .to = malloc(size), .size = size};
    if (!job.from || !job.to) probe_fail("out of memory for two %zu-byte buffers", size);
    memset(job.from, 0x3c, size);
    memset(job.to, 0, size);
    batch_run run = run_batches(copy_batch, &job, min_ns);
    free(job.from);
    free(job.to);
    *iterations = run.iterations;
    *wall = run.end_ns - run.start_ns;
    return per_second(run.iterations * size, *wall);
}

/* MB/s (10^6 bytes) times ten: one decimal in an integer. */
static int64_t mb_per_s_x10(int64_t bytes_per_s) { return (bytes_per_s + 50000) / 100000; }

void reference_memcpy(const bench_args *args) {
    int64_t min_ns = args->min_ms * INT64_C(1000000), wall, large_wall;
    uint64_t iterations, large_iterations;
    int64_t rate = copy_rate(args->chunk, min_ns, &iterations, &wall);
    int64_t large_rate = copy_rate(LARGE_COPY_BYTES, min_ns, &large_iterations, &large_wall);
    obs_value_int(rate);
    obs_elapsed_ns(wall);
    obs_evidence_int("chunk", (int64_t)args->chunk);
    obs_evidence_int("iterations", (int64_t)iterations);
    obs_evidence_int("wall_ns", wall);
    obs_evidence_int("mb_per_s_x10", mb_per_s_x10(rate));
    obs_evidence_int("large_chunk", LARGE_COPY_BYTES);
    obs_evidence_int("large_iterations", (int64_t)large_iterations);
    obs_evidence_int("large_bytes_per_s", large_rate);
    obs_evidence_int("large_mb_per_s_x10", mb_per_s_x10(large_rate));
    obs_emit();
}
