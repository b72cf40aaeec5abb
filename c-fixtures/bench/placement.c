/* Pinning the two processes of a measurement; see placement.h. */
#include "placement.h"

#include <errno.h>
#include <string.h>

#include "common/probe.h"

/* The mask this program started with: placements pick CPUs from it, not from whatever mask an
 * earlier measurement of the same process left behind. */
static cpu_set_t initial_mask;
static bool initial_mask_read;

static const cpu_set_t *allowed_mask(void) {
    if (!initial_mask_read) {
        if (sched_getaffinity(0, sizeof initial_mask, &initial_mask) != 0)
            probe_fail("sched_getaffinity: %s", errno_name(errno));
        initial_mask_read = true;
    }
    return &initial_mask;
}

int placement_allowed_cpus(void) { return CPU_COUNT(allowed_mask()); }

/* The n-th CPU (0-based) of the allowed mask, or -1. In a container limited to CPUs 2 and 3,
 * "the first CPU" is 2: CPU 0 itself may be off limits. */
static int nth_allowed_cpu(int n) {
    const cpu_set_t *mask = allowed_mask();
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET(cpu, mask) && n-- == 0) return cpu;
    return -1;
}

bench_placement placement_parse(const char *text) {
    if (strcmp(text, "same") == 0) return PLACEMENT_SAME;
    if (strcmp(text, "free") == 0) return PLACEMENT_FREE;
    if (strcmp(text, "split") == 0) {
        if (placement_allowed_cpus() < 2)
            probe_usage("placement split needs two CPUs, but this process may use only %d",
                        placement_allowed_cpus());
        return PLACEMENT_SPLIT;
    }
    probe_usage("placement '%s' is not same, split or free", text);
}

const char *placement_name(bench_placement placement) {
    switch (placement) {
        case PLACEMENT_SAME: return "same";
        case PLACEMENT_SPLIT: return "split";
        case PLACEMENT_FREE: return "free";
    }
    return "?";
}

int placement_cpu(bench_placement placement, placement_role role) {
    switch (placement) {
        case PLACEMENT_SAME: return nth_allowed_cpu(0);
        case PLACEMENT_SPLIT: return nth_allowed_cpu(role == ROLE_PROBE ? 0 : 1);
        case PLACEMENT_FREE: return -1;
    }
    return -1;
}

void placement_pin(bench_placement placement, placement_role role, cpu_set_t *saved) {
    if (saved && sched_getaffinity(0, sizeof *saved, saved) != 0)
        probe_fail("sched_getaffinity: %s", errno_name(errno));
    int cpu = placement_cpu(placement, role);
    if (cpu < 0) return;
    cpu_set_t only;
    CPU_ZERO(&only);
    CPU_SET(cpu, &only);
    if (sched_setaffinity(0, sizeof only, &only) != 0)
        probe_fail("sched_setaffinity to CPU %d: %s", cpu, errno_name(errno));
}

void placement_restore(const cpu_set_t *saved) {
    if (sched_setaffinity(0, sizeof *saved, saved) != 0)
        probe_fail("sched_setaffinity back: %s", errno_name(errno));
}
