/* bench-probe: the measuring engine of the kit's benchmark (bench/ orchestrates it). Latency,
 * throughput, message rate, CPU and memory cost of each IPC mechanism, timed inside this program
 * with CLOCK_MONOTONIC around whole batches and CPU time from getrusage/wait4, plus the reference
 * points they are read against, the paired comparisons behind the `performance` properties, and
 * `series`, which runs many of these in one call. c-fixtures/cases/bench.json says what each case
 * reports; the files bench_*.c hold one concern each (cases.h lists them). */
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "common/probe.h"

static void run_rtt(const bench_args *args) {
    workload_result result = measure_rtt(&args->workload);
    report_rtt(&args->workload, &result);
    obs_emit();
}

static void run_throughput(const bench_args *args) {
    workload_result result = measure_throughput(&args->workload);
    report_throughput(&args->workload, &result);
    obs_emit();
}

static void run_rate(const bench_args *args) {
    workload_result result = measure_rate(&args->workload);
    report_rate(&args->workload, &result);
    obs_emit();
}

static void run_memory(const bench_args *args) { memory_run(args->mechanism_name, args->count); }

static const bench_case bench_cases[] = {
    {"rtt", parse_rtt, run_rtt, budget_workload},
    {"throughput", parse_throughput, run_throughput, budget_workload},
    {"rate", parse_rate, run_rate, budget_workload},
    {"memory", parse_memory, run_memory, budget_memory},
    {"ref-syscall", parse_ref_syscall, reference_syscall, budget_reference},
    {"ref-ctxswitch", parse_ref_ctxswitch, reference_ctxswitch, budget_reference},
    {"ref-memcpy", parse_ref_memcpy, reference_memcpy, budget_reference},
    {"pairs", parse_pairs, pairs_run, budget_pairs},
    {"pairs-within", parse_pairs_within, pairs_run, budget_pairs},
    {"series", parse_series, series_run, budget_short},
    {"machine", parse_nothing, machine_run, budget_short},
    {"helper-measure", parse_helper_measure, helper_measure, budget_workload},
};
#define CASE_COUNT (sizeof bench_cases / sizeof *bench_cases)

const bench_case *bench_case_named(const char *name) {
    for (size_t i = 0; i < CASE_COUNT; i++)
        if (strcmp(bench_cases[i].name, name) == 0 && strncmp(name, "helper-", 7) != 0) return &bench_cases[i];
    return NULL;
}

/* Parses, then runs (or, inside a series, reports the failure of an earlier run of the same line). */
static void dispatch(const char *name, int argc, char **argv) {
    for (size_t i = 0; i < CASE_COUNT; i++) {
        if (strcmp(bench_cases[i].name, name) != 0) continue;
        bench_args args = {0};
        bench_cases[i].parse(argc, argv, &args);
        if (!series_failure_requested(name, argc, argv)) bench_cases[i].run(&args);
        return;
    }
}

/* probe_main's cases carry no context, so each gets a one-line entry naming its table row. */
#define ENTRY(function, name) \
    static void function(int argc, char **argv) { dispatch(name, argc, argv); }
ENTRY(rtt_entry, "rtt")
ENTRY(throughput_entry, "throughput")
ENTRY(rate_entry, "rate")
ENTRY(memory_entry, "memory")
ENTRY(ref_syscall_entry, "ref-syscall")
ENTRY(ref_ctxswitch_entry, "ref-ctxswitch")
ENTRY(ref_memcpy_entry, "ref-memcpy")
ENTRY(pairs_entry, "pairs")
ENTRY(pairs_within_entry, "pairs-within")
ENTRY(series_entry, "series")
ENTRY(machine_entry, "machine")
ENTRY(helper_measure_entry, "helper-measure")

static const probe_case cases[] = {
    {"rtt", rtt_entry},
    {"throughput", throughput_entry},
    {"rate", rate_entry},
    {"memory", memory_entry},
    {"ref-syscall", ref_syscall_entry},
    {"ref-ctxswitch", ref_ctxswitch_entry},
    {"ref-memcpy", ref_memcpy_entry},
    {"pairs", pairs_entry},
    {"pairs-within", pairs_within_entry},
    {"series", series_entry},
    {"machine", machine_entry},
    {"helper-measure", helper_measure_entry},
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
