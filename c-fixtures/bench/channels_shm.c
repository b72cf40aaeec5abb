/* Channel mechanisms in shared memory: a ring of message slots per direction in one MAP_SHARED
 * region that both processes inherit, handed over either with two process-shared POSIX semaphores
 * (shm-sem) or with atomic positions the other side spins on (shm-spin: no system call at all when
 * both run at once, the ceiling). Also the bare futex ping-pong of the context-switch reference. */
#include <errno.h>
#include <sched.h>
#include <semaphore.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#include "channels.h"
#include "futex.h"
#include "peer.h"
#include "timing.h"
#include "common/probe.h"

/* Slots per direction: a few messages in flight are enough for a writer never to wait for a
 * reader that is still copying out the previous one. */
#define RING_DEPTH 8

/* One direction. The producer alone moves head, the consumer alone tail, each on its own cache
 * line so that the other side's spinning reads do not bounce the line it writes. */
struct ring {
    sem_t free_slots;   /* shm-sem: slots the producer may fill */
    sem_t filled_slots; /* shm-sem: slots the consumer may empty */
    alignas(64) _Atomic uint64_t head;
    alignas(64) _Atomic uint64_t tail;
    alignas(64) unsigned char slots[];
};

static size_t slot_stride(const bench_channel *channel) { return (channel->size + 63) & ~(size_t)63; }
static size_t ring_bytes(const bench_channel *channel) {
    return sizeof(struct ring) + RING_DEPTH * slot_stride(channel);
}

/* Ring 0 carries probe → peer, ring 1 peer → probe (absent when the channel is one-way). */
static struct ring *ring_at(const bench_channel *channel, int direction) {
    return (struct ring *)((unsigned char *)channel->shared + (size_t)direction * ring_bytes(channel));
}
static struct ring *outgoing(const bench_channel *channel) {
    return ring_at(channel, channel->side == SIDE_PROBE ? 0 : 1);
}
static struct ring *incoming(const bench_channel *channel) {
    return ring_at(channel, channel->side == SIDE_PROBE ? 1 : 0);
}
static unsigned char *slot(const bench_channel *channel, struct ring *ring, uint64_t position) {
    return ring->slots + (position % RING_DEPTH) * slot_stride(channel);
}

static void map_shared(bench_channel *channel, size_t size) {
    channel->shared_size = size;
    channel->shared = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (channel->shared == MAP_FAILED) probe_fail("mmap %zu shared bytes: %s", size, errno_name(errno));
}

static void rings_open(bench_channel *channel) {
    int directions = channel->one_way ? 1 : 2;
    map_shared(channel, (size_t)directions * ring_bytes(channel));
    for (int i = 0; i < directions; i++) {
        struct ring *ring = ring_at(channel, i);
        if (sem_init(&ring->free_slots, 1, RING_DEPTH) != 0 || sem_init(&ring->filled_slots, 1, 0) != 0)
            probe_fail("sem_init (process-shared): %s", errno_name(errno));
    }
}

static int keep_everything(bench_channel *channel) {
    (void)channel;
    return 0;
}

static void rings_close(bench_channel *channel) {
    int directions = channel->one_way ? 1 : 2;
    for (int i = 0; i < directions; i++) {
        sem_destroy(&ring_at(channel, i)->free_slots);
        sem_destroy(&ring_at(channel, i)->filled_slots);
    }
    munmap(channel->shared, channel->shared_size);
}

/* ---- shm-sem ---------------------------------------------------------------------------------- */

static int sem_ring_send(bench_channel *channel, const void *data) {
    struct ring *ring = outgoing(channel);
    if (sem_wait(&ring->free_slots) != 0) return errno;
    uint64_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);
    memcpy(slot(channel, ring, head), data, channel->size);
    atomic_store_explicit(&ring->head, head + 1, memory_order_relaxed);
    return sem_post(&ring->filled_slots) == 0 ? 0 : errno;
}

static int sem_ring_receive(bench_channel *channel, void *data) {
    struct ring *ring = incoming(channel);
    if (sem_wait(&ring->filled_slots) != 0) return errno;
    uint64_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);
    memcpy(data, slot(channel, ring, tail), channel->size);
    atomic_store_explicit(&ring->tail, tail + 1, memory_order_relaxed);
    return sem_post(&ring->free_slots) == 0 ? 0 : errno;
}

const channel_mechanism channel_shm_sem = {
    .name = "shm-sem",
    .uses = USE_RTT | USE_THROUGHPUT,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = rings_open,
    .take_side = keep_everything,
    .send = sem_ring_send,
    .receive = sem_ring_receive,
    .close = rings_close,
};

