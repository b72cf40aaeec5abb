/* Waiting for quiet CPUs; see quiet.h. */
#include "quiet.h"

#include <errno.h>
#include <sched.h>

#include "common/probe.h"

/* How long the spinner watches one CPU, and the share of it others may take. On an idle 2-vCPU
 * virtual machine timer ticks and exits to the hypervisor take 0.5-2 % (gaps of 10-50 µs); a
 * neighbour sharing the CPU takes 40-60 %. */
#define WINDOW_NS          INT64_C(20000000)
#define QUIET_LOST_PERCENT 5.0
/* A gap longer than this between two clock reads is time the CPU did something else. */
#define GAP_NS     INT64_C(5000)
#define GIVE_UP_NS INT64_C(3000000000)

/* Percent of a window on `cpu` in which the calling process did not run. */
static double lost_on(int cpu) {
    cpu_set_t only;
    CPU_ZERO(&only);
    CPU_SET(cpu, &only);
    if (sched_setaffinity(0, sizeof only, &only) != 0)
        probe_fail("sched_setaffinity to CPU %d: %s", cpu, errno_name(errno));
    int64_t start = monotonic_ns(), previous = start, lost = 0;
    while (previous - start < WINDOW_NS) {
        int64_t now = monotonic_ns();
        if (now - previous > GAP_NS) lost += now - previous;
        previous = now;
    }
    return 100.0 * (double)lost / (double)(previous - start);
}

quiet_check wait_until_quiet(bench_placement placement, int64_t give_up_ns) {
    if (give_up_ns > GIVE_UP_NS) give_up_ns = GIVE_UP_NS;
    cpu_set_t saved;
    if (sched_getaffinity(0, sizeof saved, &saved) != 0)
        probe_fail("sched_getaffinity: %s", errno_name(errno));
    /* Whatever the placement, a pair only ever uses the first two allowed CPUs (or the first). */
    int cpus[2] = {placement_cpu(PLACEMENT_SAME, ROLE_PROBE), -1};
    if (placement != PLACEMENT_SAME && placement_allowed_cpus() >= 2)
        cpus[1] = placement_cpu(PLACEMENT_SPLIT, ROLE_PEER);
    quiet_check check = {0};
    int64_t started = monotonic_ns();
    do {
        check.lost_percent = 0;
        for (int i = 0; i < 2 && cpus[i] >= 0; i++) {
            double lost = lost_on(cpus[i]);
            if (lost > check.lost_percent) check.lost_percent = lost;
        }
        check.quiet = check.lost_percent < QUIET_LOST_PERCENT;
        check.waited_ns = monotonic_ns() - started;
    } while (!check.quiet && check.waited_ns < give_up_ns);
    placement_restore(&saved);
    return check;
}
