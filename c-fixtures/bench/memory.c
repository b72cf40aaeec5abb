/* memory MECH COUNT: what one channel costs. The probe opens COUNT channels of MECH, both ends in
 * itself, each holding one small message where the mechanism holds data, and compares memory
 * before and after (meminfo.h says which figures and why). Objects made by the hundred do
 * not fit the runtime's cleanup registry, so System V ones are listed here and removed on every
 * path (guard.h); POSIX queues lose their names as soon as they are open; descriptors,
 * queued signals and bus connections end with the process anyway. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cases.h"
#include "dbus.h"
#include "guard.h"
#include "meminfo.h"
#include "common/loopback.h"
#include "common/probe.h"

#define SMALL_MESSAGE     64
#define SHM_SEGMENT_BYTES (64 * 1024)

static long opened;      /* channels opened so far */
static int *descriptors; /* two per channel where the mechanism has descriptors */
static int *sysv_ids;    /* one System V object per channel */
static ipc_object_kind sysv_kind;
static void **connections; /* dbus */
static int tcp_listener = -1;
static const char message[SMALL_MESSAGE] = "one small message held by the channel while memory is measured";

static long capacity;           /* COUNT: the size of the arrays below */
static const char *failed_step; /* the call that refused the last channel */

/* Async-signal-safe: only the IPC_RMID calls. Runs from the guard on a fatal signal as well. */
static void remove_sysv_object(long index) {
    if (!sysv_ids || sysv_ids[index] < 0) return;
    if (sysv_kind == IPC_SYSV_MSG)
        msgctl(sysv_ids[index], IPC_RMID, NULL);
    else if (sysv_kind == IPC_SYSV_SEM)
        semctl(sysv_ids[index], 0, IPC_RMID);
    else
        shmctl(sysv_ids[index], IPC_RMID, NULL);
    sysv_ids[index] = -1;
}

static void remove_sysv_objects(void) {
    for (long i = 0; i < capacity; i++) remove_sysv_object(i);
}

static int refused(const char *step, int err) {
    failed_step = step;
    return err;
}

/* Between creating a System V object and noting its id, a termination signal would leak it: the
 * fatal signals wait (blocked) for those few instructions. */
static sigset_t held_back;
static void hold_termination(void) {
    sigset_t fatal;
    sigemptyset(&fatal);
    sigaddset(&fatal, SIGALRM), sigaddset(&fatal, SIGTERM), sigaddset(&fatal, SIGINT),
        sigaddset(&fatal, SIGHUP);
    sigprocmask(SIG_BLOCK, &fatal, &held_back);
}
static void release_termination(void) { sigprocmask(SIG_SETMASK, &held_back, NULL); }

/* ---- one channel per mechanism: 0, or the errno of the call named in failed_step --------------- */

static int open_pipe(void) {
    int *ends = &descriptors[2 * opened];
    if (pipe2(ends, O_CLOEXEC) != 0) return refused("pipe2", errno);
    if (write(ends[1], message, sizeof message) != (ssize_t)sizeof message) return refused("write", errno);
    return 0;
}

static int open_unix_stream(void) {
    int *ends = &descriptors[2 * opened];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) return refused("socketpair", errno);
    if (send(ends[0], message, sizeof message, 0) != (ssize_t)sizeof message) return refused("send", errno);
    return 0;
}

static int open_tcp(void) {
    int *ends = &descriptors[2 * opened];
    ends[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (ends[0] < 0) return refused("socket", errno);
    if (loopback_connect(ends[0], LOOPBACK_IPV4, loopback_port_of(tcp_listener)) != 0)
        return refused("connect", errno);
    ends[1] = accept4(tcp_listener, NULL, NULL, SOCK_CLOEXEC);
    if (ends[1] < 0) return refused("accept", errno);
    if (send(ends[0], message, sizeof message, 0) != (ssize_t)sizeof message) return refused("send", errno);
    return 0;
}

static int open_signal(void) {
    /* Queued to the probe itself while blocked: each instance stays pending in the kernel. */
    if (sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = (int)opened}) != 0)
        return refused("sigqueue", errno);
    return 0;
}

static int open_sysv_msg(void) {
    hold_termination();
    int id = sysv_ids[opened] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    release_termination();
    if (id < 0) return refused("msgget", errno);
    struct {
        long mtype;
        char text[SMALL_MESSAGE];
    } queued = {.mtype = 1};
    memcpy(queued.text, message, sizeof message);
    if (msgsnd(id, &queued, sizeof queued.text, IPC_NOWAIT) != 0) return refused("msgsnd", errno);
    return 0;
}

