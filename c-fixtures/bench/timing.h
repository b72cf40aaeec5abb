/* The timed loop of every measurement: whole batches of iterations between two clock reads, the
 * batch grown from 1 until one batch takes a noticeable slice of the run, and batches repeated
 * until the run has lasted at least the minimum. Reading the clock per message would add its own
 * cost (tens of ns) to the very figure being measured; per batch it is noise. */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Runs up to `count` iterations with no clock read in between (bench_out_of_time, at most every few
 * dozen iterations, aside) and returns how many completed: fewer than `count` only when the
 * measurement ran out of time. Fails the probe itself on an error. */
typedef uint64_t (*batch_body)(void *context, uint64_t count);

/* A measurement is bounded by time, not by count: a run may last min_ns times MEASUREMENT_STRETCH
 * plus MEASUREMENT_SLACK_NS at most. Past that the batch in progress stops where it is and the run
 * reports the iterations it completed (batch_run.cut_short). A count alone is unbounded in time: a
 * process spinning for a peer whose virtual CPU its host has descheduled can wait for milliseconds
 * per round trip, and a batch sized on the fast round trips before would then outlast the probe's
 * watchdog. */
#define MEASUREMENT_STRETCH  4
#define MEASUREMENT_SLACK_NS INT64_C(250000000)

/* Whether the running measurement is past its time (reads the clock; sticky once true). Waiting
 * loops that spin (shm-spin) ask it too and give up with ETIME. False outside a measurement. */
bool bench_out_of_time(void);

/* Whether the running measurement has already been found out of time (no clock read). */
bool bench_cut_short(void);

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
    /* The run hit its time bound (MEASUREMENT_STRETCH) before min_ns of whole batches: the figures
     * are from the iterations it completed. */
    bool cut_short;
} batch_run;

/* Batches until at least min_ns have elapsed; the overshoot is at most one batch, and a batch is
 * sized to about min_ns/16 (100 µs to 100 ms), so a run lasts min_ns plus a few percent — or its
 * time bound, when iterations stall. A run that completed no iteration at all fails the probe. */
batch_run run_batches(batch_body body, void *context, int64_t min_ns);

/* A clock's reading in ns (a CPU clock from clock_getcpuclockid too), or -1 when it cannot be read. */
int64_t clock_ns(clockid_t clock);

/* The same, also reading the CPU clocks (CLOCK_PROCESS_CPUTIME_ID, clock_getcpuclockid) of the
 * processes taking part around every batch, for typical_cpu_ns. */
batch_run run_batches_watching_cpu(batch_body body, void *context, int64_t min_ns,
                                   const clockid_t *cpu_clocks, int cpu_clock_count);

#endif
