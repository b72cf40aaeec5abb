/* The exchange through shared memory with which both shared-memory probes (System V and POSIX)
 * show that writes are visible in both directions: the probe stores PING, a helper that waits for
 * it stores PONG after a delay, and neither side makes a system call that could carry the data. */
#ifndef IPC_CONFORMANCE_PINGPONG_H
#define IPC_CONFORMANCE_PINGPONG_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* How long a side waits for the other beyond the delay, and how often it looks meanwhile. */
#define ANSWER_GRACE_NS INT64_C(3000000000)
#define POLL_PAUSE_NS   20000

/* The two words the processes exchange, at the start of the shared memory. */
struct pingpong {
    volatile uint64_t ping; /* written by the probe, read by the helper */
    volatile uint64_t pong; /* written by the helper, read by the probe */
};

/* The probe's side, once the helper has the memory (helper_ready false: it never got it, so no
 * PONG is awaited): stores PING, waits for PONG, reaps the helper and reports value (PONG seen and
 * the helper saw PING), delay_ns and the evidence of both sides with the round trip. */
void pingpong_observe(struct pingpong *shared, bool helper_ready, pid_t helper, int64_t delay_ns);

/* The helper's side: waits for PING, sleeps delay_ns, stores PONG and exits 0; exits 4 when PING
 * never came. */
_Noreturn void pingpong_answer(struct pingpong *shared, int64_t delay_ns);

#endif
