/* Where the two processes of a measurement run. The same pair of mechanisms can differ by an
 * order of magnitude depending on whether a message wakes a process on the same CPU (a context
 * switch) or on another one (an inter-processor wake-up), so every measurement names its placement. */
#ifndef BENCH_PLACEMENT_H
#define BENCH_PLACEMENT_H

#include <sched.h>
#include <stdbool.h>

typedef enum {
    PLACEMENT_SAME,  /* both processes pinned to the first CPU this process may use */
    PLACEMENT_SPLIT, /* the probe on the first allowed CPU, its peer on the second */
    PLACEMENT_FREE,  /* no pinning: the scheduler decides */
} bench_placement;

typedef enum { ROLE_PROBE, ROLE_PEER } placement_role;

/* "same", "split" or "free"; anything else, or "split" with fewer than two allowed CPUs, is a
 * usage error. */
bench_placement placement_parse(const char *text);
const char *placement_name(bench_placement placement);

/* The CPU `role` runs on under `placement`, or -1 when it is not pinned. */
int placement_cpu(bench_placement placement, placement_role role);

/* Pins the calling process for `role` (called by each process itself, after the fork). The probe
 * keeps its previous mask in `saved` (may be NULL for a peer) to get it back with placement_restore,
 * so that one measurement's pinning never leaks into the next. */
void placement_pin(bench_placement placement, placement_role role, cpu_set_t *saved);
void placement_restore(const cpu_set_t *saved);

/* How many CPUs this process may run on (sched_getaffinity). */
int placement_allowed_cpus(void);

#endif
