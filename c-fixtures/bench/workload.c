/* The session and helpers every workload shares; see workload.h. */
#include "workload.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "timing.h"
#include "common/probe.h"

struct peer_launch {
    bench_channel *channel; /* the child's copy of the probe's channel, taken over by the peer */
    void (*loop)(bench_channel *channel, peer_board *board);
};

static void peer_entry(void *arg, peer_board *board) {
    struct peer_launch *launch = arg;
    int err;
    while ((err = channel_take_side(launch->channel, SIDE_PEER, getppid())) == EINTR) {
    }
    if (err)
        peer_fail(board, "%s: taking the peer's side: %s", launch->channel->mechanism->name, errno_name(err));
    peer_announce_ready(board);
    launch->loop(launch->channel, board);
    peer_fail(board, "the peer's loop returned");
}

void session_start(session *session, const workload_request *request, bool one_way,
                   void (*peer_loop)(bench_channel *channel, peer_board *board)) {
    /* No SIGPIPE death on a channel the peer closed by dying: EPIPE says what happened. */
    signal(SIGPIPE, SIG_IGN);
    channel_open(&session->channel, request->mechanism, request->size, one_way);
    struct peer_launch launch = {.channel = &session->channel, .loop = peer_loop};
    peer_start(&session->peer, request->placement, peer_entry, &launch);
    placement_pin(request->placement, ROLE_PROBE, &session->probe_mask);
    int err;
    while ((err = channel_take_side(&session->channel, SIDE_PROBE, session->peer.pid)) == EINTR)
        peer_check(&session->peer);
    if (err) {
        peer_check(&session->peer);
        probe_fail("%s: taking the probe's side: %s", request->mechanism->name, errno_name(err));
    }
    peer_await_ready(&session->peer);
}

int64_t session_finish(session *session) {
    int64_t peer_cpu = peer_finish(&session->peer);
    channel_close(&session->channel);
    placement_restore(&session->probe_mask);
    return peer_cpu;
}

/* EINTR: a signal (the peer's SIGCHLD, most likely) came first; go on if the peer is alive. */
void probe_send(session *session, const void *data) {
    int err;
    while ((err = channel_send(&session->channel, data)) == EINTR) peer_check(&session->peer);
    if (err == ETIME && bench_cut_short()) return; /* a spinning wait ran out of the measurement's time */
    if (err) {
        peer_check(&session->peer);
        probe_fail("%s: send: %s", session->channel.mechanism->name, errno_name(err));
    }
}

void probe_receive(session *session, void *data) {
    int err;
    while ((err = channel_receive(&session->channel, data)) == EINTR) peer_check(&session->peer);
    if (err == ETIME && bench_cut_short()) return;
    if (err) {
        peer_check(&session->peer);
        probe_fail("%s: receive: %s", session->channel.mechanism->name, errno_name(err));
    }
}

void peer_send(bench_channel *channel, peer_board *board, const void *data) {
    int err;
    while ((err = channel_send(channel, data)) == EINTR) {
    }
    if (err) peer_fail(board, "%s: send: %s", channel->mechanism->name, errno_name(err));
}

void peer_receive(bench_channel *channel, peer_board *board, void *data) {
    int err;
    while ((err = channel_receive(channel, data)) == EINTR) {
    }
    if (err) peer_fail(board, "%s: receive: %s", channel->mechanism->name, errno_name(err));
}

void stamp_sequence(unsigned char *message, size_t size, uint64_t sequence) {
    memcpy(message, &sequence, size < sizeof sequence ? size : sizeof sequence);
}

unsigned char *message_buffer(size_t size) {
    unsigned char *buffer = calloc(1, size ? size : 1);
    if (!buffer) probe_fail("out of memory for a %zu-byte message", size);
    return buffer;
}

int64_t per_second(uint64_t count, int64_t ns) {
    if (ns <= 0) return 0;
    return (int64_t)((long double)count * 1e9L / (long double)ns + 0.5L);
}
