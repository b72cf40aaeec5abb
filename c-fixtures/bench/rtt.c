/* rtt: round-trip latency. The probe sends PAYLOAD bytes, the peer sends the same bytes back, and
 * the probe waits for them before the next round; value = mean ns per round trip. */
#include <sched.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dbus.h"
#include "timing.h"
#include "workload.h"
#include "common/probe.h"

/* A short warm-up first: the first round trips pay for page faults, cold caches and the lazy
 * set-up of buffers inside the kernel, none of which a steady exchange pays. */
#define WARMUP_SHORTEST_NS INT64_C(1000000)
#define WARMUP_LONGEST_NS  INT64_C(50000000)

static void echo_forever(bench_channel *channel, peer_board *board) {
    unsigned char *message = message_buffer(channel->size);
    for (;;) {
        peer_receive(channel, board, message);
        peer_note_timing(board);
        peer_send(channel, board, message);
    }
}

/* The daemon gives its pid as its own PID namespace numbers it. Where that is not the probe's (the
 * sandbox starts the daemon in namespaces of its own) the number names another process here — in a
 * fresh namespace, pid 1 is the probe itself — so it is taken only if it is a dbus-daemon. */
static bool is_bus_daemon(pid_t pid) {
    char path[64], name[32] = "";
    snprintf(path, sizeof path, "/proc/%ld/comm", (long)pid);
    FILE *comm = pid != getpid() ? fopen(path, "r") : NULL;
    if (!comm) return false;
    bool named = fgets(name, sizeof name, comm) && strcmp(name, "dbus-daemon\n") == 0;
    fclose(comm);
    return named;
}

/* A D-Bus message passes through the bus daemon, which is neither the probe nor its peer: its CPU
 * time is read through the clock of its process (clock_getcpuclockid, ns resolution; /proc ticks
 * are far too coarse for a few ms) so that the cost per call includes it. -1: not readable. */
static pid_t relay_pid(session *session) {
    if (strcmp(session->channel.mechanism->name, "dbus") != 0) return -1;
    char why[256];
    long pid = bench_dbus_channel_daemon_pid(&session->channel, why, sizeof why);
    return pid > 0 && is_bus_daemon((pid_t)pid) ? (pid_t)pid : -1;
}

/* A pinned placement pins the relay too, to the probe's CPU: left free, the daemon runs sometimes
 * beside the two ends and sometimes on their CPU, and the round trip swings by a factor of two. The
 * daemon's own mask is put back afterwards (it serves the rest of the run). */
static bool pin_relay(pid_t relay, bench_placement where, cpu_set_t *before) {
    cpu_set_t probe_cpus;
    if (where == PLACEMENT_FREE || sched_getaffinity(relay, sizeof *before, before) != 0) return false;
    return sched_getaffinity(0, sizeof probe_cpus, &probe_cpus) == 0 &&
           sched_setaffinity(relay, sizeof probe_cpus, &probe_cpus) == 0;
}

struct round_trips {
    session *session;
    unsigned char *out, *in;
    uint64_t sequence;
};

/* Stops early, with the round trips completed, once the measurement is out of time: the clock is
 * read every 64 round trips, and a spinning wait (shm-spin) gives up by itself. */
static uint64_t round_trip_batch(void *context, uint64_t count) {
    struct round_trips *loop = context;
    size_t size = loop->session->channel.size;
    size_t stamped = size < sizeof loop->sequence ? size : sizeof loop->sequence;
    for (uint64_t i = 0; i < count; i++) {
        if (i % 64 == 63 && bench_out_of_time()) return i;
        stamp_sequence(loop->out, size, loop->sequence++);
        probe_send(loop->session, loop->out);
        probe_receive(loop->session, loop->in);
        if (bench_cut_short()) return i; /* the wait gave up: this round trip did not complete */
        if (memcmp(loop->in, loop->out, stamped) != 0)
            probe_fail("%s: the reply to round trip %llu carries another message's bytes",
                       loop->session->channel.mechanism->name, (unsigned long long)(loop->sequence - 1));
    }
    return count;
}

