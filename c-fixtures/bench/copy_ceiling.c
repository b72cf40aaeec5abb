/* ref-memcpy: the copy ceiling, how fast this CPU copies `chunk` bytes from one buffer to another,
 * which no mechanism that copies its data (a pipe copies twice, a shared ring twice) can beat.
 *
 * A copy's speed depends on where its two buffers sit relative to each other. Two back-to-back
 * malloc(65536) blocks lie 65,552 bytes apart, 16 modulo the 4096-byte page: within the 1–63-byte
 * window where the destination trails its source by less than a cache line in the low 12 address
 * bits (4 KiB aliasing), where glibc 2.36's memcpy runs `rep movsb` (2,112 B up to the L2 size)
 * with the source aligned and the destination 16 bytes off a cache line. On the AMD EPYC (family
 * 26) this was written on, that placement copies 64 KiB a quarter slower than the best one; on the
 * host of issue 18 it was twenty times slower, and the "ceiling" fell below the pipes it was meant
 * to bound. So the ceiling is measured with page-aligned buffers at several distances modulo 4096
 * (OFFSETS), and the best of them is the value; every offset's figure is evidence, so the report
 * can show how much placement matters on the machine. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "cases.h"
#include "timing.h"
#include "common/probe.h"

#define PAGE_BYTES        4096
#define LARGE_COPY_BYTES  (16L << 20)
#define LARGE_COPY_OFFSET 2048
/* Each placement is timed in short rounds, the placements taking turns, and its figure is its best
 * round. Sharing the CPU (other processes, a host descheduling the virtual CPU) only ever slows a
 * copy, and a round of a few ms is short enough to fall between two interruptions where a single
 * run of min_ms cannot; taking turns spreads any slow drift over every placement alike. A round of
 * 2 ms still holds thousands of 64 KiB copies (a sustained rate, not one lucky copy). */
#define ROUND_NS   INT64_C(2000000)
#define MIN_ROUNDS 3

struct copy_job {
    unsigned char *from, *to;
    size_t size;
};

static uint64_t copy_batch(void *context, uint64_t count) {
    struct copy_job *job = context;
    for (uint64_t i = 0; i < count; i++) {
        /* A call to the C library's memcpy (the size is only known at run time, so the compiler
         * cannot expand it), which is what the mechanisms' own copies call, and what a fault shim
         * preloaded into the probe replaces. */
        memcpy(job->to, job->from, job->size);
        /* The copy's result is never read: tell the compiler the memory is used, or it may drop it. */
        __asm__ volatile("" : : "r"(job->to), "r"(job->from) : "memory");
    }
    return count;
}

/* Two buffers of `size` bytes: the source at the start of a page, the destination `offset` bytes
 * into a page, so that (destination - source) modulo 4096 is `offset`; both touched, so that no
 * page is first written inside a timed loop. */
typedef struct {
    unsigned char *mapping;
    size_t mapping_bytes, span;
} copy_area;