/* ---- shm-spin --------------------------------------------------------------------------------- */

/* Spinning is only fair when the other side runs on another CPU. On the same CPU the other side
 * cannot run until this one gives the CPU up, so after a short spin every further round yields.
 * Short: measured on a 2-CPU VM, 16 rounds kept split at its best while cutting same-CPU round
 * trips by half or more against 128 (a paused spin there can cost a trip to the hypervisor). */
#define SPINS_BEFORE_YIELD 16
#define SPIN_GIVE_UP_NS    INT64_C(5000000000)

typedef struct {
    uint32_t spins;
    int64_t deadline;
} spinner;

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

/* One more round of waiting: 0 to go on; EINTR when the peer exited (the probe's SIGCHLD flag);
 * ETIME once the measurement in progress is out of time (timing.h: the wait gives up and the
 * measurement keeps the round trips it completed, instead of spinning on towards the watchdog while
 * the other side's virtual CPU is descheduled); ETIMEDOUT after seconds without the other side
 * moving outside a measurement. */
static int spin_once(spinner *waiting) {
    if (++waiting->spins < SPINS_BEFORE_YIELD) {
        cpu_relax();
        return 0;
    }
    if (bench_peer_exited) return EINTR;
    sched_yield();
    if (waiting->spins % 64 == 0 && bench_out_of_time()) return ETIME;
    if (waiting->spins % 1024 == 0) {
        int64_t now = monotonic_ns();
        if (!waiting->deadline)
            waiting->deadline = now + SPIN_GIVE_UP_NS;
        else if (now > waiting->deadline)
            return ETIMEDOUT;
    }
    return 0;
}

static int spin_ring_send(bench_channel *channel, const void *data) {
    struct ring *ring = outgoing(channel);
    uint64_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);
    spinner waiting = {0};
    while (head - atomic_load_explicit(&ring->tail, memory_order_acquire) >= RING_DEPTH) {
        int err = spin_once(&waiting);
        if (err) return err;
    }
    memcpy(slot(channel, ring, head), data, channel->size);
    atomic_store_explicit(&ring->head, head + 1, memory_order_release);
    return 0;
}

static int spin_ring_receive(bench_channel *channel, void *data) {
    struct ring *ring = incoming(channel);
    uint64_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);
    spinner waiting = {0};
    while (atomic_load_explicit(&ring->head, memory_order_acquire) == tail) {
        int err = spin_once(&waiting);
        if (err) return err;
    }
    memcpy(data, slot(channel, ring, tail), channel->size);
    atomic_store_explicit(&ring->tail, tail + 1, memory_order_release);
    return 0;
}

const channel_mechanism channel_shm_spin = {
    .name = "shm-spin",
    .uses = USE_RTT | USE_THROUGHPUT,
    .min_size = 1,
    .max_size = SIZE_MAX,
    .open = rings_open,
    .take_side = keep_everything,
    .send = spin_ring_send,
    .receive = spin_ring_receive,
    .close = rings_close,
};

/* ---- futex: the context-switch reference ------------------------------------------------------ */
/* One word per direction, bumped by the sender and slept on by the receiver: the least a process
 * can do to wake another and go to sleep itself, so a round trip is two wake-ups and two sleeps. */

static _Atomic uint32_t *futex_word(const bench_channel *channel, int direction) {
    return (_Atomic uint32_t *)channel->shared + direction * 16; /* a cache line apart */
}

static void futex_open(bench_channel *channel) { map_shared(channel, 128); }

static int futex_send(bench_channel *channel, const void *data) {
    (void)data;
    _Atomic uint32_t *word = futex_word(channel, channel->side == SIDE_PROBE ? 0 : 1);
    atomic_fetch_add(word, 1);
    futex_wake_one(word);
    return 0;
}

static int futex_receive(bench_channel *channel, void *data) {
    (void)data;
    _Atomic uint32_t *word = futex_word(channel, channel->side == SIDE_PROBE ? 1 : 0);
    uint32_t seen = (uint32_t)channel->sequence[0];
    while (atomic_load(word) == seen) {
        int err = futex_wait_while(word, seen, -1);
        if (err) return err;
    }
    channel->sequence[0] = seen + 1;
    return 0;
}

static void futex_close(bench_channel *channel) { munmap(channel->shared, channel->shared_size); }

const channel_mechanism channel_futex = {
    .name = "futex",
    .uses = USE_CTXSWITCH,
    .min_size = 0,
    .max_size = 0,
    .open = futex_open,
    .take_side = keep_everything,
    .send = futex_send,
    .receive = futex_receive,
    .close = futex_close,
};
