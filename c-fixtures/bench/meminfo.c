/* Kernel memory readings for the memory case; see meminfo.h. */
#include "meminfo.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memcg.h"
#include "common/probe.h"

#define SAMPLES 5
/* In a cgroup of its own only the probe's own deferred work (RCU frees, per-CPU charge caches) can
 * still move a counter, which takes milliseconds; a shared cgroup needs longer for its neighbours'
 * short-lived allocations to come and go. */
#define PRIVATE_SETTLE_NS INT64_C(20000000)
#define PRIVATE_GAP_NS    INT64_C(5000000)
#define SHARED_SETTLE_NS  INT64_C(200000000)
#define SHARED_GAP_NS     INT64_C(20000000)

typedef enum { SOURCE_UNKNOWN, SOURCE_CGROUP_V1, SOURCE_CGROUP_V2, SOURCE_MEMINFO } memory_source;

static memory_source source;
static char cgroup_dir[512];
static char source_text[1024];
static char cgroup_path[512]; /* as /proc/self/cgroup names it */

/* The value of `key` in a "key value" file (memory.stat), or -1. */
static int64_t keyed_value(const char *path, const char *key) {
    FILE *file = fopen(path, "r");
    if (!file) return -1;
    char name[128];
    long long value, found = -1;
    while (fscanf(file, "%127s %lld", name, &value) == 2)
        if (strcmp(name, key) == 0) found = value;
    fclose(file);
    return found;
}

/* The single number in a file, or -1. */
static int64_t file_number(const char *path) {
    FILE *file = fopen(path, "r");
    long long value = -1;
    if (!file) return -1;
    if (fscanf(file, "%lld", &value) != 1) value = -1;
    fclose(file);
    return value;
}

static int64_t in_cgroup(const char *name, bool stat_key) {
    char path[640];
    snprintf(path, sizeof path, "%s/%s", cgroup_dir, stat_key ? "memory.stat" : name);
    return stat_key ? keyed_value(path, name) : file_number(path);
}

/* /proc/meminfo field `key` (with its colon) in bytes, or 0 when absent. */
static int64_t meminfo_field(const char *key) {
    FILE *file = fopen("/proc/meminfo", "r");
    if (!file) probe_fail("open /proc/meminfo: %s", errno_name(errno));
    char name[64];
    long long kib, found = 0;
    while (fscanf(file, "%63s %lld%*[^\n]", name, &kib) == 2)
        if (strcmp(name, key) == 0) found = kib * 1024;
    fclose(file);
    return found;
}

/* What the cgroup sources count, for source_text. */
static const char v1_counters[] = "kmem.usage_in_bytes + kmem.tcp.usage_in_bytes + shmem of memory.stat";
static const char v2_counters[] = "kernel + sock + shmem of memory.stat";

static void describe_cgroup(const char *scope, const char *path) {
    snprintf(source_text, sizeof source_text, "%s memory cgroup %s (%s): %s", scope, path,
             source == SOURCE_CGROUP_V1 ? "v1" : "v2",
             source == SOURCE_CGROUP_V1 ? v1_counters : v2_counters);
}

/* Picks the source once: the cgroup v1 memory controller's kmem counters, else cgroup v2's
 * memory.stat, else /proc/meminfo. */
static void choose_source(void) {
    int version = memcg_locate(cgroup_dir, sizeof cgroup_dir, cgroup_path, sizeof cgroup_path);
    if (version == 1 && in_cgroup("memory.kmem.usage_in_bytes", false) >= 0)
        source = SOURCE_CGROUP_V1;
    else if (version == 2 && in_cgroup("slab", true) >= 0)
        source = SOURCE_CGROUP_V2;
    if (source != SOURCE_UNKNOWN) {
        describe_cgroup("the shared", cgroup_path);
        return;
    }
    source = SOURCE_MEMINFO;
    snprintf(source_text, sizeof source_text,
             "/proc/meminfo Slab + KernelStack + PageTables + Shmem, system-wide (no readable memory cgroup; "
             "pages no counter "
             "names, such as pipe buffers, are missing)");
}

