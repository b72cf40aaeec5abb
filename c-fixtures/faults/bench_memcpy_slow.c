/* Fault shim (LD_PRELOAD): every memcpy of 4 KiB or more copies at 0.2 GB/s, wherever its buffers
 * lie. The kernel copies a pipe's or a socket's data with its own routine, untouched by this, so the
 * copy ceiling bench-probe's ref-memcpy measures falls far below what those mechanisms move: a
 * ceiling that is no ceiling. The bench report must flag every copy-based throughput above it, and
 * withhold the ceiling and the percentages of it, instead of printing shares above 100 %. */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#define SLOW_BYTES_PER_S 200000000.0
#define SMALLEST_SLOWED  4096

static int64_t now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

void *memcpy(void *to, const void *from, size_t size) {
    static void *(*real_memcpy)(void *, const void *, size_t);
    if (!real_memcpy) real_memcpy = (void *(*)(void *, const void *, size_t))dlsym(RTLD_NEXT, "memcpy");
    if (size < SMALLEST_SLOWED) return real_memcpy(to, from, size);
    int64_t until = now_ns() + (int64_t)((double)size / SLOW_BYTES_PER_S * 1e9);
    void *result = real_memcpy(to, from, size);
    while (now_ns() < until) {
    }
    return result;
}
