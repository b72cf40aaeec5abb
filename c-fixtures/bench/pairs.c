/* pairs / pairs-within: the measurement behind a performance statement ("A takes at least 1.3 times
 * as long as B", "A and B are in the same tier"). One measurement of each says little on a busy or
 * virtual machine, so A and B are measured up to PAIRS times side by side — A B B A, then B A A B,
 * each side keeping the better of its two half-length measurements — and each pair gives a ratio
 * metric(A)/metric(B). The value is the number of pairs measured; `supporting` counts those whose
 * ratio bears the statement out, `needed` echoes how many the caller asks for (the probe decides
 * nothing). Each measurement runs in a process of its own (helper-measure), through the same
 * measure_* function as the public case.
 *
 * Bounded by time, not by count: each measurement stops at its time bound (timing.h), and no
 * further pair starts once the pairs so far, at the pace of the slowest, would run past a share of
 * the probe's watchdog. The probe then reports the pairs it measured, never the watchdog. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cases.h"
#include "isolated.h"
#include "quiet.h"
#include "common/probe.h"

/* The figure the metric compares: ns (rtt, cpu: larger is slower) or per second (larger is faster).
 * Both come from the measurement's median batch, so that a stall of the virtual machine or a
 * neighbour's burst during one batch cannot decide a pair. */
static double metric_of(pair_metric metric, const workload_result *result) {
    switch (metric) {
        case METRIC_RTT:
        case METRIC_THROUGHPUT:
        case METRIC_RATE: return (double)result->typical;
        case METRIC_CPU:
            return result->typical_cpu >= 0 ? (double)result->typical_cpu
                                            : (double)result->cpu_ns / (double)result->iterations;
    }
    return NAN;
}

static const char *metric_name(pair_metric metric) {
    static const char *const names[] = {[METRIC_RTT] = "rtt",
                                        [METRIC_CPU] = "cpu",
                                        [METRIC_THROUGHPUT] = "throughput",
                                        [METRIC_RATE] = "rate"};
    return names[metric];
}

static const char *metric_unit(pair_metric metric) {
    static const char *const units[] = {[METRIC_RTT] = "ns per round trip",
                                        [METRIC_CPU] = "CPU ns per round trip",
                                        [METRIC_THROUGHPUT] = "bytes/s",
                                        [METRIC_RATE] = "messages/s"};
    return units[metric];
}

/* The share of the probe's watchdog (IPC_PROBE_WATCHDOG_S, 8 s when unset: common/probe.c) that pairs
 * may take, the wait for quiet CPUs included; the rest is left for a pair already under way. */
#define WATCHDOG_SHARE 0.6

static int64_t pairs_time_budget_ns(void) {
    const char *text = getenv("IPC_PROBE_WATCHDOG_S");
    long seconds = text ? strtol(text, NULL, 10) : 8;
    if (seconds < 1) seconds = 8;
    return (int64_t)((double)seconds * WATCHDOG_SHARE * 1e9);
}

/* Measurements cut short by their time bound, for the evidence. */
static long cut_short_measurements;

/* One measurement of `mechanism` in a fresh process, lasting min_ms; its workload_result comes back
 * on its stdout. */
static double measure_once(const bench_args *args, const channel_mechanism *mechanism, size_t payload,
                           int64_t duration_ms) {
    char size[32], min_ms[32];
    snprintf(size, sizeof size, "%zu", payload);
    snprintf(min_ms, sizeof min_ms, "%lld", (long long)duration_ms);
    char *argv[] = {"helper-measure",
                    (char *)workload_kind_name(args->kind),
                    (char *)mechanism->name,
                    size,
                    (char *)placement_name(args->workload.placement),
                    min_ms,
                    NULL};
    isolated_outcome outcome = run_isolated(argv, budget_workload(args), NULL);
    if (outcome.status != 0 || outcome.out_length != sizeof(workload_result)) {
        char reason[1100];
        probe_fail("measuring %s: %s", mechanism->name,
                   isolated_failure_reason(&outcome, reason, sizeof reason));
    }
    workload_result result;
    memcpy(&result, outcome.out, sizeof result);
    isolated_outcome_free(&outcome);
    cut_short_measurements += result.cut_short;
    /* Without the bus daemon's share a D-Bus call's CPU time is a fraction of it: no figure at all. */
    if (args->metric == METRIC_CPU && strcmp(mechanism->name, "dbus") == 0 && result.relay_cpu_ns < 0)
        probe_fail("the bus daemon's CPU time cannot be read from here (its pid, as the bus gives it, names "
                   "no dbus-daemon in "
                   "this PID namespace), so a D-Bus call's CPU time would leave it out");
    return metric_of(args->metric, &result);
}

/* Whether a larger figure is the better one (throughput, rate) rather than the worse (rtt, cpu). */
static bool larger_is_better(pair_metric metric) {
    return metric == METRIC_THROUGHPUT || metric == METRIC_RATE;
}

/* Each side of a pair is measured twice and keeps the better figure: interference only ever makes
 * a measurement worse, so a disturbance has to hit both to move the side. */
static double better(pair_metric metric, double x, double y) {
    if (larger_is_better(metric)) return x > y ? x : y;
    return x < y ? x : y;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *values, long count) {
    double *sorted = malloc(sizeof *sorted * (size_t)count);
    if (!sorted) probe_fail("out of memory");
    memcpy(sorted, values, sizeof *sorted * (size_t)count);
    qsort(sorted, (size_t)count, sizeof *sorted, compare_doubles);
    double middle = count % 2 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    free(sorted);
    return middle;
}

