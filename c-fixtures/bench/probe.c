/* bench-probe: the measuring engine of the kit's benchmark (bench/ orchestrates it). Latency,
 * throughput, message rate, CPU and memory cost of each IPC mechanism, timed inside this program
 * with CLOCK_MONOTONIC around whole batches and CPU time from getrusage/wait4, plus the reference
 * points they are read against, the paired comparisons behind the `performance` properties, and
 * `series`, which runs many of these in one call. The case table below says what each case
 * reports; the other files here hold one concern each (cases.h lists them). */
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
    {"ref-memcpy", parse_ref_memcpy, reference_memcpy, budget_memcpy},
    {"pairs", parse_pairs, pairs_run, budget_pairs},
    {"pairs-within", parse_pairs_within, pairs_run, budget_pairs},
    {"series", parse_series, series_run, budget_short},
    {"machine", parse_nothing, machine_run, budget_short},
    {"helper-measure", parse_helper_measure, helper_measure, budget_workload},
};
#define CASE_COUNT (sizeof bench_cases / sizeof *bench_cases)

const bench_case *bench_case_named(const char *name) {
    for (size_t i = 0; i < CASE_COUNT; i++)
        if (strcmp(bench_cases[i].name, name) == 0 && strncmp(name, "helper-", 7) != 0)
            return &bench_cases[i];
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
#define ENTRY(function, name)                                                                                \
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
    PROBE_CASE("rtt", rtt_entry,
               "ping-pong of `payload` bytes between the probe and a forked peer that echoes them (pipe, "
               "fifo, sysv-msg, posix-mq, unix-stream, unix-dgram, unix-seqpacket, tcp, udp, shm-sem, "
               "shm-spin, dbus; sysv-sem and signal with payload 0, signal-rt 0..4); placement "
               "same|split|free pins both to one CPU, to two, or not at all; after a short warm-up, "
               "batches until min_ms; value = mean ns per round trip; evidence mechanism, payload, "
               "placement, iterations, wall_ns, cpu_ns (user+system of both processes, and for dbus of "
               "the bus daemon too: bus_daemon_cpu_ns; a pinned placement pins the daemon beside the "
               "probe for the measurement), cpu_ns_per_op, warmup_iterations",
               PARAM("mechanism", "the mechanism, as bench/workloads.ts names it"),
               PARAM("payload", "bytes per message"),
               PARAM("placement", "same, split or free: both processes on one CPU, on two, or not pinned"),
               PARAM("min_ms", "milliseconds to measure at least")),
    PROBE_CASE("throughput", throughput_entry,
               "one-way transfer in `chunk`-byte writes for at least min_ms (pipe, fifo, unix-stream, "
               "tcp, shm-sem and shm-spin rings, dbus method calls with the chunk capped below "
               "IPC_CONFORMANCE_DBUS_MAX_MESSAGE_SIZE); the reader checks every chunk and a checksum, "
               "and the clock stops when it has taken the last byte; value = bytes per second; evidence "
               "chunk (as used), chunks, bytes, wall_ns, cpu_ns, cpu_ns_per_mb",
               PARAM("mechanism", "the mechanism, as bench/workloads.ts names it"),
               PARAM("chunk", "bytes per write"),
               PARAM("placement", "same, split or free: both processes on one CPU, on two, or not pinned"),
               PARAM("min_ms", "milliseconds to measure at least")),
    PROBE_CASE("rate", rate_entry,
               "one-way `size`-byte messages for at least min_ms (sysv-msg, posix-mq, unix-dgram, "
               "unix-seqpacket, udp, signal-rt with size 0..4), the sender never more than 64 messages "
               "ahead of what the receiver counted; value = messages per second received; evidence sent, "
               "received, lost, size, bytes_per_s, wall_ns, cpu_ns, cpu_ns_per_op (per message "
               "received), window",
               PARAM("mechanism", "the mechanism, as bench/workloads.ts names it"),
               PARAM("size", "bytes per message"),
               PARAM("placement", "same, split or free: both processes on one CPU, on two, or not pinned"),
               PARAM("min_ms", "milliseconds to measure at least")),
    PROBE_CASE("memory", memory_entry,
               "opens `count` channels (pipe, signal, sysv-msg, posix-mq, shm, sysv-sem, unix-stream, "
               "tcp, dbus), both ends in the probe, each holding one 64-byte message where the mechanism "
               "holds data (shm: a touched 64 KiB segment; dbus: `count` bus connections); value = "
               "(kernel_bytes + user_bytes) / count; evidence count (fewer than asked when a system "
               "limit refused the rest: count_asked, limited_by), kernel_bytes (memory cgroup kmem, else "
               "/proc/meminfo; see method), user_bytes (VmRSS deltas, the dbus-daemon's included or "
               "daemon_rss saying why not), method, channel; a probe failure when no counter moved at "
               "all (a kernel whose memory the probe cannot see, e.g. gVisor)",
               PARAM("mechanism", "the mechanism, as bench/workloads.ts names it"),
               PARAM("count", "channels to open")),
    PROBE_CASE("ref-syscall", ref_syscall_entry,
               "syscall(SYS_getppid) in batches for min_ms; value = ns per call; evidence iterations, "
               "wall_ns, ps_per_call",
               PARAM("min_ms", "milliseconds to measure at least")),
    PROBE_CASE("ref-ctxswitch", ref_ctxswitch_entry,
               "two processes ping-pong through futex words in shared memory (FUTEX_WAKE, FUTEX_WAIT); "
               "value = ns per round trip; evidence as rtt (mechanism futex)",
               PARAM("placement", "same, split or free: both processes on one CPU, on two, or not pinned"),
               PARAM("min_ms", "milliseconds to measure at least")),
    PROBE_CASE(
        "ref-memcpy", ref_memcpy_entry,
        "the copy ceiling: memcpy of `chunk` bytes from a page-aligned source to a destination at "
        "each of `offsets` bytes modulo 4096, each warmed up, then timed in batches for min_ms; "
        "value = bytes per second at the best offset (from its median batch); evidence offsets, "
        "best_offset, worst_offset, worst_bytes_per_s, offset_<N>_bytes_per_s per offset, "
        "iterations, wall_ns, mb_per_s_x10, page_faults_timed, method, and a warmed 16 MiB copy "
        "(large_chunk, large_iterations, large_bytes_per_s, large_mb_per_s_x10)",
        PARAM("chunk", "bytes per copy"), PARAM("min_ms", "milliseconds to measure at least, per offset"),
        OPTIONAL_PARAM("offsets", "comma-separated destination offsets modulo 4096, at most 8 (default "
                                  "0,16,64,2048,4080)")),
    PROBE_CASE("pairs", pairs_entry,
               "`pairs` pairs of back-to-back measurements of a and b (order alternating), each in a "
               "process of its own; value = pairs with metric(a)/metric(b) >= ratio; evidence pairs, "
               "ratio, ratios, median_ratio, a_median, b_median, metric, unit, a, b, payload, payload_b",
               PARAM("metric", "rtt, cpu (rtt's cpu_ns_per_op), throughput or rate"),
               PARAM("a", "the first mechanism"), PARAM("b", "the second mechanism"),
               PARAM("payload", "bytes per message, or A:B when B needs its own"),
               PARAM("placement", "same, split or free: both processes on one CPU, on two, or not pinned"),
               PARAM("pairs", "pairs of back-to-back measurements"),
               PARAM("ratio", "the ratio a pair must reach"),
               PARAM("min_ms", "milliseconds to measure at least"),
               OPTIONAL_PARAM("needed", "pairs the statement asks for, only reported (default: all)")),
    PROBE_CASE("pairs-within", pairs_within_entry,
               "as pairs; value = pairs with 1/factor <= metric(a)/metric(b) <= factor; evidence as "
               "pairs (the factor under ratio and factor)",
               PARAM("metric", "rtt, cpu (rtt's cpu_ns_per_op), throughput or rate"),
               PARAM("a", "the first mechanism"), PARAM("b", "the second mechanism"),
               PARAM("payload", "bytes per message, or A:B when B needs its own"),
               PARAM("placement", "same, split or free: both processes on one CPU, on two, or not pinned"),
               PARAM("pairs", "pairs of back-to-back measurements"),
               PARAM("factor", "the factor either way a pair must stay within (at least 1)"),
               PARAM("min_ms", "milliseconds to measure at least"),
               OPTIONAL_PARAM("needed", "pairs the statement asks for, only reported (default: all)")),
    PROBE_CASE("series", series_entry,
               "each line one case with its arguments (\"rtt pipe 64 same 20\"), all checked first (an "
               "unknown case or bad argument: usage error, nothing runs), then run in order, each in a "
               "process of its own with a watchdog sized for it; one observation per line; a line that "
               "breaks gives value null, errno when its message names one, evidence.error and "
               "evidence.sub_case, and the series goes on",
               REPEATED_PARAM("lines", "one case with its arguments per argument")),
    PROBE_CASE("machine", machine_entry,
               "value = CPUs online; evidence cpu_model, cpus_online, cpus_allowed, kernel, hypervisor "
               "(the CPU flag), sys_vendor and product_name when readable, loadavg (1-minute), page_size"),
    HELPER_CASE("helper-measure", helper_measure_entry, PARAM("workload", "rtt, throughput or rate"),
                PARAM("mechanism", "the mechanism, as bench/workloads.ts names it"),
                PARAM("size", "bytes per message or write"),
                PARAM("placement", "same, split or free: both processes on one CPU, on two, or not pinned"),
                PARAM("min_ms", "milliseconds to measure at least")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
