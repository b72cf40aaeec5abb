/* Calibrated batches; see bench_timing.h. */
#include "bench_timing.h"

#include <math.h>
#include <stdlib.h>

#include "common/probe.h"

#define SHORTEST_TARGET_NS INT64_C(100000)
#define LONGEST_TARGET_NS INT64_C(100000000)
#define LARGEST_BATCH (UINT64_C(1) << 30)

/* Per-batch records for the typical figure; a run has a few dozen batches at most (the target is a
 * sixteenth of the run), and batches past this many are left out of it, not out of the totals. */
#define MAX_RECORDED 512

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median ns per iteration over the recorded batches of the final size. */
static double typical_of(const double *ns_per_iteration, const uint64_t *sizes, int recorded, uint64_t final_size) {
    double steady[MAX_RECORDED];
    int count = 0;
    for (int i = 0; i < recorded; i++)
        if (sizes[i] == final_size) steady[count++] = ns_per_iteration[i];
    if (count == 0) return NAN;
    qsort(steady, (size_t)count, sizeof *steady, compare_doubles);
    return count % 2 ? steady[count / 2] : (steady[count / 2 - 1] + steady[count / 2]) / 2;
}

batch_run run_batches(batch_body body, void *context, int64_t min_ns) {
    int64_t target = min_ns / 16;
    if (target < SHORTEST_TARGET_NS) target = SHORTEST_TARGET_NS;
    if (target > LONGEST_TARGET_NS) target = LONGEST_TARGET_NS;
    batch_run run = {.start_ns = monotonic_ns()};
    static double ns_per_iteration[MAX_RECORDED];
    static uint64_t sizes[MAX_RECORDED];
    int recorded = 0;
    uint64_t batch = 1, last = 1;
    int64_t before = run.start_ns;
    do {
        body(context, batch);
        run.iterations += batch;
        int64_t after = monotonic_ns();
        if (recorded < MAX_RECORDED) {
            ns_per_iteration[recorded] = (double)(after - before) / (double)batch;
            sizes[recorded++] = batch;
        }
        last = batch;
        /* Grow while a batch is short next to the target: doubling keeps the last batch, and so
         * the overshoot past min_ns, below about twice the target. */
        if (after - before < target / 2 && batch < LARGEST_BATCH) batch *= 2;
        before = after;
    } while (before - run.start_ns < min_ns);
    run.end_ns = before;
    run.typical_ns = typical_of(ns_per_iteration, sizes, recorded, last);
    if (isnan(run.typical_ns)) run.typical_ns = (double)(run.end_ns - run.start_ns) / (double)run.iterations;
    return run;
}
