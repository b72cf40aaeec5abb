/* futex(2) on a word in memory shared between two processes: the one way to sleep until another
 * process changes a word, which the board, the futex reference channel and the rate loop's credit
 * wait all need. Shared (not FUTEX_PRIVATE) because the word lives in a MAP_SHARED mapping. */
#ifndef BENCH_FUTEX_H
#define BENCH_FUTEX_H

#include <errno.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Sleeps while *word == expected, at most timeout_ns (< 0: no limit). Returns 0 when woken or the
 * word differed already (EAGAIN from the kernel), else the errno (ETIMEDOUT, EINTR). */
static inline int futex_wait_while(_Atomic uint32_t *word, uint32_t expected, int64_t timeout_ns) {
    struct timespec limit = {.tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000};
    long result =
        syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT, expected, timeout_ns < 0 ? NULL : &limit, NULL, 0);
    if (result == 0 || errno == EAGAIN) return 0;
    return errno;
}

/* Wakes at most one process sleeping on word. */
static inline void futex_wake_one(_Atomic uint32_t *word) {
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

#endif
