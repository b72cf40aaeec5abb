/* Argument parsing and time budgets of bench-probe's cases; see cases.h. Parsing only
 * checks and stores: nothing is opened or started here, so `series` can check all its lines first. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "dbus.h"
#include "timing.h"
#include "common/probe.h"

#define LONGEST_MIN_MS    600000
#define LARGEST_PAYLOAD   (1L << 20)
#define LARGEST_CHUNK     (16L << 20)
#define LARGEST_RATE_SIZE 65536L
/* A throughput chunk carries its sequence number at both ends (throughput.c). */
#define SMALLEST_CHUNK 16L
#define LARGEST_COUNT  65536L
#define LARGEST_PAIRS  64L

static long parse_number(const char *text, const char *what, long least, long most) {
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno || end == text || *end || value < least || value > most)
        probe_usage("%s '%s' is not an integer from %ld to %ld", what, text, least, most);
    return value;
}

static void expect_arguments(int argc, int wanted, const char *usage) {
    if (argc != wanted) probe_usage("usage: %s", usage);
}

const char *workload_kind_name(workload_kind kind) {
    switch (kind) {
        case WORKLOAD_RTT: return "rtt";
        case WORKLOAD_THROUGHPUT: return "throughput";
        case WORKLOAD_RATE: return "rate";
    }
    return "?";
}

static unsigned workload_use(workload_kind kind) {
    return kind == WORKLOAD_RTT ? USE_RTT : kind == WORKLOAD_THROUGHPUT ? USE_THROUGHPUT : USE_RATE;
}

workload_request parse_workload(workload_kind kind, const char *mechanism, const char *size,
                                const char *placement, const char *min_ms) {
    const char *name = workload_kind_name(kind);
    workload_request request = {.mechanism = channel_mechanism_named(mechanism)};
    if (!request.mechanism || !(request.mechanism->uses & workload_use(kind)))
        probe_usage("%s: mechanism '%s' is not one of %s", name, mechanism,
                    channel_mechanism_names(workload_use(kind)));
    long least = (long)request.mechanism->min_size,
         most =
             (long)(request.mechanism->max_size < (size_t)LONG_MAX ? request.mechanism->max_size : LONG_MAX);
    if (kind == WORKLOAD_RTT && most > LARGEST_PAYLOAD) most = LARGEST_PAYLOAD;
    if (kind == WORKLOAD_RATE && most > LARGEST_RATE_SIZE) most = LARGEST_RATE_SIZE;
    if (kind == WORKLOAD_THROUGHPUT) least = SMALLEST_CHUNK, most = LARGEST_CHUNK;
    char what[96];
    snprintf(what, sizeof what, "%s: %s for %s", name,
             kind == WORKLOAD_RTT          ? "PAYLOAD"
             : kind == WORKLOAD_THROUGHPUT ? "CHUNK"
                                           : "SIZE",
             mechanism);
    request.size = (size_t)parse_number(size, what, least, most);
    request.placement = placement_parse(placement);
    request.min_ns = parse_number(min_ms, "MIN_MS", 1, LONGEST_MIN_MS) * INT64_C(1000000);
    if (request.mechanism == &channel_dbus) bench_bus_address(); /* a usage error now, not a failure later */
    return request;
}

static void parse_kind(workload_kind kind, int argc, char **argv, bench_args *args, const char *usage) {
    expect_arguments(argc, 4, usage);
    args->kind = kind;
    args->workload = parse_workload(kind, argv[0], argv[1], argv[2], argv[3]);
    args->min_ms = args->workload.min_ns / 1000000;
}

void parse_rtt(int argc, char **argv, bench_args *args) {
    parse_kind(WORKLOAD_RTT, argc, argv, args, "rtt MECH PAYLOAD PLACEMENT MIN_MS");
}
void parse_throughput(int argc, char **argv, bench_args *args) {
    parse_kind(WORKLOAD_THROUGHPUT, argc, argv, args, "throughput MECH CHUNK PLACEMENT MIN_MS");
}
void parse_rate(int argc, char **argv, bench_args *args) {
    parse_kind(WORKLOAD_RATE, argc, argv, args, "rate MECH SIZE PLACEMENT MIN_MS");
}

