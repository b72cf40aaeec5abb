/* The timed loop of every measurement: whole batches of iterations between two clock reads, the
 * batch grown from 1 until one batch takes a noticeable slice of the run, and batches repeated
 * until the run has lasted at least the minimum. Reading the clock per message would add its own
 * cost (tens of ns) to the very figure being measured; per batch it is noise. */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdint.h>
#include <time.h>

/* Runs `count` iterations with no clock read in between; fails the probe itself on an error. */
typedef void (*batch_body)(void *context, uint64_t count);

typedef struct {
    uint64_t iterations; /* over all completed batches */
    int64_t start_ns;    /* CLOCK_MONOTONIC before the first batch */
    int64_t end_ns;      /* after the last one */
    /* ns per iteration in the median batch among those of the final size (the size no longer grew):
     * a stall of a few ms — a virtual CPU descheduled by its host — moves one batch, not the median. */
    double typical_ns;
    /* CPU ns per iteration of the watched processes (run_batches_watching_cpu) in their median
     * batch, for the same reason; NAN when no clock was watched or one could not be read. */
    double typical_cpu_ns;
} batch_run;

/* Batches until at least min_ns have elapsed; the overshoot is at most one batch, and a batch is
 * sized to about min_ns/16 (100 µs to 100 ms), so a run lasts min_ns plus a few percent. */
batch_run run_batches(batch_body body, void *context, int64_t min_ns);

/* A clock's reading in ns (a CPU clock from clock_getcpuclockid too), or -1 when it cannot be read. */
int64_t clock_ns(clockid_t clock);

/* The same, also reading the CPU clocks (CLOCK_PROCESS_CPUTIME_ID, clock_getcpuclockid) of the
 * processes taking part around every batch, for typical_cpu_ns. */
batch_run run_batches_watching_cpu(batch_body body, void *context, int64_t min_ns, const clockid_t *cpu_clocks, int cpu_clock_count);

#endif
