/* Cases of the sysv_msg probe that need more than one process: blocking, persistence beyond the
 * creator, removal under a waiting receiver, another uid, and many writers and readers at once. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/creator.h"
#include "common/helpers.h"
#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

/* ---- blocking ------------------------------------------------------------------------------- */

/* What the relieving helper of send-full-blocks needs: room for the largest queued message, so
 * nothing is truncated. */
struct full_queue {
    int queue;
    long message_size;
};

static bool receive_one(void *arg) {
    struct full_queue *full = arg;
    return msg_receive(full->queue, 0, NULL, (size_t)full->message_size, 0, NULL) >= 0;
}

static bool send_one(void *arg) { return msg_send(*(int *)arg, 1, "late", 4, 0) == 0; }

static bool remove_queue(void *arg) { return msgctl(*(int *)arg, IPC_RMID, NULL) == 0; }

static ssize_t send_one_blocking(void *arg) { return msg_send(*(int *)arg, 1, "x", 1, 0); }

static ssize_t receive_one_blocking(void *arg) {
    char text[16];
    return msg_receive(*(int *)arg, 0, text, sizeof text, 0, NULL);
}

void send_full_blocks(int argc, char **argv) {
    long msgmax = kernel_msgmax_or_report();
    struct full_queue full = {.queue = msg_queue_create(0), .message_size = msgmax};
    int64_t delay_ns = arg_delay_ns(argc, argv, 0);
    int refused = 0;
    int64_t filled = msg_queue_fill(full.queue, msgmax, &refused);
    if (refused != EAGAIN)
        probe_fail("the queue could not be filled (last send: %s)",
                   refused ? errno_name(refused) : "accepted");
    observe_blocking_call(receive_one, &full, delay_ns, send_one_blocking, &full.queue);
    obs_evidence_int("filled", filled);
    obs_emit();
}

void receive_empty_blocks(int argc, char **argv) {
    int queue = msg_queue_create(0);
    observe_blocking_call(send_one, &queue, arg_delay_ns(argc, argv, 0), receive_one_blocking, &queue);
    obs_emit();
}

void rmid_wakes_receiver(int argc, char **argv) {
    int queue = msg_queue_create(0);
    observe_blocking_call(remove_queue, &queue, arg_delay_ns(argc, argv, 0), receive_one_blocking, &queue);
    obs_emit();
}

/* ---- persistence ---------------------------------------------------------------------------- */

static const char persistent_text[] = "left by a process that has exited";

static void create_and_send(key_t key) {
    int queue = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
    if (queue < 0) _exit(1);
    if (msg_send(queue, 7, persistent_text, sizeof persistent_text - 1, IPC_NOWAIT) != 0) _exit(1);
}

void outlives_creator(int argc, char **argv) {
    (void)argc, (void)argv;
    struct sysv_creation made = sysv_made_by_exited_child(IPC_SYSV_MSG, probe_ipc_key(0), create_and_send);
    if (made.creator_status != 0) probe_fail("the creator failed (status %d)", made.creator_status);
    if (made.id < 0) {
        /* The creator made it and is gone: not finding it by key is the observation. */
        obs_value_bool(false);
        obs_errno(made.lookup_errno);
        obs_emit();
        return;
    }
    struct msqid_ds status = msg_queue_stat(made.id);
    char text[64] = "";
    long type = 0;
    guard_arm();
    ssize_t received = msg_receive(made.id, 7, text, sizeof text - 1, IPC_NOWAIT, &type);
    int err = errno;
    guard_disarm();
    if (received >= 0) text[received] = '\0';
    obs_value_bool(received == (ssize_t)sizeof persistent_text - 1 && strcmp(text, persistent_text) == 0);
    obs_errno(received < 0 ? err : 0);
    obs_evidence_int("creator_pid", made.creator);
    obs_evidence_int("creator_exit_status", made.creator_status);
    obs_evidence_int("last_sender_pid", status.msg_lspid);
    obs_evidence_int("messages_waiting", (int64_t)status.msg_qnum);
    obs_emit();
}

/* ---- permissions ---------------------------------------------------------------------------- */

struct other_uid_result {
    int send_result, send_errno;
    int receive_errno;
};

static void send_as_nobody(void *arg, void *report) {
    int queue = *(int *)arg;
    struct other_uid_result *result = report;
    result->send_result = msg_send(queue, 1, "intruder", 8, IPC_NOWAIT);
    result->send_errno = result->send_result < 0 ? errno : 0;
    char text[16];
    result->receive_errno = msg_receive(queue, 0, text, sizeof text, IPC_NOWAIT, NULL) < 0 ? errno : 0;
}

