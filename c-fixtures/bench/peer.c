/* The peer process and its board; see peer.h. */
#include "peer.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "futex.h"
#include "common/probe.h"

volatile sig_atomic_t bench_peer_exited;
static struct sigaction chld_before_peer, heartbeat_before_peer;
static timer_t heartbeat;

/* SIGCHLD, and the heartbeat: either may mean the peer is gone; peer_check finds out for sure. */
static void on_child_exit(int sig) {
    (void)sig;
    bench_peer_exited = 1;
}

/* A SIGCHLD that lands between a loop's last look and its next blocking call (sem_wait, msgrcv,
 * sigwaitinfo …) would leave the probe waiting for a peer that is gone until the watchdog. A
 * heartbeat every 100 ms interrupts any such wait, so the loop looks again: the cost is one
 * interrupted call in 100 ms, far below what any figure here can show. */
#define HEARTBEAT_SIGNAL SIGRTMAX
#define HEARTBEAT_NS     100000000

static void start_heartbeat(void) {
    struct sigaction beat = {.sa_handler = on_child_exit}; /* no SA_RESTART */
    sigemptyset(&beat.sa_mask);
    sigaction(HEARTBEAT_SIGNAL, &beat, &heartbeat_before_peer);
    struct sigevent event = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = HEARTBEAT_SIGNAL};
    if (timer_create(CLOCK_MONOTONIC, &event, &heartbeat) != 0)
        probe_fail("timer_create: %s", errno_name(errno));
    struct itimerspec every = {.it_interval = {.tv_nsec = HEARTBEAT_NS},
                               .it_value = {.tv_nsec = HEARTBEAT_NS}};
    timer_settime(heartbeat, 0, &every, NULL);
}

static void stop_heartbeat(void) {
    timer_delete(heartbeat);
    sigaction(HEARTBEAT_SIGNAL, &heartbeat_before_peer, NULL);
}

struct peer_launch {
    bench_placement placement;
    pid_t parent;
    void (*body)(void *arg, peer_board *board);
    void *arg;
    peer_board *board;
};

/* Runs in the child: its memory is a copy, so the launch description on the parent's stack is
 * safe to read here. */
static void peer_main(void *arg) {
    const struct peer_launch *launch = arg;
    /* A peer outliving its probe would wait (or spin) forever on a channel nobody serves. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != launch->parent) _exit(1);
    signal(SIGCHLD, SIG_DFL);
    signal(HEARTBEAT_SIGNAL, SIG_DFL);
    signal(SIGPIPE, SIG_IGN); /* a closed channel is an error to report, not a silent death */
    placement_pin(launch->placement, ROLE_PEER, NULL);
    launch->body(launch->arg, launch->board);
    _exit(0);
}

