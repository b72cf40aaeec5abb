/* Shared machinery of the C probes; see probe.h and c-fixtures/PROTOCOL.md. */
#include "probe.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <mqueue.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- the observation ---------------------------------------------------------------------- */

static char value_json[512] = "null";
static char errno_json[64] = "null";
static char signal_json[64] = "null";
static char elapsed_json[32] = "null";
static char delay_json[32] = "null";
static char evidence_json[4096];
static size_t evidence_length;
static const char *current_case = "";

/* Writes `text` as a JSON string literal into out (always terminated, truncated if needed). */
static void json_string(char *out, size_t size, const char *text) {
    size_t used = 0;
    out[used++] = '"';
    for (const unsigned char *c = (const unsigned char *)text; *c && used + 8 < size; c++) {
        if (*c == '"' || *c == '\\') {
            out[used++] = '\\';
            out[used++] = (char)*c;
        } else if (*c < 0x20) {
            used += (size_t)snprintf(out + used, size - used, "\\u%04x", *c);
        } else {
            out[used++] = (char)*c;
        }
    }
    out[used++] = '"';
    out[used] = '\0';
}

void obs_value_int(int64_t value) { snprintf(value_json, sizeof value_json, "%" PRId64, value); }
void obs_value_str(const char *value) { json_string(value_json, sizeof value_json, value); }
void obs_value_bool(bool value) { snprintf(value_json, sizeof value_json, "%s", value ? "true" : "false"); }
void obs_errno(int err) {
    if (err) json_string(errno_json, sizeof errno_json, errno_name(err));
}
void obs_signal(int sig) {
    if (sig) json_string(signal_json, sizeof signal_json, signal_name(sig));
}
void obs_elapsed_ns(int64_t ns) { snprintf(elapsed_json, sizeof elapsed_json, "%" PRId64, ns); }
void obs_delay_ns(int64_t ns) { snprintf(delay_json, sizeof delay_json, "%" PRId64, ns); }

static void evidence_add(const char *key, const char *rendered_value) {
    char key_json[128];
    json_string(key_json, sizeof key_json, key);
    int written = snprintf(evidence_json + evidence_length, sizeof evidence_json - evidence_length,
                           "%s%s: %s", evidence_length ? ", " : "", key_json, rendered_value);
    if (written > 0 && (size_t)written < sizeof evidence_json - evidence_length)
        evidence_length += (size_t)written;
}
void obs_evidence_int(const char *key, int64_t value) {
    char rendered[32];
    snprintf(rendered, sizeof rendered, "%" PRId64, value);
    evidence_add(key, rendered);
}
void obs_evidence_str(const char *key, const char *value) {
    char rendered[512];
    json_string(rendered, sizeof rendered, value);
    evidence_add(key, rendered);
}
void obs_evidence_bool(const char *key, bool value) { evidence_add(key, value ? "true" : "false"); }

void obs_emit(void) {
    char case_json[128];
    json_string(case_json, sizeof case_json, current_case);
    printf(
        "{\"case\": %s, \"value\": %s, \"errno\": %s, \"signal\": %s, \"elapsed_ns\": %s, \"delay_ns\": %s, "
        "\"evidence\": {%s}}\n",
        case_json, value_json, errno_json, signal_json, elapsed_json, delay_json, evidence_json);
    fflush(stdout);
}

#define NAME(x) [x] = #x
static const char *const errno_names[] = {
    NAME(EPERM),  NAME(ENOENT),     NAME(ESRCH),      NAME(EINTR),        NAME(EIO),       NAME(ENXIO),
    NAME(E2BIG),  NAME(EBADF),      NAME(ECHILD),     NAME(EAGAIN),       NAME(ENOMEM),    NAME(EACCES),
    NAME(EFAULT), NAME(EBUSY),      NAME(EEXIST),     NAME(ENOTDIR),      NAME(EISDIR),    NAME(EINVAL),
    NAME(ENFILE), NAME(EMFILE),     NAME(ENOSPC),     NAME(ESPIPE),       NAME(EPIPE),     NAME(ERANGE),
    NAME(ENOSYS), NAME(ENOTSOCK),   NAME(EADDRINUSE), NAME(ECONNREFUSED), NAME(ETIMEDOUT), NAME(EIDRM),
    NAME(ENOMSG), NAME(EOPNOTSUPP), NAME(EMSGSIZE),   NAME(ENAMETOOLONG), NAME(ELOOP),     NAME(ETXTBSY),
    NAME(EROFS),  NAME(EDEADLK),    NAME(ENOTEMPTY),
};
static const char *const signal_names[] = {
    NAME(SIGHUP),  NAME(SIGINT),    NAME(SIGQUIT), NAME(SIGILL),    NAME(SIGTRAP), NAME(SIGABRT),
    NAME(SIGBUS),  NAME(SIGFPE),    NAME(SIGKILL), NAME(SIGUSR1),   NAME(SIGSEGV), NAME(SIGUSR2),
    NAME(SIGPIPE), NAME(SIGALRM),   NAME(SIGTERM), NAME(SIGSTKFLT), NAME(SIGCHLD), NAME(SIGCONT),
    NAME(SIGSTOP), NAME(SIGTSTP),   NAME(SIGTTIN), NAME(SIGTTOU),   NAME(SIGURG),  NAME(SIGXCPU),
    NAME(SIGXFSZ), NAME(SIGVTALRM), NAME(SIGPROF), NAME(SIGWINCH),  NAME(SIGIO),   NAME(SIGPWR),
    NAME(SIGSYS),
};
#undef NAME

