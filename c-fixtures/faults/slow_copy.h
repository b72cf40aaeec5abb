/* What the bench's memcpy fault shims share: the real memcpy, and a copy held back until it has
 * taken as long as it would at a given rate (a busy wait, so the time is spent on the copying CPU as
 * a slow copy's would be). Each shim decides which copies are slow. */
#ifndef SLOW_COPY_H
#define SLOW_COPY_H

#include <dlfcn.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

static int64_t slow_copy_now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static void *real_memcpy(void *to, const void *from, size_t size) {
    static void *(*next)(void *, const void *, size_t);
    if (!next) next = (void *(*)(void *, const void *, size_t))dlsym(RTLD_NEXT, "memcpy");
    return next(to, from, size);
}

/* Copies `size` bytes and returns no sooner than `size` bytes at `bytes_per_s` would take. */
static void *slow_copy(void *to, const void *from, size_t size, double bytes_per_s) {
    int64_t until = slow_copy_now_ns() + (int64_t)((double)size / bytes_per_s * 1e9);
    void *result = real_memcpy(to, from, size);
    while (slow_copy_now_ns() < until) {
    }
    return result;
}

#endif
