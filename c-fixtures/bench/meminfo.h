/* Where the memory case reads kernel memory, and how. The best source is a memory cgroup: it counts
 * only what processes of that cgroup made the kernel allocate, including pages no system-wide
 * counter names (pipe buffers, for one). Best of all is a cgroup of the measurement's own
 * (kernel_memory_isolate); where none can be made the probe's own cgroup is read, which in a
 * container is the container alone but on a host is the whole session. Without a readable memory cgroup the
 * case falls back to /proc/meminfo's named counters, system-wide. Either way a reading is the median of a few
 * samples after a settle, so that short-lived allocations of other processes weigh as little as they can. */
#ifndef BENCH_MEMINFO_H
#define BENCH_MEMINFO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct {
    int64_t kernel; /* kernel memory by the chosen source, bytes */
    int64_t slab;   /* /proc/meminfo Slab, system-wide, for the evidence */
    int64_t shmem;  /* /proc/meminfo Shmem, system-wide */
} memory_reading;

/* Lets the counters settle, then samples five times; each figure is the median. How long it waits
 * depends on whether the cgroup read is the measurement's own: memory_sampling says, in words. */
memory_reading memory_read_settled(void);
const char *memory_sampling(void);

/* What memory_reading.kernel counts and where it comes from, in words for evidence.method. */
const char *kernel_memory_source(void);

/* Moves the measurement (this process, and `companion` when > 0) into a memory cgroup of its own
 * when the source is a memory cgroup (memcg.h), so that other processes of the session cannot
 * move the figure; the readings come from there until kernel_memory_isolation_end. When that cannot
 * be done the shared cgroup is read, and kernel_memory_source says why. */
void kernel_memory_isolate(pid_t companion);
void kernel_memory_isolation_end(void);

/* VmRSS of a process in bytes, or -1 when /proc/PID/status cannot be read. */
int64_t vmrss_bytes(pid_t pid);

#endif
