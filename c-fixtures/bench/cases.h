/* bench-probe's cases: their parsed arguments, the table entry each one has (probe.c), and
 * the entry points in the other bench_*.c files. Parsing is separate from running so that
 * `series` can check every line it was given before it runs any of them. */
#ifndef BENCH_CASES_H
#define BENCH_CASES_H

#include <stdbool.h>
#include <stdint.h>

#include "workload.h"

typedef enum { WORKLOAD_RTT, WORKLOAD_THROUGHPUT, WORKLOAD_RATE } workload_kind;

/* ref-memcpy's placements (copy_ceiling.c): at most this many, and these when none are given. */
#define MAX_COPY_OFFSETS     8
#define DEFAULT_COPY_OFFSETS "0,16,64,2048,4080"

/* What a pairs case compares: one workload, and which of its figures. */
typedef enum { METRIC_RTT, METRIC_CPU, METRIC_THROUGHPUT, METRIC_RATE } pair_metric;

typedef struct {
    workload_kind kind; /* rtt, throughput, rate, helper-measure; pairs: the workload measured */
    workload_request
        workload; /* rtt, throughput, rate, ref-ctxswitch, helper-measure, pairs (mechanism = A) */
    const char *mechanism_name;       /* memory */
    long count;                       /* memory COUNT */
    size_t chunk;                     /* ref-memcpy CHUNK */
    size_t offsets[MAX_COPY_OFFSETS]; /* ref-memcpy OFFSETS: destination's distance modulo 4096 */
    int offset_count;
    int64_t min_ms;
    /* pairs and pairs-within */
    pair_metric metric;
    const channel_mechanism *b;
    size_t b_size; /* B's payload: PAYLOAD may be "A:B" when the two carry different sizes */
    long pairs;
    long needed;      /* NEEDED: of PAIRS, how many the statement asks to bear it out (reported only) */
    double threshold; /* RATIO, or FACTOR for pairs-within */
    const char *threshold_text; /* as given, for the evidence */
    bool within;
    /* series: the lines, each one case with its arguments */
    char **lines;
    int line_count;
} bench_args;

typedef struct {
    const char *name;
    /* Checks and stores the case's arguments; a usage error (exit 2) on anything wrong. */
    void (*parse)(int argc, char **argv, bench_args *args);
    void (*run)(const bench_args *args);
    /* Seconds the case may need at most (the watchdog `series` gives it). */
    int64_t (*budget_s)(const bench_args *args);
} bench_case;

/* A public case (helper- cases excluded) by name, or NULL. */
const bench_case *bench_case_named(const char *name);

/* ---- argument parsing (args.c) ----------------------------------------------------------- */
void parse_rtt(int argc, char **argv, bench_args *args);
void parse_throughput(int argc, char **argv, bench_args *args);
void parse_rate(int argc, char **argv, bench_args *args);
void parse_memory(int argc, char **argv, bench_args *args);
void parse_ref_syscall(int argc, char **argv, bench_args *args);
void parse_ref_ctxswitch(int argc, char **argv, bench_args *args);
void parse_ref_memcpy(int argc, char **argv, bench_args *args);
void parse_pairs(int argc, char **argv, bench_args *args);
void parse_pairs_within(int argc, char **argv, bench_args *args);
void parse_nothing(int argc, char **argv, bench_args *args);
void parse_helper_measure(int argc, char **argv, bench_args *args);
/* `series` checks its lines itself (series.c). */
void parse_series(int argc, char **argv, bench_args *args);

/* The workload of `kind` for mechanism (by name), size, placement and MIN_MS; usage errors name
 * what is wrong. Shared by rtt/throughput/rate, helper-measure and pairs. */
workload_request parse_workload(workload_kind kind, const char *mechanism, const char *size,
                                const char *placement, const char *min_ms);
const char *workload_kind_name(workload_kind kind);

int64_t budget_workload(const bench_args *args);
int64_t budget_memory(const bench_args *args);
int64_t budget_reference(const bench_args *args);
int64_t budget_memcpy(const bench_args *args);
int64_t budget_pairs(const bench_args *args);
int64_t budget_short(const bench_args *args);

/* ---- entry points ------------------------------------------------------------------------------ */
void memory_run(const char *mechanism, long count); /* memory.c */
bool memory_mechanism_known(const char *name);
const char *memory_mechanism_names(void);
void reference_syscall(const bench_args *args); /* reference.c */
void reference_ctxswitch(const bench_args *args);
void reference_memcpy(const bench_args *args); /* copy_ceiling.c */
void pairs_run(const bench_args *args);        /* pairs.c */
void helper_measure(const bench_args *args);
void series_run(const bench_args *args);  /* series.c */
void machine_run(const bench_args *args); /* machine.c */

/* When `series` re-runs a failed line to report it, the case prints that failure instead of
 * measuring (series.c); false otherwise. */
bool series_failure_requested(const char *name, int argc, char **argv);

#endif