const char *errno_name(int err) {
    static char unknown[24];
    if (err > 0 && (size_t)err < sizeof errno_names / sizeof *errno_names && errno_names[err])
        return errno_names[err];
    const char *named = strerrorname_np(err); /* glibc ≥ 2.32 knows every name the table lacks */
    if (named) return named;
    snprintf(unknown, sizeof unknown, "E%d", err);
    return unknown;
}

const char *signal_name(int sig) {
    static char other[24];
    if (sig > 0 && (size_t)sig < sizeof signal_names / sizeof *signal_names && signal_names[sig])
        return signal_names[sig];
    if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        snprintf(other, sizeof other, "SIGRTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(other, sizeof other, "SIG%d", sig);
    return other;
}

/* ---- cleanup registry ----------------------------------------------------------------------- */
/* Fixed-size arrays: the signal handler may walk them, so nothing here allocates. */

#define MAX_PATHS 16
#define MAX_PIDS  32
static char paths_to_unlink[MAX_PATHS][PATH_MAX];
static int path_count;
static pid_t pids_to_kill[MAX_PIDS];
static int pid_count;
static char tmpdir_path[PATH_MAX];
static pid_t owner_pid; /* only the process that made the registry entries cleans them up */

void cleanup_unlink_later(const char *path) {
    if (path_count == MAX_PATHS) probe_fail("cleanup registry full");
    snprintf(paths_to_unlink[path_count++], PATH_MAX, "%s", path);
}

void cleanup_kill_later(pid_t pid) {
    /* A slot freed by cleanup_forget_pid (a reaped helper) is reused: a probe that runs helper
     * after helper, one at a time (a benchmark series), never has more than a few alive. */
    for (int i = 0; i < pid_count; i++)
        if (pids_to_kill[i] == 0) {
            pids_to_kill[i] = pid;
            return;
        }
    if (pid_count == MAX_PIDS) probe_fail("too many helpers");
    pids_to_kill[pid_count++] = pid;
}

void cleanup_forget_pid(pid_t pid) {
    for (int i = 0; i < pid_count; i++)
        if (pids_to_kill[i] == pid) pids_to_kill[i] = 0;
}

#define MAX_IPC_OBJECTS 32
static struct {
    ipc_object_kind kind;
    int id;
    char name[NAME_MAX + 1];
} ipc_objects[MAX_IPC_OBJECTS];
static int ipc_object_count;

void cleanup_sysv_later(ipc_object_kind kind, int id) {
    if (ipc_object_count == MAX_IPC_OBJECTS) probe_fail("IPC cleanup registry full");
    ipc_objects[ipc_object_count].kind = kind;
    ipc_objects[ipc_object_count].id = id;
    ipc_objects[ipc_object_count++].name[0] = '\0';
}

void cleanup_posix_later(ipc_object_kind kind, const char *name) {
    if (ipc_object_count == MAX_IPC_OBJECTS) probe_fail("IPC cleanup registry full");
    ipc_objects[ipc_object_count].kind = kind;
    ipc_objects[ipc_object_count].id = -1;
    snprintf(ipc_objects[ipc_object_count++].name, NAME_MAX + 1, "%s", name);
}

key_t probe_ipc_key(int n) { return (key_t)(0x20000000 | ((getpid() & 0x3fffff) << 6) | (n & 63)); }

const char *probe_ipc_name(const char *tag) {
    static char slots[4][NAME_MAX + 1];
    static int next;
    char *slot = slots[next++ % 4];
    snprintf(slot, NAME_MAX + 1, "/ipc-conformance-%ld-%s", (long)getpid(), tag);
    return slot;
}

/* System calls only (msgctl, shmctl, semctl, and unlinks), so the signal handler may run it. */
static void cleanup_ipc_objects(void) {
    for (int i = ipc_object_count - 1; i >= 0; i--) {
        const char *name = ipc_objects[i].name;
        switch (ipc_objects[i].kind) {
            case IPC_SYSV_MSG: msgctl(ipc_objects[i].id, IPC_RMID, NULL); break;
            case IPC_SYSV_SHM: shmctl(ipc_objects[i].id, IPC_RMID, NULL); break;
            case IPC_SYSV_SEM: semctl(ipc_objects[i].id, 0, IPC_RMID); break;
            case IPC_POSIX_MQ: mq_unlink(name); break;
            case IPC_POSIX_SHM: shm_unlink(name); break;
            case IPC_POSIX_SEM: sem_unlink(name); break;
        }
    }
    ipc_object_count = 0;
}

/* Async-signal-safe: kill, waitpid, unlink, rmdir and the IPC removals only. */
static void cleanup_run(void) {
    if (getpid() != owner_pid) return;
    for (int i = 0; i < pid_count; i++) {
        if (pids_to_kill[i] > 0) {
            kill(pids_to_kill[i], SIGKILL);
            waitpid(pids_to_kill[i], NULL, 0);
            pids_to_kill[i] = 0;
        }
    }
    cleanup_ipc_objects();
    for (int i = path_count - 1; i >= 0; i--) unlink(paths_to_unlink[i]);
    path_count = 0;
    if (tmpdir_path[0]) {
        rmdir(tmpdir_path);
        tmpdir_path[0] = '\0';
    }
}

_Noreturn static void vfail(int status, const char *format, va_list args) {
    fprintf(stderr, "%s: ", current_case);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    cleanup_run();
    _exit(status);
}

void probe_fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vfail(1, format, args);
}