static int open_sysv_sem(void) {
    hold_termination();
    int id = sysv_ids[opened] = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    release_termination();
    return id < 0 ? refused("semget", errno) : 0;
}

static int open_shm(void) {
    hold_termination();
    int id = sysv_ids[opened] = shmget(IPC_PRIVATE, SHM_SEGMENT_BYTES, IPC_CREAT | 0600);
    release_termination();
    if (id < 0) return refused("shmget", errno);
    void *segment = shmat(id, NULL, 0);
    if (segment == (void *)-1) return refused("shmat", errno);
    memset(segment, 1, SHM_SEGMENT_BYTES); /* touched: the pages exist */
    /* Detached again, so the pages count once, as shared memory, not also in VmRSS. */
    shmdt(segment);
    return 0;
}

static int open_posix_mq(void) {
    char tag[32];
    snprintf(tag, sizeof tag, "mem-%ld", opened);
    const char *name = probe_ipc_name(tag);
    struct mq_attr attributes = {.mq_maxmsg = 1, .mq_msgsize = SMALL_MESSAGE};
    /* The name exists only between these two calls. */
    hold_termination();
    mqd_t queue = mq_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &attributes);
    int err = errno;
    if (queue >= 0) mq_unlink(name);
    release_termination();
    if (queue < 0) return refused("mq_open", err);
    descriptors[2 * opened] = queue;
    if (mq_send(queue, message, sizeof message, 0) != 0) return refused("mq_send", errno);
    return 0;
}

static char bus_refusal[256];
static int open_dbus(void) {
    connections[opened] = bench_bus_open(bus_refusal, sizeof bus_refusal);
    return connections[opened] ? 0 : refused(bus_refusal, ECONNREFUSED);
}

/* Errors that mean "no more of these" (a system limit: fs.mqueue.queues_max, kernel.msgmni,
 * RLIMIT_SIGPENDING, descriptors), after which the channels opened so far are measured. */
static bool limit_reached(int err) {
    return err == ENOSPC || err == EAGAIN || err == EMFILE || err == ENFILE;
}

/* Takes back what a refused channel made, so that it is not measured. */
static void discard_partial(long index) {
    remove_sysv_object(index);
    for (int end = 0; end < 2; end++) {
        if (descriptors[2 * index + end] >= 0) close(descriptors[2 * index + end]);
        descriptors[2 * index + end] = -1;
    }
}

typedef struct {
    const char *name;
    int (*open_one)(void);
    int descriptors;     /* per channel, kept open until the reading */
    const char *channel; /* what one channel is, for the evidence */
} memory_mechanism;

static const memory_mechanism memory_mechanisms[] = {
    {"pipe", open_pipe, 2, "a pipe holding 64 bytes"},
    {"signal", open_signal, 0, "a queued real-time signal (SIGRTMIN, blocked, sent to itself)"},
    {"sysv-msg", open_sysv_msg, 0, "a System V message queue holding one 64-byte message"},
    {"posix-mq", open_posix_mq, 1, "a POSIX message queue (1 x 64 bytes) holding one message, name unlinked"},
    {"shm", open_shm, 0, "a System V shared memory segment of 64 KiB, touched, then detached"},
    {"sysv-sem", open_sysv_sem, 0, "a System V semaphore set of one"},
    {"unix-stream", open_unix_stream, 2, "a UNIX stream socketpair holding 64 bytes"},
    {"tcp", open_tcp, 2, "a connected TCP pair on 127.0.0.1 holding 64 bytes (the listener not counted)"},
    {"dbus", open_dbus, 1,
     "a connection to the bus that said Hello (dbus-daemon's VmRSS counted as user memory)"},
};

const char *memory_mechanism_names(void) {
    return "pipe, signal, sysv-msg, posix-mq, shm, sysv-sem, unix-stream, tcp, dbus";
}

bool memory_mechanism_known(const char *name) {
    for (size_t i = 0; i < sizeof memory_mechanisms / sizeof *memory_mechanisms; i++)
        if (strcmp(memory_mechanisms[i].name, name) == 0) return true;
    return false;
}

/* The descriptors the channels keep open, plus room: raises the soft limit toward the hard one. */
static void ensure_descriptors(long channels, int per_channel) {
    struct rlimit limit;
    rlim_t needed = (rlim_t)(per_channel * channels + 64);
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= needed) return;
    if (limit.rlim_max < needed)
        probe_usage("COUNT %ld needs %lu descriptors; the hard limit is %lu", channels, (unsigned long)needed,
                    (unsigned long)limit.rlim_max);
    limit.rlim_cur = needed;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) probe_fail("setrlimit RLIMIT_NOFILE: %s", errno_name(errno));
}

