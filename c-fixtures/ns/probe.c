/* ns-probe: the steps of the isolation scenarios (runners/isolation/). Each case is one side of a
 * two-place experiment: an IPC object is made in one place and looked up in another, a socket
 * listens in one place and is connected to from another. The runner decides which places (sibling
 * namespaces, a joined namespace, the host) and removes what a step leaves on purpose.
 * KIND is sysv-msg, sysv-shm, sysv-sem or posix-mq; KEY is a decimal IPC key chosen by the runner
 * (the POSIX queue is named /ipc-conformance-KEY). */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/probe.h"
#include "shared_files.h"

typedef enum { SYSV_MSG, SYSV_SHM, SYSV_SEM, POSIX_MQ } object_kind;

static object_kind parse_kind(const char *name) {
    if (name && strcmp(name, "sysv-msg") == 0) return SYSV_MSG;
    if (name && strcmp(name, "sysv-shm") == 0) return SYSV_SHM;
    if (name && strcmp(name, "sysv-sem") == 0) return SYSV_SEM;
    if (name && strcmp(name, "posix-mq") == 0) return POSIX_MQ;
    probe_usage("KIND must be sysv-msg, sysv-shm, sysv-sem or posix-mq, not '%s'", name ? name : "");
}

static const char *queue_name(key_t key) {
    static char name[64];
    snprintf(name, sizeof name, "/ipc-conformance-%ld", (long)key);
    return name;
}

/* Opens (flags = 0) or exclusively creates (IPC_CREAT | IPC_EXCL) the object; its id or -1. */
static int open_object(object_kind kind, key_t key, int flags) {
    const int mode = (flags & IPC_CREAT) ? 0600 : 0;
    switch (kind) {
        case SYSV_MSG: return msgget(key, flags | mode);
        case SYSV_SHM:
            return shmget(key, (flags & IPC_CREAT) ? (size_t)sysconf(_SC_PAGESIZE) : 0, flags | mode);
        case SYSV_SEM: return semget(key, (flags & IPC_CREAT) ? 1 : 0, flags | mode);
        case POSIX_MQ: {
            mqd_t queue = (flags & IPC_CREAT)
                              ? mq_open(queue_name(key), O_RDWR | O_CREAT | O_EXCL, 0600, NULL)
                              : mq_open(queue_name(key), O_RDONLY);
            if (queue == (mqd_t)-1) return -1;
            mq_close(queue);
            return 0;
        }
    }
    return -1;
}

static key_t required_key(int argc, char **argv, int index) {
    if (index >= argc) probe_usage("a KEY argument is required");
    return (key_t)arg_long(argc, argv, index, 0);
}

static void report_open(int id, const char *success) {
    if (id < 0) {
        obs_errno(errno);
        return;
    }
    obs_value_str(success);
    obs_evidence_int("id", id);
}

static void create_object(int argc, char **argv) {
    object_kind kind = parse_kind(argc > 0 ? argv[0] : NULL);
    key_t key = required_key(argc, argv, 1);
    report_open(open_object(kind, key, IPC_CREAT | IPC_EXCL), "created");
    obs_evidence_int("key", key);
    obs_emit();
}

static void lookup_object(int argc, char **argv) {
    object_kind kind = parse_kind(argc > 0 ? argv[0] : NULL);
    key_t key = required_key(argc, argv, 1);
    report_open(open_object(kind, key, 0), "visible");
    obs_evidence_int("key", key);
    obs_emit();
}

static void remove_object(int argc, char **argv) {
    object_kind kind = parse_kind(argc > 0 ? argv[0] : NULL);
    key_t key = required_key(argc, argv, 1);
    int result;
    if (kind == POSIX_MQ) {
        result = mq_unlink(queue_name(key));
    } else {
        int id = open_object(kind, key, 0);
        result = id < 0             ? -1
                 : kind == SYSV_MSG ? msgctl(id, IPC_RMID, NULL)
                 : kind == SYSV_SHM ? shmctl(id, IPC_RMID, NULL)
                                    : semctl(id, 0, IPC_RMID);
    }
    if (result < 0)
        obs_errno(errno);
    else
        obs_value_str("removed");
    obs_emit();
}

