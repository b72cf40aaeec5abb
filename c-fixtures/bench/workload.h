/* The three workloads that move messages between the probe and its peer — round trips (rtt),
 * one-way bulk bytes (throughput) and one-way message count (rate) — as functions that measure
 * once and return the figures, so that the public cases, `pairs` and `series` share one loop each.
 * The session is what all three set up the same way: channel, pinned peer, pinned probe. */
#ifndef BENCH_WORKLOAD_H
#define BENCH_WORKLOAD_H

#include <sched.h>
#include <stdbool.h>
#include <stdint.h>

#include "channels.h"
#include "peer.h"
#include "placement.h"

typedef struct {
    const channel_mechanism *mechanism;
    size_t size; /* payload (rtt), chunk (throughput) or message size (rate), in bytes */
    bench_placement placement;
    int64_t min_ns;
} workload_request;

typedef struct {
    int64_t value;       /* rtt: ns per round trip; throughput: bytes/s; rate: messages/s */
    int64_t typical;     /* the same from the run's median batch (batch_run.typical_ns): what pairs compare */
    int64_t typical_cpu; /* rtt: CPU ns of every process per round trip in the median batch, or -1 */
    uint64_t iterations; /* round trips, chunks or messages sent in the timed part */
    uint64_t warmup_iterations; /* rtt: round trips before it, not counted */
    uint64_t received;          /* rate: messages the peer took */
    uint64_t bytes;             /* throughput: bytes the peer took and checked */
    size_t size;                /* the size actually used (dbus caps its chunk) */
    int64_t wall_ns;            /* CLOCK_MONOTONIC over the timed part */
    int64_t cpu_ns;             /* user + system of both processes over the timed part */
    int64_t relay_cpu_ns;       /* rtt over dbus: the bus daemon's share (included in cpu_ns), or -1 */
    bool cut_short; /* the timed part hit its time bound (timing.h): figures from what completed */
} workload_result;

workload_result measure_rtt(const workload_request *request);
workload_result measure_throughput(const workload_request *request);
workload_result measure_rate(const workload_request *request);

/* The observation's value and evidence for a result (obs_emit is left to the caller). */
void report_rtt(const workload_request *request, const workload_result *result);
void report_throughput(const workload_request *request, const workload_result *result);
void report_rate(const workload_request *request, const workload_result *result);

/* ---- what the three workloads share ---------------------------------------------------------- */

typedef struct {
    bench_channel channel;
    bench_peer peer;
    cpu_set_t probe_mask; /* the probe's CPU mask before pinning, put back at the end */
} session;

/* Opens a channel of the request's mechanism, forks the peer, which takes its side and runs
 * peer_loop(channel, board) (a loop that never returns: the peer is killed at the end), pins the
 * probe and takes its side, and waits until the peer is ready. */
void session_start(session *session, const workload_request *request, bool one_way,
                   void (*peer_loop)(bench_channel *channel, peer_board *board));
/* Ends the peer, closes the channel, unpins the probe; returns the peer's CPU time (ns) since the
 * measured part began. */
int64_t session_finish(session *session);

/* The probe's send and receive: repeated after an interruption while the peer lives, a failure
 * of the probe otherwise (naming the mechanism and the step). */
void probe_send(session *session, const void *data);
void probe_receive(session *session, void *data);
/* The peer's: a failure ends the peer with the reason on its board. */
void peer_send(bench_channel *channel, peer_board *board, const void *data);
void peer_receive(bench_channel *channel, peer_board *board, void *data);

/* Writes a message's sequence number into its first (up to) 8 bytes: enough for the sender to see
 * a reply that answers another message, at no cost worth mentioning. */
void stamp_sequence(unsigned char *message, size_t size, uint64_t sequence);

/* A zeroed buffer of size bytes (at least 1), or the probe fails. */
unsigned char *message_buffer(size_t size);

/* ns → a rate per second, rounded: count * 1e9 / ns. */
int64_t per_second(uint64_t count, int64_t ns);

#endif
