/* Calibrated batches; see timing.h. */
#include "timing.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "common/probe.h"

#define SHORTEST_TARGET_NS INT64_C(100000)
#define LONGEST_TARGET_NS  INT64_C(100000000)
#define LARGEST_BATCH      (UINT64_C(1) << 30)

/* Per-batch records for the typical figure; a run has a few dozen batches at most (the target is a
 * sixteenth of the run), and batches past this many are left out of it, not out of the totals. */
#define MAX_RECORDED 512

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median ns per iteration over the recorded batches of the final size. */
static double typical_of(const double *ns_per_iteration, const uint64_t *sizes, int recorded,
                         uint64_t final_size) {
    double steady[MAX_RECORDED];
    int count = 0;
    for (int i = 0; i < recorded; i++)
        if (sizes[i] == final_size) steady[count++] = ns_per_iteration[i];
    if (count == 0) return NAN;
    qsort(steady, (size_t)count, sizeof *steady, compare_doubles);
    return count % 2 ? steady[count / 2] : (steady[count / 2 - 1] + steady[count / 2]) / 2;
}

/* The running measurement's deadline (0: none) and whether it has been reached. Per process: the
 * peer, forked before the measurement starts, never has one. */
static int64_t deadline_ns;
static bool out_of_time;

bool bench_out_of_time(void) {
    if (!out_of_time && deadline_ns && monotonic_ns() > deadline_ns) out_of_time = true;
    return out_of_time;
}

bool bench_cut_short(void) { return out_of_time; }

int64_t clock_ns(clockid_t clock) {
    struct timespec now;
    if (clock_gettime(clock, &now) != 0) return -1;
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

/* The summed CPU time of the watched processes; -1 when a clock cannot be read (a process gone). */
static int64_t cpu_total_ns(const clockid_t *clocks, int count) {
    int64_t total = 0;
    for (int i = 0; i < count; i++) {
        int64_t now = clock_ns(clocks[i]);
        if (now < 0) return -1;
        total += now;
    }
    return total;
}

batch_run run_batches_watching_cpu(batch_body body, void *context, int64_t min_ns,
                                   const clockid_t *cpu_clocks, int cpu_clock_count) {
    int64_t target = min_ns / 16;
    if (target < SHORTEST_TARGET_NS) target = SHORTEST_TARGET_NS;
    if (target > LONGEST_TARGET_NS) target = LONGEST_TARGET_NS;
    batch_run run = {.start_ns = monotonic_ns()};
    deadline_ns = run.start_ns + min_ns * MEASUREMENT_STRETCH + MEASUREMENT_SLACK_NS;
    out_of_time = false;
    static double ns_per_iteration[MAX_RECORDED], cpu_per_iteration[MAX_RECORDED];
    static uint64_t sizes[MAX_RECORDED];
    int recorded = 0;
    bool cpu_readable = cpu_clock_count > 0;
    uint64_t batch = 1, last = 1;
    int64_t before = run.start_ns, cpu_before = cpu_readable ? cpu_total_ns(cpu_clocks, cpu_clock_count) : -1;
    do {
        uint64_t done = body(context, batch);
        run.iterations += done;
        int64_t after = monotonic_ns();
        if (done < batch) { /* out of time: a partial batch is no sample of the final size */
            run.cut_short = true;
            before = after;
            break;
        }
        int64_t cpu_after = cpu_readable ? cpu_total_ns(cpu_clocks, cpu_clock_count) : -1;
        if (cpu_after < 0 || cpu_before < 0) cpu_readable = false;
        if (recorded < MAX_RECORDED) {
            ns_per_iteration[recorded] = (double)(after - before) / (double)batch;
            cpu_per_iteration[recorded] =
                cpu_readable ? (double)(cpu_after - cpu_before) / (double)batch : NAN;
            sizes[recorded++] = batch;
        }
        last = batch;
        /* Grow while a batch is short next to the target: doubling keeps the last batch, and so
         * the overshoot past min_ns, below about twice the target. */
        if (after - before < target / 2 && batch < LARGEST_BATCH) batch *= 2;
        before = after;
        cpu_before = cpu_after;
    } while (before - run.start_ns < min_ns);
    deadline_ns = 0;
    if (run.iterations == 0)
        probe_fail("no iteration completed within the measurement's time bound (%lld ms)",
                   (long long)((min_ns * MEASUREMENT_STRETCH + MEASUREMENT_SLACK_NS) / 1000000));
    run.end_ns = before;
    run.typical_ns = typical_of(ns_per_iteration, sizes, recorded, last);
    if (isnan(run.typical_ns)) run.typical_ns = (double)(run.end_ns - run.start_ns) / (double)run.iterations;
    run.typical_cpu_ns = cpu_readable ? typical_of(cpu_per_iteration, sizes, recorded, last) : NAN;
    return run;
}

batch_run run_batches(batch_body body, void *context, int64_t min_ns) {
    return run_batches_watching_cpu(body, context, min_ns, NULL, 0);
}