/* A SysV segment of BYTES bytes, every page written, then detached and left for its namespace. */
static void shm_fill(int argc, char **argv) {
    key_t key = required_key(argc, argv, 0);
    size_t bytes = (size_t)arg_long(argc, argv, 1, 64L << 20);
    int id = shmget(key, bytes, IPC_CREAT | IPC_EXCL | 0600);
    if (id < 0) {
        obs_errno(errno);
        obs_emit();
        return;
    }
    char *memory = shmat(id, NULL, 0);
    if (memory == (void *)-1) probe_fail("shmat: %s", strerror(errno));
    memset(memory, 0x5a, bytes);
    shmdt(memory);
    obs_value_int((int64_t)bytes);
    obs_evidence_int("id", id);
    obs_emit();
}

/* Fills addr for MODE abstract (NAME without the leading NUL) or path (NAME is the node). */
static socklen_t socket_address(const char *mode, const char *name, struct sockaddr_un *addr) {
    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    bool abstract = strcmp(mode, "abstract") == 0;
    if (!abstract && strcmp(mode, "path") != 0) probe_usage("MODE must be abstract or path, not '%s'", mode);
    size_t length = strlen(name);
    if (length + 1 >= sizeof addr->sun_path) probe_usage("socket name too long: %s", name);
    memcpy(addr->sun_path + (abstract ? 1 : 0), name, length);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + length + (abstract ? 1 : 0));
}

static void listen_socket(int argc, char **argv) {
    if (argc < 3) probe_usage("listen MODE NAME READYFILE [WAIT_MS]");
    const char *name = argv[1], *ready_file = argv[2];
    long wait_ms = arg_long(argc, argv, 3, 1500);
    struct sockaddr_un addr;
    socklen_t length = socket_address(argv[0], name, &addr);
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0) probe_fail("socket: %s", strerror(errno));
    if (bind(listener, (struct sockaddr *)&addr, length) < 0)
        probe_fail("bind %s: %s", name, strerror(errno));
    if (addr.sun_path[0]) cleanup_unlink_later(name);
    if (listen(listener, 4) < 0) probe_fail("listen: %s", strerror(errno));
    int ready = open(ready_file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (ready < 0) probe_fail("cannot create %s: %s", ready_file, strerror(errno));
    close(ready);
    cleanup_unlink_later(ready_file);

    struct pollfd waiting = {.fd = listener, .events = POLLIN};
    int64_t started = monotonic_ns();
    int polled = poll(&waiting, 1, (int)wait_ms);
    obs_elapsed_ns(monotonic_ns() - started);
    if (polled > 0) {
        int peer = accept(listener, NULL, NULL);
        obs_value_str(peer >= 0 ? "accepted" : "accept-failed");
        if (peer >= 0) close(peer);
    } else {
        obs_value_str("no-connection");
    }
    obs_evidence_int("waited_ms", wait_ms);
    close(listener);
    obs_emit();
}

