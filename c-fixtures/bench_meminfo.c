/* Kernel memory readings for the memory case; see bench_meminfo.h. */
#include "bench_meminfo.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/probe.h"

#define SAMPLES 5
#define SAMPLE_GAP_NS INT64_C(20000000)

typedef enum { SOURCE_UNKNOWN, SOURCE_CGROUP_V1, SOURCE_CGROUP_V2, SOURCE_MEMINFO } memory_source;

static memory_source source;
static char cgroup_dir[512];
static char source_text[640];

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

/* Picks the source once: the cgroup v1 memory controller's kmem counters, else cgroup v2's
 * memory.stat, else /proc/meminfo. */
static void choose_source(void) {
    FILE *file = fopen("/proc/self/cgroup", "r");
    char line[512], v1_path[512] = "", v2_path[512] = "";
    bool v2_seen = false;
    while (file && fgets(line, sizeof line, file)) {
        line[strcspn(line, "\n")] = '\0';
        char *first = strchr(line, ':'), *second = first ? strchr(first + 1, ':') : NULL;
        if (!second) continue;
        *second = '\0';
        if (strcmp(first + 1, "memory") == 0) snprintf(v1_path, sizeof v1_path, "%s", second + 1);
        else if (strncmp(line, "0", 1) == 0 && first == line + 1 && first[1] == '\0') {
            snprintf(v2_path, sizeof v2_path, "%s", second + 1);
            v2_seen = true;
        }
    }
    if (file) fclose(file);
    if (v1_path[0]) {
        snprintf(cgroup_dir, sizeof cgroup_dir, "/sys/fs/cgroup/memory%s", v1_path);
        if (in_cgroup("memory.kmem.usage_in_bytes", false) >= 0) {
            source = SOURCE_CGROUP_V1;
            snprintf(source_text, sizeof source_text,
                     "memory cgroup %s (v1): kmem.usage_in_bytes + kmem.tcp.usage_in_bytes + shmem of memory.stat", v1_path);
            return;
        }
    }
    if (v2_seen) {
        const char *mounts[] = {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"};
        for (size_t i = 0; i < 2; i++) {
            snprintf(cgroup_dir, sizeof cgroup_dir, "%s%s", mounts[i], strcmp(v2_path, "/") == 0 ? "" : v2_path);
            if (in_cgroup("slab", true) >= 0) {
                source = SOURCE_CGROUP_V2;
                snprintf(source_text, sizeof source_text, "memory cgroup %s (v2): kernel + sock + shmem of memory.stat", v2_path);
                return;
            }
        }
    }
    source = SOURCE_MEMINFO;
    snprintf(source_text, sizeof source_text,
             "/proc/meminfo Slab + KernelStack + PageTables + Shmem, system-wide (no readable memory cgroup; pages no counter "
             "names, such as pipe buffers, are missing)");
}

const char *kernel_memory_source(void) {
    if (source == SOURCE_UNKNOWN) choose_source();
    return source_text;
}

static int64_t kernel_sample(void) {
    switch (source) {
    case SOURCE_CGROUP_V1:
        return in_cgroup("memory.kmem.usage_in_bytes", false) + in_cgroup("memory.kmem.tcp.usage_in_bytes", false) +
               in_cgroup("shmem", true);
    case SOURCE_CGROUP_V2: {
        /* "kernel" (Linux 5.18+) already sums stacks, page tables, per-cpu, vmalloc and slab with
         * the rest of kernel memory; older kernels list only the parts. */
        int64_t kernel = in_cgroup("kernel", true);
        if (kernel < 0)
            kernel = in_cgroup("kernel_stack", true) + in_cgroup("pagetables", true) + in_cgroup("percpu", true) +
                     in_cgroup("slab", true) + in_cgroup("vmalloc", true);
        return kernel + in_cgroup("sock", true) + in_cgroup("shmem", true);
    }
    default:
        return meminfo_field("Slab:") + meminfo_field("KernelStack:") + meminfo_field("PageTables:") + meminfo_field("Shmem:");
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

memory_reading memory_read_settled(int64_t settle_ns) {
    kernel_memory_source();
    int64_t kernel[SAMPLES], slab[SAMPLES], shmem[SAMPLES];
    sleep_ns(settle_ns);
    for (int i = 0; i < SAMPLES; i++) {
        if (i) sleep_ns(SAMPLE_GAP_NS);
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