void probe_usage(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vfail(2, format, args);
}

const char *probe_tmpdir(void) {
    if (!tmpdir_path[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(tmpdir_path, sizeof tmpdir_path, "%s/ipc-conformance-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(tmpdir_path)) {
            tmpdir_path[0] = '\0';
            probe_fail("mkdtemp under %s: %s", base ? base : "/tmp", strerror(errno));
        }
    }
    return tmpdir_path;
}

const char *probe_path(const char *name) {
    static char slots[4][PATH_MAX];
    static int next;
    char *slot = slots[next++ % 4];
    if (snprintf(slot, PATH_MAX, "%s/%s", probe_tmpdir(), name) >= PATH_MAX)
        probe_fail("path too long: %s", name);
    return slot;
}

/* ---- signals: watchdog, termination, the no-block guard ------------------------------------ */

static void on_fatal_signal(int sig) {
    const char *message =
        sig == SIGALRM ? "watchdog fired: the probe took too long\n" : "terminated by a signal\n";
    if (write(STDERR_FILENO, message, strlen(message)) < 0) { /* nothing more to do */
    }
    cleanup_run();
    _exit(3);
}

static void on_guard(int sig) { (void)sig; }

static timer_t guard_timer;
static bool guard_created;

void guard_arm(void) {
    /* SIGUSR2 without SA_RESTART: the interrupted call returns EINTR. The watchdog keeps SIGALRM. */
    struct sigaction action = {.sa_handler = on_guard};
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR2, &action, NULL);
    if (!guard_created) {
        struct sigevent event = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2};
        if (timer_create(CLOCK_MONOTONIC, &event, &guard_timer) != 0)
            probe_fail("timer_create: %s", strerror(errno));
        guard_created = true;
    }
    struct itimerspec once = {.it_value = {.tv_sec = 1}};
    timer_settime(guard_timer, 0, &once, NULL);
}

void guard_disarm(void) {
    struct itimerspec off = {0};
    if (guard_created) timer_settime(guard_timer, 0, &off, NULL);
}

/* IPC_PROBE_WATCHDOG_S, or 8 when unset. A value that is not a whole number of seconds from 1 to
 * a day is a usage error: read as 8 it would silently give a watchdog the caller did not ask for. */
static unsigned watchdog_seconds(void) {
    const char *text = getenv("IPC_PROBE_WATCHDOG_S");
    if (!text) return 8;
    char *end = NULL;
    errno = 0;
    long seconds = strtol(text, &end, 10);
    if (errno || end == text || *end || seconds < 1 || seconds > 86400)
        probe_usage("IPC_PROBE_WATCHDOG_S must be a whole number of seconds from 1 to 86400, not '%s'", text);
    return (unsigned)seconds;
}