/* The daemon's pid, for its VmRSS; -1 with the reason in why when it cannot be read here (a bus
 * in another pid namespace answers with a pid that means nothing, or another process, here). */
static pid_t bus_daemon_pid(char *why, size_t size) {
    void *control = bench_bus_open(why, size);
    if (!control) probe_fail("cannot connect to the bus: %s", why);
    long pid = bench_bus_daemon_pid(control, why, size);
    bench_bus_close(control);
    if (pid <= 0) return -1;
    char path[64], comm[64] = "";
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    FILE *file = fopen(path, "r");
    if (file) {
        if (!fgets(comm, sizeof comm, file)) comm[0] = '\0';
        fclose(file);
    }
    if (strncmp(comm, "dbus-daemon", 11) != 0) {
        snprintf(why, size,
                 "the bus says its pid is %ld, but that is not a dbus-daemon in this pid namespace", pid);
        return -1;
    }
    return (pid_t)pid;
}

static void release_all(const memory_mechanism *mechanism) {
    remove_sysv_objects();
    guard_remove(remove_sysv_objects);
    for (long i = 0; i < 2 * capacity; i++)
        if (descriptors[i] >= 0) close(descriptors[i]);
    for (long i = 0; connections && i < opened; i++) bench_bus_close(connections[i]);
    if (strcmp(mechanism->name, "signal") == 0) {
        sigset_t only;
        sigemptyset(&only);
        sigaddset(&only, SIGRTMIN);
        struct timespec now = {0};
        while (sigtimedwait(&only, NULL, &now) > 0) {
        }
    }
    if (tcp_listener >= 0) close(tcp_listener);
}

/* What the mechanism needs before the first reading, so that none of it is counted: the signal
 * blocked, the TCP listener, the bus daemon's pid. */
static void prepare(const memory_mechanism *mechanism, pid_t *daemon, char *daemon_why, size_t size) {
    if (strcmp(mechanism->name, "signal") == 0) {
        sigset_t only;
        sigemptyset(&only);
        sigaddset(&only, SIGRTMIN);
        sigprocmask(SIG_BLOCK, &only, NULL);
    } else if (strcmp(mechanism->name, "tcp") == 0) {
        tcp_listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (tcp_listener < 0 || loopback_bind(tcp_listener, LOOPBACK_IPV4, 0) != 0 ||
            listen(tcp_listener, 16) != 0)
            probe_fail("listener on 127.0.0.1: %s", errno_name(errno));
    } else if (strcmp(mechanism->name, "dbus") == 0) {
        *daemon = bus_daemon_pid(daemon_why, size);
    }
}

/* How many channels to open: COUNT, except that fs.mqueue.queues_max counts every POSIX queue of
 * the IPC namespace (256 by default, and root without CAP_SYS_RESOURCE cannot go past it). Taking
 * all of them would make anyone else's mq_open fail meanwhile, so posix-mq takes half at most. */
static long channels_to_open(const memory_mechanism *mechanism, long count, char *why, size_t size) {
    if (strcmp(mechanism->name, "posix-mq") != 0) return count;
    long queues_max = -1;
    FILE *sysctl = fopen("/proc/sys/fs/mqueue/queues_max", "r"); /* a sandbox may not have it */
    if (sysctl) {
        if (fscanf(sysctl, "%ld", &queues_max) != 1) queues_max = -1;
        fclose(sysctl);
    }
    if (queues_max <= 1 || count <= queues_max / 2) return count;
    snprintf(why, size, "half of fs.mqueue.queues_max (%ld), leaving the rest to others", queues_max);
    return queues_max / 2;
}

/* Opens up to `wanted` channels; a system limit ends it early (the reason in why), any other
 * refusal fails the probe. */
static void open_channels(const memory_mechanism *mechanism, long wanted, char *why, size_t size) {
    for (opened = 0; opened < wanted; opened++) {
        int err = mechanism->open_one();
        if (!err) continue;
        if (opened > 0 && limit_reached(err)) {
            snprintf(why, size, "%s: %s", failed_step, errno_name(err));
            discard_partial(opened);
            return;
        }
        remove_sysv_objects();
        probe_fail("channel %ld of %ld: %s: %s", opened + 1, wanted, failed_step, errno_name(err));
    }
}