void peer_start(bench_peer *peer, bench_placement placement, void (*body)(void *arg, peer_board *board),
                void *arg) {
    peer->board = mmap(NULL, sizeof *peer->board, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (peer->board == MAP_FAILED) probe_fail("mmap of the peer board: %s", errno_name(errno));
    peer->exited = false;
    bench_peer_exited = 0;
    struct sigaction on_exit = {.sa_handler = on_child_exit, .sa_flags = SA_NOCLDSTOP}; /* no SA_RESTART */
    sigemptyset(&on_exit.sa_mask);
    sigaction(SIGCHLD, &on_exit, &chld_before_peer);
    struct peer_launch launch = {
        .placement = placement, .parent = getpid(), .body = body, .arg = arg, .board = peer->board};
    peer->pid = spawn_helper(peer_main, &launch);
    start_heartbeat(); /* after the fork: the peer must not inherit the handler's purpose */
}

void peer_announce_ready(peer_board *board) {
    atomic_store(&board->ready, 1);
    futex_wake_one(&board->ready);
}

void peer_await_ready(bench_peer *peer) {
    int64_t deadline = monotonic_ns() + INT64_C(5000000000);
    while (!atomic_load(&peer->board->ready)) {
        int err = futex_wait_while(&peer->board->ready, 0, 100000000);
        if (err == EINTR || err == ETIMEDOUT) peer_check(peer);
        if (monotonic_ns() > deadline) probe_fail("the peer did not get ready within 5 s");
    }
}

void peer_begin_timing(bench_peer *peer) { atomic_store(&peer->board->timing, 1); }

void peer_publish(peer_board *board, uint64_t bytes, uint64_t checksum_term) {
    atomic_store_explicit(&board->bytes, atomic_load_explicit(&board->bytes, memory_order_relaxed) + bytes,
                          memory_order_relaxed);
    atomic_store_explicit(&board->checksum,
                          atomic_load_explicit(&board->checksum, memory_order_relaxed) + checksum_term,
                          memory_order_relaxed);
    /* Sequentially consistent store, then load: either the probe sees the new count, or this side
     * sees that the probe went to sleep and wakes it. Never both miss. */
    atomic_store(&board->received, atomic_load_explicit(&board->received, memory_order_relaxed) + 1);
    if (atomic_load(&board->probe_waiting)) futex_wake_one(&board->received);
}

void peer_fail(peer_board *board, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(board->failure, sizeof board->failure, format, args);
    va_end(args);
    _exit(1);
}

void peer_check(bench_peer *peer) {
    int status = 0;
    /* Cleared first: a SIGCHLD from here on sets it again, and waitpid sees that exit anyway. */
    bench_peer_exited = 0;
    pid_t done = waitpid(peer->pid, &status, WNOHANG);
    if (done != peer->pid) return;
    peer->exited = true;
    cleanup_forget_pid(peer->pid);
    if (peer->board->failure[0]) probe_fail("peer: %s", peer->board->failure);
    if (WIFSIGNALED(status)) probe_fail("the peer was killed by %s", signal_name(WTERMSIG(status)));
    probe_fail("the peer exited with status %d", WEXITSTATUS(status));
}

uint32_t peer_await_progress(bench_peer *peer, uint32_t seen, int64_t timeout_ns) {
    peer_board *board = peer->board;
    int64_t deadline = monotonic_ns() + timeout_ns;
    uint32_t now;
    atomic_store(&board->probe_waiting, 1);
    while ((now = atomic_load(&board->received)) == seen) {
        int64_t left = deadline - monotonic_ns();
        if (left <= 0) break;
        if (futex_wait_while(&board->received, seen, left) == EINTR) peer_check(peer);
    }
    atomic_store(&board->probe_waiting, 0);
    return now;
}

int64_t rusage_cpu_ns(const struct rusage *usage) {
    return ((int64_t)usage->ru_utime.tv_sec + usage->ru_stime.tv_sec) * 1000000000 +
           ((int64_t)usage->ru_utime.tv_usec + usage->ru_stime.tv_usec) * 1000;
}

int64_t self_cpu_ns(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return rusage_cpu_ns(&usage);
}

int64_t peer_finish(bench_peer *peer) {
    struct rusage usage = {0};
    peer_check(peer); /* a peer that ended before it was told to spoils the measurement */
    if (!peer->exited) {
        kill(peer->pid, SIGKILL);
        int status;
        while (wait4(peer->pid, &status, 0, &usage) < 0)
            if (errno != EINTR) probe_fail("wait4 for the peer: %s", errno_name(errno));
        cleanup_forget_pid(peer->pid);
    }
    stop_heartbeat();
    sigaction(SIGCHLD, &chld_before_peer, NULL);
    int64_t cpu = rusage_cpu_ns(&usage);
    if (atomic_load(&peer->board->usage_taken)) cpu -= rusage_cpu_ns(&peer->board->usage_at_start);
    munmap(peer->board, sizeof *peer->board);
    peer->board = NULL;
    return cpu;
}