static copy_area area_for(size_t size) {
    copy_area area = {.span = (size + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES + PAGE_BYTES};
    area.mapping_bytes = 2 * area.span;
    area.mapping = mmap(NULL, area.mapping_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area.mapping == MAP_FAILED)
        probe_fail("mmap of %zu bytes for the copy buffers failed", area.mapping_bytes);
    memset(area.mapping, 0x3c, area.mapping_bytes);
    return area;
}

static long minor_faults(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

typedef struct {
    struct copy_job job;
    int64_t bytes_per_s; /* of the best round, from its median batch (timing.h) */
    uint64_t iterations; /* over every timed round */
    int64_t wall_ns;
} copy_figure;

static copy_figure figure_for(const copy_area *area, size_t size, size_t offset) {
    return (copy_figure){
        .job = {.from = area->mapping, .to = area->mapping + area->span + offset, .size = size}};
}

/* One timed round of a placement; keeps the best rate. */
static void time_round(copy_figure *figure) {
    batch_run run = run_batches(copy_batch, &figure->job, ROUND_NS);
    int64_t rate = (int64_t)((double)figure->job.size * 1e9 / run.typical_ns + 0.5);
    if (rate > figure->bytes_per_s) figure->bytes_per_s = rate;
    figure->iterations += run.iterations;
    figure->wall_ns += run.end_ns - run.start_ns;
}

/* Times every figure in turns for at least min_ns each, after one untimed round each (the first
 * copies of a placement meet cold caches and TLB entries, and an idle CPU may still be raising its
 * clock). Returns the minor page faults taken while timing: 0 when the buffers were touched first. */
static long time_in_turns(copy_figure *figures, int count, int64_t min_ns) {
    for (int i = 0; i < count; i++) run_batches(copy_batch, &figures[i].job, ROUND_NS);
    int64_t rounds = min_ns / ROUND_NS > MIN_ROUNDS ? min_ns / ROUND_NS : MIN_ROUNDS;
    long faults = minor_faults();
    for (int64_t round = 0; round < rounds; round++)
        for (int i = 0; i < count; i++) time_round(&figures[i]);
    return minor_faults() - faults;
}

/* MB/s (10^6 bytes) times ten: one decimal in an integer. */
static int64_t mb_per_s_x10(int64_t bytes_per_s) { return (bytes_per_s + 50000) / 100000; }

void reference_memcpy(const bench_args *args) {
    int64_t min_ns = args->min_ms * INT64_C(1000000);
    copy_area area = area_for(args->chunk);
    copy_figure figures[MAX_COPY_OFFSETS];
    for (int i = 0; i < args->offset_count; i++)
        figures[i] = figure_for(&area, args->chunk, args->offsets[i]);
    long faults = time_in_turns(figures, args->offset_count, min_ns);
    munmap(area.mapping, area.mapping_bytes);
    /* A copy larger than the caches beside it, for scale, timed the same way. */
    copy_area large_area = area_for(LARGE_COPY_BYTES);
    copy_figure large = figure_for(&large_area, LARGE_COPY_BYTES, LARGE_COPY_OFFSET);
    faults += time_in_turns(&large, 1, min_ns);
    munmap(large_area.mapping, large_area.mapping_bytes);

    int best = 0, worst = 0;
    char offsets[MAX_COPY_OFFSETS * 6] = "", key[48];
    for (int i = 0; i < args->offset_count; i++) {
        if (figures[i].bytes_per_s > figures[best].bytes_per_s) best = i;
        if (figures[i].bytes_per_s < figures[worst].bytes_per_s) worst = i;
        snprintf(offsets + strlen(offsets), sizeof offsets - strlen(offsets), "%s%zu", i ? "," : "",
                 args->offsets[i]);
    }
    obs_value_int(figures[best].bytes_per_s);
    obs_elapsed_ns(figures[best].wall_ns);
    obs_evidence_int("chunk", (int64_t)args->chunk);
    obs_evidence_str("offsets", offsets);
    obs_evidence_int("best_offset", (int64_t)args->offsets[best]);
    obs_evidence_int("worst_offset", (int64_t)args->offsets[worst]);
    obs_evidence_int("worst_bytes_per_s", figures[worst].bytes_per_s);
    for (int i = 0; i < args->offset_count; i++) {
        snprintf(key, sizeof key, "offset_%zu_bytes_per_s", args->offsets[i]);
        obs_evidence_int(key, figures[i].bytes_per_s);
    }
    obs_evidence_int("iterations", (int64_t)figures[best].iterations);
    obs_evidence_int("wall_ns", figures[best].wall_ns);
    obs_evidence_int("mb_per_s_x10", mb_per_s_x10(figures[best].bytes_per_s));
    obs_evidence_int("page_faults_timed", faults);
    obs_evidence_str("method",
                     "source page-aligned, destination at each offset modulo 4096; after an untimed "
                     "round each, 2 ms rounds in turns for min_ms per offset; an offset's rate is "
                     "its best round's median batch; value = the best offset");
    obs_evidence_int("large_chunk", LARGE_COPY_BYTES);
    obs_evidence_int("large_iterations", (int64_t)large.iterations);
    obs_evidence_int("large_bytes_per_s", large.bytes_per_s);
    obs_evidence_int("large_mb_per_s_x10", mb_per_s_x10(large.bytes_per_s));
    obs_emit();
}
