/* Before a paired decision: waiting for the CPUs it will use to be quiet. A decision taken while
 * something else still runs — the end of the functional phase, namespaces being torn down by
 * kernel workers, a report being written — compares a disturbed A with an undisturbed B. A spinning
 * process pinned to a CPU sees exactly what would disturb a measurement there: every moment the CPU
 * is taken from it (another task, a kernel worker, an interrupt, the hypervisor) is a gap between two
 * clock reads. */
#ifndef BENCH_QUIET_H
#define BENCH_QUIET_H

#include <stdbool.h>
#include <stdint.h>

#include "placement.h"

typedef struct {
    bool quiet;          /* false: still busy when the time allowed ran out (the decision goes on) */
    int64_t waited_ns;   /* from the first check to the quiet one (or to giving up) */
    double lost_percent; /* at the last check, the worst CPU's share of time taken from the spinner */
} quiet_check;

/* Spins on each CPU that `placement` may use until every one gives the spinner all but a few
 * percent of a window, for at most a few seconds and never past `give_up_ns` of waiting (the
 * caller's share of its time budget); the caller's CPU mask is kept. */
quiet_check wait_until_quiet(bench_placement placement, int64_t give_up_ns);

#endif