void parse_helper_measure(int argc, char **argv, bench_args *args) {
    expect_arguments(argc, 5, "helper-measure rtt|throughput|rate MECH SIZE PLACEMENT MIN_MS");
    workload_kind kinds[] = {WORKLOAD_RTT, WORKLOAD_THROUGHPUT, WORKLOAD_RATE};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(argv[0], workload_kind_name(kinds[i])) == 0) {
            parse_kind(kinds[i], argc - 1, argv + 1, args, "");
            return;
        }
    probe_usage("helper-measure: workload '%s' is not rtt, throughput or rate", argv[0]);
}

void parse_memory(int argc, char **argv, bench_args *args) {
    expect_arguments(argc, 2, "memory MECH COUNT");
    if (!memory_mechanism_known(argv[0]))
        probe_usage("memory: mechanism '%s' is not one of %s", argv[0], memory_mechanism_names());
    args->mechanism_name = argv[0];
    args->count = parse_number(argv[1], "COUNT", 1, LARGEST_COUNT);
    if (strcmp(argv[0], "dbus") == 0) bench_bus_address();
}

void parse_ref_syscall(int argc, char **argv, bench_args *args) {
    expect_arguments(argc, 1, "ref-syscall MIN_MS");
    args->min_ms = parse_number(argv[0], "MIN_MS", 1, LONGEST_MIN_MS);
}

void parse_ref_ctxswitch(int argc, char **argv, bench_args *args) {
    expect_arguments(argc, 2, "ref-ctxswitch PLACEMENT MIN_MS");
    args->min_ms = parse_number(argv[1], "MIN_MS", 1, LONGEST_MIN_MS);
    args->workload = (workload_request){.mechanism = &channel_futex,
                                        .size = 0,
                                        .placement = placement_parse(argv[0]),
                                        .min_ns = args->min_ms * INT64_C(1000000)};
}

/* OFFSETS: comma-separated distances modulo the page, each 0..4095, no repeats. */
static void parse_copy_offsets(const char *text, bench_args *args) {
    char list[128], *rest = NULL;
    if (strlen(text) >= sizeof list) probe_usage("OFFSETS '%s' is too long", text);
    snprintf(list, sizeof list, "%s", text);
    args->offset_count = 0;
    for (char *item = strtok_r(list, ",", &rest); item; item = strtok_r(NULL, ",", &rest)) {
        if (args->offset_count == MAX_COPY_OFFSETS)
            probe_usage("OFFSETS '%s' lists more than %d offsets", text, MAX_COPY_OFFSETS);
        size_t offset = (size_t)parse_number(item, "an offset of OFFSETS", 0, 4095);
        for (int i = 0; i < args->offset_count; i++)
            if (args->offsets[i] == offset) probe_usage("OFFSETS '%s' repeats %zu", text, offset);
        args->offsets[args->offset_count++] = offset;
    }
    if (args->offset_count == 0) probe_usage("OFFSETS '%s' lists no offset", text);
}

void parse_ref_memcpy(int argc, char **argv, bench_args *args) {
    if (argc != 3) expect_arguments(argc, 2, "ref-memcpy CHUNK MIN_MS [OFFSETS]");
    args->chunk = (size_t)parse_number(argv[0], "CHUNK", 1, 64L << 20);
    args->min_ms = parse_number(argv[1], "MIN_MS", 1, LONGEST_MIN_MS);
    parse_copy_offsets(argc == 3 ? argv[2] : DEFAULT_COPY_OFFSETS, args);
}