workload_result measure_rtt(const workload_request *request) {
    session session;
    session_start(&session, request, false, echo_forever);
    struct round_trips loop = {
        .session = &session, .out = message_buffer(request->size), .in = message_buffer(request->size)};
    memset(loop.out, 0xa5, request->size);

    int64_t warmup_ns = request->min_ns / 10;
    if (warmup_ns < WARMUP_SHORTEST_NS) warmup_ns = WARMUP_SHORTEST_NS;
    if (warmup_ns > WARMUP_LONGEST_NS) warmup_ns = WARMUP_LONGEST_NS;
    batch_run warmup = run_batches(round_trip_batch, &loop, warmup_ns);

    clockid_t relay;
    pid_t relay_process = relay_pid(&session);
    cpu_set_t relay_cpus;
    bool relay_pinned = relay_process > 0 && pin_relay(relay_process, request->placement, &relay_cpus);
    bool relayed = relay_process > 0 && clock_getcpuclockid(relay_process, &relay) == 0;
    /* Every process a round trip runs in, for the CPU time of the median batch. */
    clockid_t cpu_clocks[3] = {CLOCK_PROCESS_CPUTIME_ID};
    int watched = 1;
    if (clock_getcpuclockid(session.peer.pid, &cpu_clocks[watched]) == 0)
        watched++;
    else
        watched = 0; /* without the peer's share the figure would be half a round trip */
    if (watched && relayed) cpu_clocks[watched++] = relay;
    peer_begin_timing(&session.peer);
    int64_t cpu_before = self_cpu_ns(), relay_before = relayed ? clock_ns(relay) : -1;
    batch_run timed = run_batches_watching_cpu(round_trip_batch, &loop, request->min_ns, cpu_clocks, watched);
    int64_t probe_cpu = self_cpu_ns() - cpu_before;
    int64_t relay_after = relayed ? clock_ns(relay) : -1;
    int64_t relay_cpu = relay_before >= 0 && relay_after >= relay_before ? relay_after - relay_before : -1;
    if (relay_pinned) sched_setaffinity(relay_process, sizeof relay_cpus, &relay_cpus);
    int64_t peer_cpu = session_finish(&session);

    workload_result result = {
        .cut_short = timed.cut_short || warmup.cut_short,
        .iterations = timed.iterations,
        .warmup_iterations = warmup.iterations,
        .size = request->size,
        .wall_ns = timed.end_ns - timed.start_ns,
        .cpu_ns = probe_cpu + peer_cpu + (relay_cpu > 0 ? relay_cpu : 0),
        .relay_cpu_ns = relay_cpu,
    };
    result.value = (result.wall_ns + (int64_t)result.iterations / 2) / (int64_t)result.iterations;
    result.typical = llround(timed.typical_ns);
    result.typical_cpu = isnan(timed.typical_cpu_ns) ? -1 : llround(timed.typical_cpu_ns);
    free(loop.out);
    free(loop.in);
    return result;
}

void report_rtt(const workload_request *request, const workload_result *result) {
    if (result->cut_short) obs_evidence_bool("cut_short", true); /* stopped at its time bound (timing.h) */
    obs_value_int(result->value);
    obs_elapsed_ns(result->wall_ns);
    obs_evidence_str("mechanism", request->mechanism->name);
    obs_evidence_int("payload", (int64_t)result->size);
    obs_evidence_str("placement", placement_name(request->placement));
    obs_evidence_int("iterations", (int64_t)result->iterations);
    obs_evidence_int("wall_ns", result->wall_ns);
    obs_evidence_int("cpu_ns", result->cpu_ns);
    obs_evidence_int("cpu_ns_per_op", result->cpu_ns / (int64_t)result->iterations);
    obs_evidence_int("warmup_iterations", (int64_t)result->warmup_iterations);
    if (result->relay_cpu_ns >= 0) obs_evidence_int("bus_daemon_cpu_ns", result->relay_cpu_ns);
}
