/* Calibrated batches; see bench_timing.h. */
#include "bench_timing.h"

#include "common/probe.h"

#define SHORTEST_TARGET_NS INT64_C(100000)
#define LONGEST_TARGET_NS INT64_C(100000000)
#define LARGEST_BATCH (UINT64_C(1) << 30)

batch_run run_batches(batch_body body, void *context, int64_t min_ns) {
    int64_t target = min_ns / 16;
    if (target < SHORTEST_TARGET_NS) target = SHORTEST_TARGET_NS;
    if (target > LONGEST_TARGET_NS) target = LONGEST_TARGET_NS;
    batch_run run = {.start_ns = monotonic_ns()};
    uint64_t batch = 1;
    int64_t before = run.start_ns;
    do {
        body(context, batch);
        run.iterations += batch;
        int64_t after = monotonic_ns();
        /* Grow while a batch is short next to the target: doubling keeps the last batch, and so
         * the overshoot past min_ns, below about twice the target. */
        if (after - before < target / 2 && batch < LARGEST_BATCH) batch *= 2;
        before = after;
    } while (before - run.start_ns < min_ns);
    run.end_ns = before;
    return run;
}
