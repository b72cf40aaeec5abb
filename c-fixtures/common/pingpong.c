/* The PING/PONG exchange; see pingpong.h. */
#include "pingpong.h"

#include <stdlib.h>

#include "probe.h"

#define PING UINT64_C(0x50494e4750494e47)
#define PONG UINT64_C(0x504f4e47504f4e47)

/* Polls *word with plain loads from the shared memory (no system call reads it) until it holds
 * `wanted` or `deadline_ns` passes. */
static bool await_word(volatile uint64_t *word, uint64_t wanted, int64_t deadline_ns) {
    while (*word != wanted) {
        if (monotonic_ns() > deadline_ns) return false;
        sleep_ns(POLL_PAUSE_NS);
    }
    return true;
}

void pingpong_observe(struct pingpong *shared, bool helper_ready, pid_t helper, int64_t delay_ns) {
    int64_t started = monotonic_ns();
    shared->ping = PING;
    bool probe_saw_pong =
        helper_ready && await_word(&shared->pong, PONG, started + delay_ns + ANSWER_GRACE_NS);
    int64_t round_trip = monotonic_ns() - started;
    int helper_status = reap(helper, NULL);

    obs_value_bool(probe_saw_pong && helper_status == 0);
    obs_evidence_bool("helper_saw_ping", helper_status == 0);
    obs_evidence_bool("probe_saw_pong", probe_saw_pong);
    obs_evidence_int("helper_status", helper_status);
    obs_evidence_int("round_trip_ns", round_trip);
    obs_delay_ns(delay_ns);
}

void pingpong_answer(struct pingpong *shared, int64_t delay_ns) {
    if (!await_word(&shared->ping, PING, monotonic_ns() + ANSWER_GRACE_NS)) exit(4);
    sleep_ns(delay_ns);
    shared->pong = PONG;
    exit(0);
}
