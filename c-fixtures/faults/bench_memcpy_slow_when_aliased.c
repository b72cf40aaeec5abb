/* Fault shim (LD_PRELOAD): a memcpy of 4 KiB or more whose destination lies 1 to 63 bytes past its
 * source modulo 4096 copies at 1.7 GB/s, whatever the CPU could do. That is the placement of two
 * back-to-back malloc'd 64 KiB buffers (16 bytes), and the rate the kit's old copy ceiling reported
 * for them on a CPU whose `rep movsb` collapses there (issue 18): a ceiling measured at one placement
 * is fooled by it. bench-probe's ref-memcpy, measured at several placements, must keep the best one
 * as the ceiling, and the report must flag how much the placement changed the copy rate. */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#define SLOW_BYTES_PER_S 1700000000.0
#define SMALLEST_SLOWED  4096
#define ALIASING_WINDOW  64

static int64_t now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

void *memcpy(void *to, const void *from, size_t size) {
    static void *(*real_memcpy)(void *, const void *, size_t);
    if (!real_memcpy) real_memcpy = (void *(*)(void *, const void *, size_t))dlsym(RTLD_NEXT, "memcpy");
    size_t distance = ((uintptr_t)to - (uintptr_t)from) % 4096;
    if (size < SMALLEST_SLOWED || distance == 0 || distance >= ALIASING_WINDOW)
        return real_memcpy(to, from, size);
    int64_t until = now_ns() + (int64_t)((double)size / SLOW_BYTES_PER_S * 1e9);
    void *result = real_memcpy(to, from, size);
    while (now_ns() < until) {
    }
    return result;
}
