/* The peer process of a measurement and the page of shared memory it reports through. The peer
 * is the other end of every channel: it echoes (rtt), reads and checks (throughput) or counts
 * (rate). It publishes its progress on the board with plain atomic stores, so reporting costs the
 * timed loop no system call, and the probe sleeps on a futex only when it has to wait for it. */
#ifndef BENCH_PEER_H
#define BENCH_PEER_H

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "placement.h"

typedef struct {
    _Atomic uint32_t ready;         /* futex word: 1 once the peer has set up its side */
    _Atomic uint32_t timing;        /* set by the probe when the measured part begins */
    _Atomic uint32_t received;      /* futex word: messages (or chunks) the peer has taken, mod 2^32 */
    _Atomic uint32_t probe_waiting; /* the probe sleeps on `received`: the peer must wake it */
    _Atomic uint64_t bytes;         /* bytes the peer has taken */
    _Atomic uint64_t checksum;      /* the peer's running check of what it took */
    _Atomic uint32_t usage_taken;   /* usage_at_start is filled in */
    struct rusage usage_at_start;   /* the peer's own CPU time when the measured part began */
    char failure[200];              /* why the peer gave up, when it did */
} peer_board;

typedef struct {
    pid_t pid;
    peer_board *board;
    bool exited; /* reaped already (it failed) */
} bench_peer;

/* Set by the SIGCHLD handler while a peer runs: blocking calls then return EINTR, and the loops
 * ask peer_check whether their peer is still there. */
extern volatile sig_atomic_t bench_peer_exited;

/* Forks the peer, which pins itself for `placement`, dies with the probe (PR_SET_PDEATHSIG), and
 * runs body(arg, board). The pid is registered for kill+reap. A SIGCHLD handler without
 * SA_RESTART (installed before the fork) and a 100 ms heartbeat signal make every blocking call
 * of the probe return EINTR now and then, so no wait on a dead peer lasts. */
void peer_start(bench_peer *peer, bench_placement placement, void (*body)(void *arg, peer_board *board),
                void *arg);

/* In the peer: says it is set up, so that no timing includes its start-up. */
void peer_announce_ready(peer_board *board);
/* In the probe: waits until the peer announced itself (or fails the probe). */
void peer_await_ready(bench_peer *peer);

/* In the probe: marks the start of the measured part (the peer snapshots its CPU time). */
void peer_begin_timing(bench_peer *peer);
/* In the peer: call after each message; snapshots the CPU time once timing has begun. */
static inline void peer_note_timing(peer_board *board) {
    if (!atomic_load_explicit(&board->usage_taken, memory_order_relaxed) &&
        atomic_load_explicit(&board->timing, memory_order_acquire)) {
        getrusage(RUSAGE_SELF, &board->usage_at_start);
        atomic_store_explicit(&board->usage_taken, 1, memory_order_release);
    }
}

/* In the peer: publishes that it took one more message of `bytes` bytes (and a checksum term),
 * waking the probe only when it sleeps on the board. */
void peer_publish(peer_board *board, uint64_t bytes, uint64_t checksum_term);

/* In the peer: records why it gives up and exits 1. */
_Noreturn void peer_fail(peer_board *board, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* In the probe, after EINTR (or any sign of trouble): fails the probe, with the peer's own
 * reason, when the peer has exited; otherwise returns. */
void peer_check(bench_peer *peer);

/* In the probe: waits until board->received differs from `seen`, at most timeout_ns; returns the
 * current value (equal to `seen` on timeout). Fails the probe when the peer exits meanwhile. */
uint32_t peer_await_progress(bench_peer *peer, uint32_t seen, int64_t timeout_ns);

/* Ends the peer (SIGKILL: it waits in a receive that will never complete), reaps it with wait4
 * and returns the CPU time (user + system, ns) it used from the start of the measured part. */
int64_t peer_finish(bench_peer *peer);

/* user + system time of a rusage, in ns. */
int64_t rusage_cpu_ns(const struct rusage *usage);
/* The calling process's own user + system time so far, in ns. */
int64_t self_cpu_ns(void);

#endif