void memory_run(const char *mechanism_name, long count) {
    const memory_mechanism *mechanism = NULL;
    for (size_t i = 0; i < sizeof memory_mechanisms / sizeof *memory_mechanisms; i++)
        if (strcmp(memory_mechanisms[i].name, mechanism_name) == 0) mechanism = &memory_mechanisms[i];
    if (!mechanism)
        probe_usage("memory: mechanism '%s' is not one of %s", mechanism_name, memory_mechanism_names());

    /* Everything the bookkeeping needs is allocated and touched before the first reading. */
    ensure_descriptors(count, mechanism->descriptors);
    capacity = count;
    descriptors = malloc(sizeof *descriptors * 2 * (size_t)count);
    sysv_ids = malloc(sizeof *sysv_ids * (size_t)count);
    connections = calloc((size_t)count, sizeof *connections);
    if (!descriptors || !sysv_ids || !connections) probe_fail("out of memory for %ld channels", count);
    memset(descriptors, 0xff, sizeof *descriptors * 2 * (size_t)count);
    memset(sysv_ids, 0xff, sizeof *sysv_ids * (size_t)count);
    sysv_kind = strcmp(mechanism->name, "sysv-msg") == 0   ? IPC_SYSV_MSG
                : strcmp(mechanism->name, "sysv-sem") == 0 ? IPC_SYSV_SEM
                                                           : IPC_SYSV_SHM;
    guard_add(remove_sysv_objects);
    char daemon_why[256] = "", limited_by[320] = "";
    pid_t daemon = -1;
    prepare(mechanism, &daemon, daemon_why, sizeof daemon_why);
    kernel_memory_isolate(daemon);

    memory_reading before = memory_read_settled();
    int64_t rss_before = vmrss_bytes(getpid()), daemon_before = daemon > 0 ? vmrss_bytes(daemon) : -1;
    open_channels(mechanism, channels_to_open(mechanism, count, limited_by, sizeof limited_by), limited_by,
                  sizeof limited_by);
    memory_reading after = memory_read_settled();
    int64_t rss_after = vmrss_bytes(getpid()), daemon_after = daemon > 0 ? vmrss_bytes(daemon) : -1;
    const char *sampling = memory_sampling(); /* before the isolation ends, which changes it */
    release_all(mechanism);
    kernel_memory_isolation_end();

    int64_t kernel = after.kernel - before.kernel;
    int64_t user = rss_after - rss_before;
    bool daemon_read = daemon_before >= 0 && daemon_after >= 0;
    if (daemon_read) user += daemon_after - daemon_before;
    /* Channels holding kernel objects cannot be free: counters that did not move at all do not see
     * this kernel's memory (gVisor's Sentry keeps it in its own heap), so there is no figure. (A
     * negative delta is something else: another process of the same cgroup freed memory meanwhile.) */
    if (kernel == 0 && user == 0)
        probe_fail("memory: %ld %s channels moved no counter this probe can read (kernel %lld B, user %lld "
                   "B): the kernel's memory is not visible here",
                   opened, mechanism->name, (long long)kernel, (long long)user);
    /* Less memory in use after opening channels than before: something else freed memory during the
     * reading, and the difference measures that, not the channels. */
    if (kernel + user < 0)
        probe_fail("memory: %ld %s channels read as freeing memory (kernel %lld B, user %lld B): another "
                   "process freed memory "
                   "during the reading, so there is no figure",
                   opened, mechanism->name, (long long)kernel, (long long)user);
    obs_value_int((kernel + user) / opened);
    obs_evidence_str("mechanism", mechanism->name);
    obs_evidence_int("count", opened);
    if (limited_by[0]) { /* fewer than asked; the value is per channel opened */
        obs_evidence_int("count_asked", count);
        obs_evidence_str("limited_by", limited_by);
    }
    obs_evidence_int("kernel_bytes", kernel);
    obs_evidence_int("user_bytes", user);
    obs_evidence_int("probe_rss_bytes", rss_after - rss_before);
    if (daemon_read)
        obs_evidence_int("daemon_rss_bytes", daemon_after - daemon_before);
    else if (daemon >= 0 || daemon_why[0])
        obs_evidence_str("daemon_rss",
                         daemon_why[0] ? daemon_why : "the dbus-daemon's /proc/PID/status is not readable");
    /* System-wide, whatever the source: a cross-check, and noisy on a busy machine. */
    obs_evidence_int("meminfo_slab_bytes", after.slab - before.slab);
    obs_evidence_int("meminfo_shmem_bytes", after.shmem - before.shmem);
    obs_evidence_str("channel", mechanism->channel);
    char method[1400];
    snprintf(method, sizeof method,
             "kernel = delta of %s; user = delta of VmRSS; %s; value = (kernel + user) / count",
             kernel_memory_source(), sampling);
    obs_evidence_str("method", method);
    obs_emit();
}
