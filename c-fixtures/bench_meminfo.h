/* Where the memory case reads kernel memory, and how. The best source is the memory cgroup the
 * probe runs in: it counts only what processes of that cgroup made the kernel allocate, including
 * pages no system-wide counter names (pipe buffers, for one), and in a container that is the
 * container alone. Without a readable memory cgroup the case falls back to /proc/meminfo's named
 * counters, system-wide. Either way a reading is the median of a few samples after a settle, so
 * that short-lived allocations of other processes weigh as little as they can. */
#ifndef BENCH_MEMINFO_H
#define BENCH_MEMINFO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct {
    int64_t kernel;     /* kernel memory by the chosen source, bytes */
    int64_t slab;       /* /proc/meminfo Slab, system-wide, for the evidence */
    int64_t shmem;      /* /proc/meminfo Shmem, system-wide */
} memory_reading;

/* Sleeps settle_ns, then samples five times 20 ms apart; each figure is the median. */
memory_reading memory_read_settled(int64_t settle_ns);

/* What memory_reading.kernel counts and where it comes from, in words for evidence.method. */
const char *kernel_memory_source(void);

/* VmRSS of a process in bytes, or -1 when /proc/PID/status cannot be read. */
int64_t vmrss_bytes(pid_t pid);

#endif
