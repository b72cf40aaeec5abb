/* Fault shim (LD_PRELOAD): every memcpy of 4 KiB or more copies at 0.2 GB/s, wherever its buffers
 * lie. The kernel copies a pipe's or a socket's data with its own routine, untouched by this, so the
 * copy ceiling bench-probe's ref-memcpy measures falls far below what those mechanisms move: a
 * ceiling that is no ceiling. The bench report must flag every copy-based throughput above it, and
 * withhold the ceiling and the percentages of it, instead of printing shares above 100 %. */
#include "slow_copy.h"

#define SLOW_BYTES_PER_S 200000000.0
#define SMALLEST_SLOWED  4096

void *memcpy(void *to, const void *from, size_t size) {
    if (size < SMALLEST_SLOWED) return real_memcpy(to, from, size);
    return slow_copy(to, from, size, SLOW_BYTES_PER_S);
}