static void install_handlers(void) {
    struct sigaction action = {.sa_handler = on_fatal_signal};
    sigfillset(&action.sa_mask);
    int fatal[] = {SIGALRM, SIGTERM, SIGINT, SIGHUP};
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) sigaction(fatal[i], &action, NULL);
    alarm(watchdog_seconds());
}

/* ---- processes ------------------------------------------------------------------------------ */

/* In a forked helper: forget the parent's registry and die plainly on the group's signals. */
static void become_helper(void) {
    alarm(0);
    guard_created = false;
    struct sigaction plain = {.sa_handler = SIG_DFL};
    sigemptyset(&plain.sa_mask);
    int reset[] = {SIGALRM, SIGTERM, SIGINT, SIGHUP, SIGUSR2, SIGPIPE};
    for (size_t i = 0; i < sizeof reset / sizeof *reset; i++) sigaction(reset[i], &plain, NULL);
}

pid_t spawn_helper(void (*body)(void *arg), void *arg) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) probe_fail("fork: %s", strerror(errno));
    if (pid == 0) {
        become_helper();
        body(arg);
        _exit(0);
    }
    cleanup_kill_later(pid);
    return pid;
}

pid_t spawn_reexec(char *const argv[]) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) probe_fail("fork: %s", strerror(errno));
    if (pid == 0) {
        become_helper();
        setsid(); /* a process of its own: no group, no session, nothing inherited but open fds */
        execv("/proc/self/exe", argv);
        _exit(127);
    }
    cleanup_kill_later(pid);
    return pid;
}

int reap(pid_t pid, int *signal_out) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) probe_fail("waitpid %d: %s", (int)pid, strerror(errno));
    }
    cleanup_forget_pid(pid);
    if (signal_out) *signal_out = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

void drop_to_uid(uid_t id) {
    if (setgroups(0, NULL) != 0 || setgid(id) != 0 || setuid(id) != 0)
        probe_fail("cannot become uid %d: %s", (int)id, strerror(errno));
    if (getuid() != id || geteuid() != id)
        probe_fail("still uid %d after setuid(%d)", (int)geteuid(), (int)id);
}

/* ---- time and I/O --------------------------------------------------------------------------- */

int64_t monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

void sleep_ns(int64_t ns) {
    struct timespec left = {.tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000};
    while (nanosleep(&left, &left) != 0 && errno == EINTR) {
    }
}

ssize_t read_full(int fd, void *buffer, size_t size) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = read(fd, (char *)buffer + done, size - done);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            return done ? (ssize_t)done : -1;
        }
        done += (size_t)n;
    }
    return (ssize_t)done;
}

ssize_t write_full(int fd, const void *buffer, size_t size) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, (const char *)buffer + done, size - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return done ? (ssize_t)done : -1;
        }
        done += (size_t)n;
    }
    return (ssize_t)done;
}

void set_nonblocking(int fd, bool on) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) < 0)
        probe_fail("fcntl F_SETFL: %s", strerror(errno));
}

long read_long_file(const char *path) {
    FILE *file = fopen(path, "r");
    long value = -1;
    if (!file) probe_fail("open %s: %s", path, strerror(errno));
    if (fscanf(file, "%ld", &value) != 1) probe_fail("%s holds no number", path);
    fclose(file);
    return value;
}

/* ---- the case dispatcher -------------------------------------------------------------------- */

long arg_long(int argc, char **argv, int index, long fallback) {
    if (index >= argc) return fallback;
    char *end = NULL;
    errno = 0;
    long value = strtol(argv[index], &end, 10);
    if (errno || end == argv[index] || *end || value < 0)
        probe_usage("argument '%s' is not a non-negative integer", argv[index]);
    return value;
}

int64_t arg_delay_ns(int argc, char **argv, int index) {
    return (int64_t)arg_long(argc, argv, index, 200) * 1000000;
}

/* ---- the case table ------------------------------------------------------------------------ */

static bool is_helper(const probe_case *c) { return strncmp(c->name, "helper-", 7) == 0; }

static size_t param_count(const probe_case *c) {
    size_t n = 0;
    while (n < PROBE_MAX_PARAMS && c->params[n].name) n++;
    return n;
}