static void connect_socket(int argc, char **argv) {
    if (argc < 3) probe_usage("connect MODE NAME READYFILE");
    const char *ready_file = argv[2];
    struct sockaddr_un addr;
    socklen_t length = socket_address(argv[0], argv[1], &addr);
    /* The listener makes READYFILE once it listens; connecting before that proves nothing. */
    int64_t deadline = monotonic_ns() + 5000000000LL;
    while (access(ready_file, F_OK) != 0) {
        if (monotonic_ns() > deadline) probe_fail("the listener did not become ready (%s)", ready_file);
        sleep_ns(5000000);
    }
    int client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (client < 0) probe_fail("socket: %s", strerror(errno));
    if (connect(client, (struct sockaddr *)&addr, length) < 0)
        obs_errno(errno);
    else
        obs_value_str("connected");
    close(client);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("create", create_object,
               "exclusively creates the object 0600 (sysv-msg, sysv-shm one page, sysv-sem one "
               "semaphore, posix-mq /ipc-conformance-<key>) and leaves it; value \"created\", "
               "evidence.id, or errno",
               PARAM("kind", "sysv-msg, sysv-shm, sysv-sem or posix-mq"),
               PARAM("key", "the SysV key (also names the POSIX queue)")),
    PROBE_CASE("lookup", lookup_object,
               "opens an existing object without creating it; value \"visible\" and evidence.id, or "
               "errno (ENOENT when this IPC namespace has no such object)",
               PARAM("kind", "sysv-msg, sysv-shm, sysv-sem or posix-mq"),
               PARAM("key", "the SysV key (also names the POSIX queue)")),
    PROBE_CASE("remove", remove_object,
               "removes the object (IPC_RMID / mq_unlink); value \"removed\", or errno",
               PARAM("kind", "sysv-msg, sysv-shm, sysv-sem or posix-mq"),
               PARAM("key", "the SysV key (also names the POSIX queue)")),
    PROBE_CASE("shm-fill", shm_fill,
               "creates a SysV segment of `bytes` bytes, writes every byte, detaches and leaves it to "
               "its IPC namespace; value = bytes, or errno",
               PARAM("key", "the SysV key"), OPTIONAL_PARAM("bytes", "segment size (default 64 MiB)")),
    PROBE_CASE("listen", listen_socket,
               "binds and listens on a UNIX stream socket, creates ready_file, waits wait_ms for a "
               "connection; value \"accepted\" or \"no-connection\"",
               PARAM("mode", "abstract or path"), PARAM("name", "the abstract name or the path"),
               PARAM("ready_file", "created once the socket listens"),
               OPTIONAL_PARAM("wait_ms", "milliseconds to wait for a connection (default 1500)")),
    PROBE_CASE("connect", connect_socket,
               "waits (5 s at most) for ready_file, then connects; value \"connected\", or errno "
               "(ECONNREFUSED when nothing listens on that name here)",
               PARAM("mode", "abstract or path"), PARAM("name", "the abstract name or the path"),
               PARAM("ready_file", "the listener creates it once it listens")),
    PROBE_CASE("lock-hold", lock_hold,
               "creates the file 0600, write-locks all of it (F_SETLK), creates ready_file and keeps "
               "the lock until done_file exists (5 s at most); value \"held\", evidence.holder_pid",
               PARAM("path", "the file, in the folder both places see"),
               PARAM("ready_file", "created once the lock is held"),
               PARAM("done_file", "the other side creates it once it has tried")),
    PROBE_CASE("lock-try", lock_try,
               "waits for ready_file, asks F_GETLK then F_SETLK for a write lock over the whole file, "
               "creates done_file; value \"granted\", or the errno name (EAGAIN/EACCES: the other side's "
               "lock is seen), evidence.getlk_type and getlk_pid (0: the holder is not visible here)",
               PARAM("path", "the file, in the folder both places see"),
               PARAM("ready_file", "the holder creates it once it holds the lock"),
               PARAM("done_file", "created once the lock has been tried")),
    PROBE_CASE("map-first", map_first,
               "creates a one-page file 0600, maps it MAP_SHARED, stores text at offset 0, creates "
               "ready_file, waits for done_file; value = the text at offset 2048 as this mapping sees "
               "it (the other side's store)",
               PARAM("path", "the file, in the folder both places see"), PARAM("text", "what to store"),
               PARAM("ready_file", "created once the text is stored"),
               PARAM("done_file", "the other side creates it once it has stored")),
    PROBE_CASE("map-second", map_second,
               "waits for ready_file, maps the file MAP_SHARED, reads the text at offset 0, stores "
               "text at offset 2048, creates done_file; value = the text read (the other side's store)",
               PARAM("path", "the file, in the folder both places see"), PARAM("text", "what to store"),
               PARAM("ready_file", "the other side creates it once it has stored"),
               PARAM("done_file", "created once the text is stored")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