static void parse_pair_case(int argc, char **argv, bench_args *args, bool within) {
    const char *usage =
        within ? "pairs-within METRIC A B PAYLOAD[:PAYLOAD_B] PLACEMENT PAIRS FACTOR MIN_MS [NEEDED]"
               : "pairs METRIC A B PAYLOAD[:PAYLOAD_B] PLACEMENT PAIRS RATIO MIN_MS [NEEDED]";
    if (argc != 9) expect_arguments(argc, 8, usage);
    static const struct {
        const char *name;
        pair_metric metric;
        workload_kind kind;
    } metrics[] = {{"rtt", METRIC_RTT, WORKLOAD_RTT},
                   {"cpu", METRIC_CPU, WORKLOAD_RTT},
                   {"throughput", METRIC_THROUGHPUT, WORKLOAD_THROUGHPUT},
                   {"rate", METRIC_RATE, WORKLOAD_RATE}};
    size_t m = 0;
    while (m < 4 && strcmp(argv[0], metrics[m].name) != 0) m++;
    if (m == 4) probe_usage("METRIC '%s' is not rtt, cpu, throughput or rate", argv[0]);
    args->metric = metrics[m].metric;
    args->kind = metrics[m].kind;
    args->within = within;
    /* "A:B" gives each side its own payload: a signal carries no bytes, a pipe needs one. */
    char sizes[64];
    snprintf(sizes, sizeof sizes, "%s", argv[3]);
    char *b_size = strchr(sizes, ':');
    if (b_size) *b_size++ = '\0';
    args->workload = parse_workload(args->kind, argv[1], sizes, argv[4], argv[7]);
    workload_request b = parse_workload(args->kind, argv[2], b_size ? b_size : sizes, argv[4], argv[7]);
    args->b = b.mechanism;
    args->b_size = b.size;
    args->min_ms = args->workload.min_ns / 1000000;
    args->pairs = parse_number(argv[5], "PAIRS", 1, LARGEST_PAIRS);
    char *end = NULL;
    args->threshold = strtod(argv[6], &end);
    args->threshold_text = argv[6];
    if (end == argv[6] || *end || !isfinite(args->threshold) || args->threshold <= 0 ||
        (within && args->threshold < 1))
        probe_usage("%s '%s' is not a decimal %s", within ? "FACTOR" : "RATIO", argv[6],
                    within ? "of at least 1" : "above 0");
    /* NEEDED is only reported (how many pairs the statement asks for): deciding is the caller's. */
    args->needed = argc == 9 ? parse_number(argv[8], "NEEDED", 1, args->pairs) : args->pairs;
}

void parse_pairs(int argc, char **argv, bench_args *args) { parse_pair_case(argc, argv, args, false); }
void parse_pairs_within(int argc, char **argv, bench_args *args) { parse_pair_case(argc, argv, args, true); }

void parse_nothing(int argc, char **argv, bench_args *args) {
    (void)argv, (void)args;
    if (argc != 0) probe_usage("this case takes no arguments");
}

void parse_series(int argc, char **argv, bench_args *args) {
    if (argc < 1)
        probe_usage(
            "usage: series LINE... (each LINE one case with its arguments, e.g. \"rtt pipe 64 same 20\")");
    args->lines = argv;
    args->line_count = argc;
}

/* ---- budgets: generous, so that a case's own time limits (5 s without progress) speak first ---- */

static int64_t seconds_for(int64_t ms) { return (ms + 999) / 1000; }

int64_t budget_workload(const bench_args *args) { return seconds_for(args->min_ms * 5 / 4 + 50) + 15; }
int64_t budget_memory(const bench_args *args) { return 30 + args->count / 100; }
int64_t budget_reference(const bench_args *args) { return seconds_for(args->min_ms * 5 / 2) + 10; }
/* Each offset and the large copy: a warm-up (a quarter, at least 2 ms) and the timed run, which may
 * stretch to its time bound (timing.h) when the CPU is taken away. */
int64_t budget_memcpy(const bench_args *args) {
    int64_t runs = args->offset_count + 1;
    return runs * (seconds_for(args->min_ms * 5 / 4 * MEASUREMENT_STRETCH) + 1) + 10;
}
int64_t budget_pairs(const bench_args *args) { return 2 * args->pairs * budget_workload(args) + 5; }
int64_t budget_short(const bench_args *args) {
    (void)args;
    return 5;
}
