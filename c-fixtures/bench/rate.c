/* rate: messages per second one way. The probe sends SIZE-byte messages for at least MIN_MS and
 * the peer counts what it takes. Credit: the probe never runs more than RATE_WINDOW messages ahead
 * of what the peer has counted, so a lossy mechanism (UDP) loses messages to speed rather than to
 * an overrun queue, and a bounded one (real-time signals under RLIMIT_SIGPENDING) never runs out. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"
#include "workload.h"
#include "common/probe.h"

#define RATE_WINDOW 64
/* No progress for this long while the window is full: the messages in flight count as lost
 * (datagrams do get dropped), and the window opens again. */
#define PRESUMED_LOST_NS INT64_C(20000000)
/* After the last send: how long the probe waits for stragglers before it calls the rest lost. */
#define DRAIN_QUIET_NS INT64_C(100000000)
/* A send refused for lack of room (EAGAIN, ENOBUFS) this long in a row fails the probe. */
#define REFUSED_GIVE_UP_NS INT64_C(5000000000)

static void count_forever(bench_channel *channel, peer_board *board) {
    unsigned char *message = message_buffer(channel->size);
    for (;;) {
        peer_receive(channel, board, message);
        peer_note_timing(board);
        peer_publish(board, channel->size, 0);
    }
}

struct sender {
    session *session;
    unsigned char *message;
    uint64_t sent;
    uint64_t presumed_lost;
};

/* The board counts modulo 2^32; the sender is never 2^32 ahead, so this recovers the full count. */
static uint64_t received_so_far(const struct sender *sender) {
    uint32_t received = atomic_load(&sender->session->peer.board->received);
    return sender->sent - (uint32_t)((uint32_t)sender->sent - received);
}

/* Waits until the peer moves; true if it did within timeout_ns. */
static bool await_progress(struct sender *sender, int64_t timeout_ns) {
    peer_board *board = sender->session->peer.board;
    uint32_t seen = atomic_load(&board->received);
    return peer_await_progress(&sender->session->peer, seen, timeout_ns) != seen;
}

static void await_credit(struct sender *sender) {
    while ((int64_t)(sender->sent - received_so_far(sender) - sender->presumed_lost) >= RATE_WINDOW) {
        if (!await_progress(sender, PRESUMED_LOST_NS))
            sender->presumed_lost = sender->sent - received_so_far(sender);
    }
}

static void send_with_credit(struct sender *sender) {
    session *session = sender->session;
    int64_t refused_since = 0;
    int err;
    await_credit(sender);
    while ((err = channel_send(&session->channel, sender->message)) != 0) {
        if (err == EINTR) {
            peer_check(&session->peer);
        } else if (err == EAGAIN || err == ENOBUFS) {
            /* The kernel has no room right now (sigqueue under RLIMIT_SIGPENDING, a full socket
             * buffer): wait for the peer to take something, then try again. */
            int64_t now = monotonic_ns();
            if (!refused_since)
                refused_since = now;
            else if (now - refused_since > REFUSED_GIVE_UP_NS)
                probe_fail("%s: send refused with %s for 5 s", session->channel.mechanism->name,
                           errno_name(err));
            await_progress(sender, PRESUMED_LOST_NS);
        } else {
            peer_check(&session->peer);
            probe_fail("%s: send: %s", session->channel.mechanism->name, errno_name(err));
        }
    }
    sender->sent++;
}

static uint64_t send_batch(void *context, uint64_t count) {
    struct sender *sender = context;
    for (uint64_t i = 0; i < count; i++) {
        if (i % 64 == 63 && bench_out_of_time()) return i;
        stamp_sequence(sender->message, sender->session->channel.size, sender->sent);
        send_with_credit(sender);
    }
    return count;
}

/* Waits until every message arrived or none arrived for DRAIN_QUIET_NS; returns when the last
 * one that did arrive was seen, which ends the timed part (waiting for lost ones is not sending). */
static int64_t drain(struct sender *sender) {
    int64_t last_progress = monotonic_ns();
    while (received_so_far(sender) < sender->sent) {
        if (!await_progress(sender, DRAIN_QUIET_NS)) break;
        last_progress = monotonic_ns();
    }
    return last_progress;
}

workload_result measure_rate(const workload_request *request) {
    session session;
    session_start(&session, request, true, count_forever);
    struct sender sender = {.session = &session, .message = message_buffer(request->size)};

    peer_begin_timing(&session.peer);
    int64_t cpu_before = self_cpu_ns();
    batch_run timed = run_batches(send_batch, &sender, request->min_ns);
    int64_t end = drain(&sender);
    int64_t probe_cpu = self_cpu_ns() - cpu_before;
    uint64_t received = received_so_far(&sender);
    int64_t peer_cpu = session_finish(&session);
    if (received == 0)
        probe_fail("%s: the peer received none of %llu messages", request->mechanism->name,
                   (unsigned long long)sender.sent);

    workload_result result = {
        .cut_short = timed.cut_short,
        .iterations = sender.sent,
        .received = received,
        .size = request->size,
        .wall_ns = end - timed.start_ns,
        .cpu_ns = probe_cpu + peer_cpu,
    };
    result.value = per_second(received, result.wall_ns);
    /* Sent at the typical pace, delivered in the run's proportion (a datagram socket may drop some). */
    result.typical = llround(1e9 / timed.typical_ns * (double)received / (double)sender.sent);
    free(sender.message);
    return result;
}

void report_rate(const workload_request *request, const workload_result *result) {
    if (result->cut_short) obs_evidence_bool("cut_short", true); /* stopped at its time bound (timing.h) */
    obs_value_int(result->value);
    obs_elapsed_ns(result->wall_ns);
    obs_evidence_str("mechanism", request->mechanism->name);
    obs_evidence_int("size", (int64_t)result->size);
    obs_evidence_str("placement", placement_name(request->placement));
    obs_evidence_int("sent", (int64_t)result->iterations);
    obs_evidence_int("received", (int64_t)result->received);
    obs_evidence_int("lost", (int64_t)(result->iterations - result->received));
    obs_evidence_int("bytes_per_s", per_second(result->received * result->size, result->wall_ns));
    obs_evidence_int("wall_ns", result->wall_ns);
    obs_evidence_int("cpu_ns", result->cpu_ns);
    /* Per message received: what a delivered message cost, lost ones included in the cost. */
    obs_evidence_int("cpu_ns_per_op", result->cpu_ns / (int64_t)result->received);
    obs_evidence_int("window", RATE_WINDOW);
}