void other_uid_send(int argc, char **argv) {
    (void)argc, (void)argv;
    if (geteuid() != 0) probe_usage("other-uid-send acts as uid 65534 and needs root");
    int queue = msg_queue_create(0);
    /* Something to read, so a refused receive cannot be mistaken for an empty queue. */
    if (msg_send(queue, 1, "private", 7, IPC_NOWAIT) != 0) probe_fail("msgsnd: %s", strerror(errno));
    struct other_uid_result result;
    int uid = run_as_other_uid(send_as_nobody, &queue, &result, sizeof result, "uid-65534 helper");
    struct msqid_ds status = msg_queue_stat(queue);
    obs_value_int(result.send_result);
    obs_errno(result.send_errno);
    obs_evidence_str("receive_errno", result.receive_errno ? errno_name(result.receive_errno) : "none");
    obs_evidence_int("uid", uid);
    obs_evidence_int("owner_uid", status.msg_perm.uid);
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", status.msg_perm.mode & 0777);
    obs_evidence_str("mode", mode);
    obs_evidence_int("messages_after", (int64_t)status.msg_qnum);
    obs_emit();
}

/* ---- many writers, many readers ------------------------------------------------------------- */

#define DATA_TYPE 1
#define STOP_TYPE 2

/* What a writer puts in each message: who sent it and its number in that writer's sequence. */
struct tagged {
    int writer;
    int sequence;
};

struct traffic {
    int queue;
    long writers, readers, per_writer;
    /* Shared with the readers (MAP_SHARED): deliveries per (writer, sequence), and strays. */
    int *deliveries;
    int *strays;
};

static struct traffic traffic;

static void write_tagged_messages(void *arg) {
    int writer = (int)(intptr_t)arg;
    for (int sequence = 0; sequence < traffic.per_writer; sequence++) {
        struct tagged tag = {.writer = writer, .sequence = sequence};
        while (msg_send(traffic.queue, DATA_TYPE, (const char *)&tag, sizeof tag, 0) != 0) {
            if (errno != EINTR) _exit(1);
        }
    }
}

static void read_until_stopped(void *arg) {
    (void)arg;
    for (;;) {
        struct tagged tag;
        long type = 0;
        ssize_t received = msg_receive(traffic.queue, 0, (char *)&tag, sizeof tag, 0, &type);
        if (received < 0) {
            if (errno == EINTR) continue;
            _exit(1);
        }
        if (type == STOP_TYPE) return;
        if (received != sizeof tag || tag.writer < 0 || tag.writer >= traffic.writers || tag.sequence < 0 ||
            tag.sequence >= traffic.per_writer) {
            __atomic_fetch_add(traffic.strays, 1, __ATOMIC_RELAXED);
            continue;
        }
        __atomic_fetch_add(&traffic.deliveries[tag.writer * traffic.per_writer + tag.sequence], 1,
                           __ATOMIC_RELAXED);
    }
}

void many_writers_many_readers(int argc, char **argv) {
    traffic.writers = arg_long(argc, argv, 0, 4);
    traffic.readers = arg_long(argc, argv, 1, 4);
    traffic.per_writer = arg_long(argc, argv, 2, 1000);
    if (traffic.writers < 1 || traffic.writers > 12 || traffic.readers < 1 || traffic.readers > 12 ||
        traffic.per_writer < 1 || traffic.per_writer > 100000)
        probe_usage("WRITERS and READERS must be 1..12, MESSAGES 1..100000");
    long total = traffic.writers * traffic.per_writer;
    size_t shared_size = (size_t)(total + 1) * sizeof(int);
    int *shared = mmap(NULL, shared_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) probe_fail("mmap: %s", strerror(errno));
    traffic.strays = shared;
    traffic.deliveries = shared + 1;
    traffic.queue = msg_queue_create(0);

    pid_t readers[12], writers[12];
    for (long i = 0; i < traffic.readers; i++) readers[i] = spawn_helper(read_until_stopped, NULL);
    for (long i = 0; i < traffic.writers; i++)
        writers[i] = spawn_helper(write_tagged_messages, (void *)(intptr_t)i);
    for (long i = 0; i < traffic.writers; i++)
        if (reap(writers[i], NULL) != 0) probe_fail("writer %ld failed", i);
    /* Queued behind every data message (the queue is FIFO for type 0), one stop per reader. */
    for (long i = 0; i < traffic.readers; i++)
        if (msg_send(traffic.queue, STOP_TYPE, "stop", 4, 0) != 0)
            probe_fail("msgsnd(stop): %s", strerror(errno));
    for (long i = 0; i < traffic.readers; i++)
        if (reap(readers[i], NULL) != 0) probe_fail("reader %ld failed", i);

    int64_t lost = 0, duplicated = 0;
    for (long i = 0; i < total; i++) {
        if (traffic.deliveries[i] == 0)
            lost++;
        else
            duplicated += traffic.deliveries[i] - 1;
    }
    obs_value_int(lost + duplicated + *traffic.strays);
    obs_evidence_int("writers", traffic.writers);
    obs_evidence_int("readers", traffic.readers);
    obs_evidence_int("messages_sent", total);
    obs_evidence_int("lost", lost);
    obs_evidence_int("duplicated", duplicated);
    obs_evidence_int("strays", *traffic.strays);
    obs_evidence_int("left_in_queue", (int64_t)msg_queue_stat(traffic.queue).msg_qnum);
    munmap(shared, shared_size);
    obs_emit();
}
