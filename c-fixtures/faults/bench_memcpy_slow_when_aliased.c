/* Fault shim (LD_PRELOAD): a memcpy of 4 KiB or more whose destination lies 1 to 63 bytes past its
 * source modulo 4096 copies at 1.7 GB/s, whatever the CPU could do. That is the placement of two
 * back-to-back malloc'd 64 KiB buffers (16 bytes), and the rate the kit's old copy ceiling reported
 * for them on a CPU whose `rep movsb` collapses there (issue 18): a ceiling measured at one placement
 * is fooled by it. bench-probe's ref-memcpy, measured at several placements, must keep the best one
 * as the ceiling, and the report must flag how much the placement changed the copy rate. */
#include "slow_copy.h"

#define SLOW_BYTES_PER_S 1700000000.0
#define SMALLEST_SLOWED  4096
#define ALIASING_WINDOW  64

void *memcpy(void *to, const void *from, size_t size) {
    size_t distance = ((uintptr_t)to - (uintptr_t)from) % 4096;
    if (size < SMALLEST_SLOWED || distance == 0 || distance >= ALIASING_WINDOW)
        return real_memcpy(to, from, size);
    return slow_copy(to, from, size, SLOW_BYTES_PER_S);
}