/* A table that breaks its own rules is a defect of the probe: found when the manifest is made. */
static void check_declaration(const probe_case *c) {
    size_t n = param_count(c);
    bool optional_seen = false;
    if (!is_helper(c) && !(c->description && *c->description))
        probe_fail("case '%s' has no description", c->name);
    for (size_t i = 0; i < n; i++) {
        const probe_param *p = &c->params[i];
        if (!p->description || !*p->description)
            probe_fail("parameter '%s' of '%s' has no description", p->name, c->name);
        for (const char *ch = p->name; *ch; ch++)
            if (!((*ch >= 'a' && *ch <= 'z') || (*ch >= '0' && *ch <= '9') || *ch == '_'))
                probe_fail("parameter '%s' of '%s' is not snake_case", p->name, c->name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(c->params[j].name, p->name) == 0)
                probe_fail("'%s' declares '%s' twice", c->name, p->name);
        if (p->kind == PARAM_REQUIRED && optional_seen)
            probe_fail("required parameter '%s' of '%s' follows an optional one", p->name, c->name);
        if (p->kind == PARAM_REPEATED && i + 1 != n)
            probe_fail("repeated parameter '%s' of '%s' is not the last", p->name, c->name);
        if (p->kind == PARAM_OPTIONAL) optional_seen = true;
    }
}

/* Writes text as a JSON string literal on stdout. */
static void print_json_string(const char *text) {
    putchar('"');
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '"' || *c == '\\')
            printf("\\%c", *c);
        else if (*c < 0x20)
            printf("\\u%04x", *c);
        else
            putchar(*c);
    }
    putchar('"');
}

/* `--list --json`: the public cases, in table order, with their descriptions and parameters. */
static void list_json(const probe_case *cases, size_t count) {
    const char *separator = "";
    printf("[");
    for (size_t i = 0; i < count; i++) {
        check_declaration(&cases[i]);
        if (is_helper(&cases[i])) continue;
        printf("%s\n  {\"name\": ", separator);
        print_json_string(cases[i].name);
        printf(", \"description\": ");
        print_json_string(cases[i].description);
        printf(", \"params\": [");
        for (size_t j = 0; j < param_count(&cases[i]); j++) {
            const probe_param *p = &cases[i].params[j];
            printf("%s{\"name\": ", j ? ", " : "");
            print_json_string(p->name);
            printf(", \"description\": ");
            print_json_string(p->description);
            printf(", \"required\": %s, \"repeated\": %s}", p->kind == PARAM_OPTIONAL ? "false" : "true",
                   p->kind == PARAM_REPEATED ? "true" : "false");
        }
        printf("]}");
        separator = ",";
    }
    printf("\n]\n");
}

/* The arguments must cover the required parameters and not outnumber the declared ones. */
static void check_arguments(const probe_case *c, int argc) {
    size_t declared = param_count(c), required = 0;
    while (required < declared && c->params[required].kind != PARAM_OPTIONAL) required++;
    bool repeated = declared > 0 && c->params[declared - 1].kind == PARAM_REPEATED;
    if ((size_t)argc < required)
        probe_usage("missing argument '%s' (%s)", c->params[argc].name, c->params[argc].description);
    if ((size_t)argc > declared && !repeated) {
        if (declared == 0) probe_usage("takes no arguments, got %d", argc);
        char names[256] = "";
        for (size_t i = 0; i < declared; i++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? " " : "",
                     c->params[i].name);
        probe_usage("takes at most %zu argument%s (%s), got %d", declared, declared == 1 ? "" : "s", names,
                    argc);
    }
}

int probe_main(int argc, char **argv, const probe_case *cases, size_t count) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s CASE [ARG ...] | --list [--json]\n", argv[0]);
        return 2;
    }
    if (strcmp(argv[1], "--list") == 0) {
        if (argc == 3 && strcmp(argv[2], "--json") == 0) {
            list_json(cases, count);
            return 0;
        }
        if (argc != 2) {
            fprintf(stderr, "usage: %s --list [--json]\n", argv[0]);
            return 2;
        }
        for (size_t i = 0; i < count; i++)
            if (!is_helper(&cases[i])) printf("%s\n", cases[i].name);
        return 0;
    }
    for (size_t i = 0; i < count; i++) {
        if (strcmp(argv[1], cases[i].name) == 0) {
            current_case = cases[i].name;
            check_arguments(&cases[i], argc - 2);
            owner_pid = getpid();
            umask(077); /* every object this probe makes is private unless a case says otherwise */
            install_handlers();
            atexit(cleanup_run);
            cases[i].run(argc - 2, argv + 2);
            return 0;
        }
    }
    fprintf(stderr, "unknown case '%s' (try --list)\n", argv[1]);
    return 2;
}