void pairs_run(const bench_args *args) {
    const channel_mechanism *a = args->workload.mechanism, *b = args->b;
    double *of_a = calloc((size_t)args->pairs, sizeof *of_a),
           *of_b = calloc((size_t)args->pairs, sizeof *of_b);
    double *ratios = calloc((size_t)args->pairs, sizeof *ratios);
    if (!of_a || !of_b || !ratios) probe_fail("out of memory");
    int64_t started = monotonic_ns(), budget = pairs_time_budget_ns(), slowest_pair = 0;
    /* Quiet CPUs are worth waiting for, but not for more than half the budget: the pairs need the rest. */
    quiet_check quiet = wait_until_quiet(args->workload.placement, budget / 2);
    long supporting = 0, measured = 0;
    char listed[512] = "";
    size_t used = 0;
    for (long pair = 0; pair < args->pairs; pair++) {
        int64_t pair_started = monotonic_ns();
        if (pair > 0 && pair_started - started + slowest_pair * 3 / 2 > budget) break;
        /* A B B A, then B A A B in the next pair: both sides see the same moments, and the order
         * alternates so that drift favours neither. */
        int64_t half_ms = args->min_ms / 2 > 0 ? args->min_ms / 2 : 1;
        bool a_first = pair % 2 == 0;
        const channel_mechanism *outer = a_first ? a : b, *inner = a_first ? b : a;
        size_t outer_size = a_first ? args->workload.size : args->b_size,
               inner_size = a_first ? args->b_size : args->workload.size;
        double outer_1 = measure_once(args, outer, outer_size, half_ms);
        double inner_1 = measure_once(args, inner, inner_size, half_ms);
        double inner_2 = measure_once(args, inner, inner_size, half_ms);
        double outer_2 = measure_once(args, outer, outer_size, half_ms);
        double outer_value = better(args->metric, outer_1, outer_2),
               inner_value = better(args->metric, inner_1, inner_2);
        of_a[pair] = a_first ? outer_value : inner_value;
        of_b[pair] = a_first ? inner_value : outer_value;
        ratios[pair] = of_a[pair] / of_b[pair];
        bool supports = args->within ? ratios[pair] >= 1 / args->threshold && ratios[pair] <= args->threshold
                                     : ratios[pair] >= args->threshold;
        supporting += supports;
        int written = snprintf(listed + used, sizeof listed - used, "%s%.3f", pair ? "," : "", ratios[pair]);
        if (written > 0 && (size_t)written < sizeof listed - used) used += (size_t)written;
        measured++;
        int64_t took = monotonic_ns() - pair_started;
        if (took > slowest_pair) slowest_pair = took;
    }
    char text[32];
    obs_value_int(measured);
    obs_evidence_int("pairs", args->pairs);
    obs_evidence_int("pairs_measured", measured);
    obs_evidence_int("supporting", supporting);
    obs_evidence_int("needed", args->needed);
    obs_evidence_int("measurements_cut_short", cut_short_measurements);
    if (measured < args->pairs) {
        snprintf(text, sizeof text, "%.1f", (double)budget / 1e9);
        obs_evidence_str("pairs_time_budget_s", text);
    }
    /* pairs-within gives its FACTOR under "ratio" too: both cases share one evidence shape. */
    obs_evidence_str("ratio", args->threshold_text);
    if (args->within) obs_evidence_str("factor", args->threshold_text);
    obs_evidence_str("ratios", listed);
    snprintf(text, sizeof text, "%.3f", median(ratios, measured));
    obs_evidence_str("median_ratio", text);
    obs_evidence_int("a_median", llround(median(of_a, measured)));
    obs_evidence_int("b_median", llround(median(of_b, measured)));
    obs_evidence_str("metric", metric_name(args->metric));
    obs_evidence_str("unit", metric_unit(args->metric));
    obs_evidence_str("a", a->name);
    obs_evidence_str("b", b->name);
    obs_evidence_int("payload", (int64_t)args->workload.size);
    obs_evidence_int("payload_b", (int64_t)args->b_size);
    obs_evidence_str("placement", placement_name(args->workload.placement));
    obs_evidence_int("min_ms", args->min_ms);
    obs_evidence_str(
        "estimator",
        args->metric == METRIC_CPU
            ? "per measurement, the CPU time of every process taking part in its median batch of the final "
              "size"
            : "per measurement, the median of its batches of the final size (each about min_ms/32)");
    obs_evidence_bool("quiet_at_start", quiet.quiet);
    obs_evidence_int("quiet_wait_ms", quiet.waited_ns / 1000000);
    snprintf(text, sizeof text, "%.1f", quiet.lost_percent);
    obs_evidence_str("cpu_time_taken_at_start_percent", text);
    obs_evidence_str("pair", "A B B A (B A A B in every other pair), each measurement min_ms/2 long; each "
                             "side the better of its two");
    obs_emit();
    free(of_a);
    free(of_b);
    free(ratios);
}

/* The measuring half of a pair: the raw result, in binary, for pairs_run in the parent process
 * (same program, so the same layout). */
void helper_measure(const bench_args *args) {
    workload_result result = args->kind == WORKLOAD_RTT          ? measure_rtt(&args->workload)
                             : args->kind == WORKLOAD_THROUGHPUT ? measure_throughput(&args->workload)
                                                                 : measure_rate(&args->workload);
    if (write_full(STDOUT_FILENO, &result, sizeof result) != (ssize_t)sizeof result)
        probe_fail("writing the result: %s", errno_name(errno));
}