const char *kernel_memory_source(void) {
    if (source == SOURCE_UNKNOWN) choose_source();
    return source_text;
}

static char shared_cgroup_dir[sizeof cgroup_dir];

void kernel_memory_isolate(pid_t companion) {
    kernel_memory_source();
    if (source != SOURCE_CGROUP_V1 && source != SOURCE_CGROUP_V2) return;
    char child[sizeof cgroup_dir], why[512];
    if (!memcg_enter(cgroup_dir, companion, child, sizeof child, why, sizeof why)) {
        size_t used = strlen(source_text);
        snprintf(source_text + used, sizeof source_text - used, " (no cgroup of its own: %s)", why);
        return;
    }
    snprintf(shared_cgroup_dir, sizeof shared_cgroup_dir, "%s", cgroup_dir);
    snprintf(cgroup_dir, sizeof cgroup_dir, "%s", child);
    char path[sizeof cgroup_dir + 64];
    snprintf(path, sizeof path, "%s%s", strcmp(cgroup_path, "/") == 0 ? "" : cgroup_path,
             strrchr(child, '/'));
    describe_cgroup(companion > 0 ? "a private (probe + bus daemon)" : "a private (probe only)", path);
}

void kernel_memory_isolation_end(void) {
    memcg_leave();
    if (shared_cgroup_dir[0]) snprintf(cgroup_dir, sizeof cgroup_dir, "%s", shared_cgroup_dir);
    shared_cgroup_dir[0] = '\0';
}

static int64_t kernel_sample(void) {
    switch (source) {
        case SOURCE_CGROUP_V1:
            return in_cgroup("memory.kmem.usage_in_bytes", false) +
                   in_cgroup("memory.kmem.tcp.usage_in_bytes", false) + in_cgroup("shmem", true);
        case SOURCE_CGROUP_V2: {
            /* "kernel" (Linux 5.18+) already sums stacks, page tables, per-cpu, vmalloc and slab with
             * the rest of kernel memory; older kernels list only the parts. */
            int64_t kernel = in_cgroup("kernel", true);
            if (kernel < 0)
                kernel = in_cgroup("kernel_stack", true) + in_cgroup("pagetables", true) +
                         in_cgroup("percpu", true) + in_cgroup("slab", true) + in_cgroup("vmalloc", true);
            return kernel + in_cgroup("sock", true) + in_cgroup("shmem", true);
        }
        default:
            return meminfo_field("Slab:") + meminfo_field("KernelStack:") + meminfo_field("PageTables:") +
                   meminfo_field("Shmem:");
    }
}

static int compare_int64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int64_t median_of(int64_t *values) {
    qsort(values, SAMPLES, sizeof *values, compare_int64);
    return values[SAMPLES / 2];
}

static bool isolated(void) { return shared_cgroup_dir[0] != '\0'; }

const char *memory_sampling(void) {
    return isolated() ? "median of 5 readings 5 ms apart after 20 ms"
                      : "median of 5 readings 20 ms apart after 200 ms";
}

memory_reading memory_read_settled(void) {
    kernel_memory_source();
    int64_t kernel[SAMPLES], slab[SAMPLES], shmem[SAMPLES];
    sleep_ns(isolated() ? PRIVATE_SETTLE_NS : SHARED_SETTLE_NS);
    for (int i = 0; i < SAMPLES; i++) {
        if (i) sleep_ns(isolated() ? PRIVATE_GAP_NS : SHARED_GAP_NS);
        kernel[i] = kernel_sample();
        slab[i] = meminfo_field("Slab:");
        shmem[i] = meminfo_field("Shmem:");
    }
    return (memory_reading){.kernel = median_of(kernel), .slab = median_of(slab), .shmem = median_of(shmem)};
}

int64_t vmrss_bytes(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *file = fopen(path, "r");
    if (!file) return -1;
    long long kib = -1;
    while (fgets(line, sizeof line, file))
        if (sscanf(line, "VmRSS: %lld", &kib) == 1) break;
    fclose(file);
    return kib < 0 ? -1 : kib * 1024;
}
