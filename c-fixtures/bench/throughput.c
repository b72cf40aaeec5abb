/* throughput: one-way bulk transfer. The probe writes CHUNK-byte chunks for at least MIN_MS, the
 * peer reads them whole and checks each; the clock stops when the peer has taken the last byte, so
 * whatever sat in kernel buffers when the writer finished is counted in, not left out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"
#include "workload.h"
#include "common/probe.h"

/* How long the writer waits for the reader to make any progress before it calls it stuck. */
#define READER_STALL_NS INT64_C(5000000000)

/* A chunk carries its sequence number in its first 8 bytes and the complement in its last 8: a
 * chunk assembled from pieces of two writes has the two disagree, and the sum of the sequence
 * numbers the reader saw is the cheap checksum that catches a lost or repeated chunk. */
static void stamp_chunk(unsigned char *chunk, size_t size, uint64_t sequence) {
    uint64_t complement = ~sequence;
    memcpy(chunk, &sequence, sizeof sequence);
    memcpy(chunk + size - sizeof complement, &complement, sizeof complement);
}

static void read_forever(bench_channel *channel, peer_board *board) {
    unsigned char *chunk = message_buffer(channel->size);
    for (;;) {
        peer_receive(channel, board, chunk);
        peer_note_timing(board);
        uint64_t sequence, complement;
        memcpy(&sequence, chunk, sizeof sequence);
        memcpy(&complement, chunk + channel->size - sizeof complement, sizeof complement);
        if (complement != ~sequence)
            peer_fail(board, "%s: chunk %llu is torn (its two ends come from different writes)",
                      channel->mechanism->name, (unsigned long long)sequence);
        peer_publish(board, channel->size, sequence);
    }
}

struct bulk_writer {
    session *session;
    unsigned char *chunk;
    uint64_t sequence;
};

static uint64_t write_batch(void *context, uint64_t count) {
    struct bulk_writer *writer = context;
    for (uint64_t i = 0; i < count; i++) {
        if (i % 16 == 15 && bench_out_of_time()) return i;
        stamp_chunk(writer->chunk, writer->session->channel.size, writer->sequence);
        probe_send(writer->session, writer->chunk);
        if (bench_cut_short()) return i; /* a spinning send gave up: this chunk was not written */
        writer->sequence++;
    }
    return count;
}

/* Waits until the reader has taken `chunks` chunks; fails the probe if it stops moving. */
static void await_reader(session *session, uint64_t chunks) {
    uint32_t target = (uint32_t)chunks, seen;
    while ((seen = atomic_load(&session->peer.board->received)) != target) {
        if (peer_await_progress(&session->peer, seen, READER_STALL_NS) == seen)
            probe_fail("%s: the reader stopped taking chunks for 5 s", session->channel.mechanism->name);
    }
}

workload_result measure_throughput(const workload_request *request) {
    session session;
    session_start(&session, request, true, read_forever);
    size_t chunk_size = session.channel.size; /* dbus may have lowered it */
    struct bulk_writer writer = {.session = &session, .chunk = message_buffer(chunk_size)};
    memset(writer.chunk, 0x5a, chunk_size);

    peer_begin_timing(&session.peer);
    int64_t cpu_before = self_cpu_ns();
    batch_run timed = run_batches(write_batch, &writer, request->min_ns);
    await_reader(&session, timed.iterations);
    int64_t end = monotonic_ns();
    int64_t probe_cpu = self_cpu_ns() - cpu_before;

    uint64_t bytes = atomic_load(&session.peer.board->bytes);
    uint64_t checksum = atomic_load(&session.peer.board->checksum);
    uint64_t n =
        timed.iterations; /* 0 + 1 + … + (n−1), halving first so that the product wraps as the sum does */
    uint64_t expected_checksum = n % 2 == 0 ? n / 2 * (n - 1) : n * ((n - 1) / 2);
    int64_t peer_cpu = session_finish(&session);
    if (bytes != timed.iterations * chunk_size)
        probe_fail("%s: the reader took %llu bytes of %llu written", request->mechanism->name,
                   (unsigned long long)bytes, (unsigned long long)(timed.iterations * chunk_size));
    if (checksum != expected_checksum)
        probe_fail("%s: the reader's checksum does not match: chunks were lost, repeated or reordered",
                   request->mechanism->name);

    workload_result result = {
        .cut_short = timed.cut_short,
        .iterations = timed.iterations,
        .bytes = bytes,
        .size = chunk_size,
        .wall_ns = end - timed.start_ns,
        .cpu_ns = probe_cpu + peer_cpu,
    };
    result.value = per_second(bytes, result.wall_ns);
    result.typical = llround((double)chunk_size * 1e9 / timed.typical_ns);
    free(writer.chunk);
    return result;
}

void report_throughput(const workload_request *request, const workload_result *result) {
    if (result->cut_short) obs_evidence_bool("cut_short", true); /* stopped at its time bound (timing.h) */
    obs_value_int(result->value);
    obs_elapsed_ns(result->wall_ns);
    obs_evidence_str("mechanism", request->mechanism->name);
    obs_evidence_int("chunk", (int64_t)result->size);
    obs_evidence_str("placement", placement_name(request->placement));
    obs_evidence_int("chunks", (int64_t)result->iterations);
    obs_evidence_int("bytes", (int64_t)result->bytes);
    obs_evidence_int("wall_ns", result->wall_ns);
    obs_evidence_int("cpu_ns", result->cpu_ns);
    /* CPU per 10^6 bytes, the unit the orchestrator shows throughput in. */
    obs_evidence_int("cpu_ns_per_mb",
                     (int64_t)((long double)result->cpu_ns * 1e6L / (long double)result->bytes + 0.5L));
}
