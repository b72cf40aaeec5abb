/* Shared machinery of the C probes (see c-fixtures/PROTOCOL.md): one JSON observation on stdout,
 * a watchdog, a cleanup registry that also runs on signals, helpers, and the case dispatcher. */
#ifndef IPC_CONFORMANCE_PROBE_H
#define IPC_CONFORMANCE_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- the observation ---------------------------------------------------------------------- */
void obs_value_int(int64_t value);
void obs_value_str(const char *value);
void obs_value_bool(bool value);
void obs_errno(int err);  /* 0 leaves errno null */
void obs_signal(int sig); /* 0 leaves signal null */
void obs_elapsed_ns(int64_t ns);
void obs_delay_ns(int64_t ns);
void obs_evidence_int(const char *key, int64_t value);
void obs_evidence_str(const char *key, const char *value);
void obs_evidence_bool(const char *key, bool value);
void obs_emit(void); /* prints the one JSON object; call once at the end of a case */

const char *errno_name(int err);
const char *signal_name(int sig);

/* ---- failure, cleanup and the watchdog ------------------------------------------------------ */
/* One line on stderr, cleanup, exit 1: the probe itself broke. */
_Noreturn void probe_fail(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* One line on stderr, cleanup, exit 2: the probe was called wrongly. */
_Noreturn void probe_usage(const char *format, ...) __attribute__((format(printf, 1, 2)));
void cleanup_unlink_later(const char *path);
void cleanup_kill_later(pid_t pid);
void cleanup_forget_pid(pid_t pid);

/* IPC objects a probe makes are registered at once and removed at the end, on every path (normal
 * return, probe_fail, watchdog, SIGTERM). Removing one earlier is fine: cleanup ignores errors. */
typedef enum {
    IPC_SYSV_MSG,
    IPC_SYSV_SHM,
    IPC_SYSV_SEM,
    IPC_POSIX_MQ,
    IPC_POSIX_SHM,
    IPC_POSIX_SEM
} ipc_object_kind;
void cleanup_sysv_later(ipc_object_kind kind, int id);            /* IPC_RMID on the id */
void cleanup_posix_later(ipc_object_kind kind, const char *name); /* mq_unlink/shm_unlink/sem_unlink */
/* A SysV key unique to this probe run (pid-derived, never IPC_PRIVATE); n in 0..63 picks one of 64. */
key_t probe_ipc_key(int n);
/* A POSIX IPC name unique to this probe run: "/ipc-conformance-<pid>-<tag>" (static slot, 4 live). */
const char *probe_ipc_name(const char *tag);
/* A private directory (mode 0700) under $TMPDIR, made on first use and removed at the end. */
const char *probe_tmpdir(void);
/* Joins probe_tmpdir() and name into a static buffer slot (up to 4 live paths). */
const char *probe_path(const char *name);

/* ---- processes ------------------------------------------------------------------------------ */
/* Forks a helper that runs body(arg) and exits; the pid is registered for kill+reap. */
pid_t spawn_helper(void (*body)(void *arg), void *arg);
/* Forks a helper that re-executes this program (fresh image, setsid, only non-CLOEXEC fds). */
pid_t spawn_reexec(char *const argv[]);
/* Waits for pid; returns its exit status, or 128+signal, and stores the signal (or 0). */
int reap(pid_t pid, int *signal_out);
/* Drops to uid/gid `id` with no supplementary groups, or fails the probe. */
void drop_to_uid(uid_t id);

/* ---- time and I/O --------------------------------------------------------------------------- */
int64_t monotonic_ns(void);
void sleep_ns(int64_t ns);
/* Arms a 1 s one-shot timer whose handler does nothing and does not restart calls: a call that
 * should not block fails with EINTR instead of hanging. */
void guard_arm(void);
void guard_disarm(void);
ssize_t read_full(int fd, void *buffer, size_t size); /* loops until size bytes or EOF */
ssize_t write_full(int fd, const void *buffer, size_t size);
void set_nonblocking(int fd, bool on);
long read_long_file(const char *path);

/* ---- the case table ------------------------------------------------------------------------ */
/* A case is declared once, in its program's table (<id>/probe.c): its name, what it does and
 * reports, and its parameters. `PROBE --list --json` prints the table (the kit's case manifest is
 * made from it at build time), and probe_main checks every call against it before the case runs. */
typedef enum {
    PARAM_REQUIRED, /* must be given */
    PARAM_OPTIONAL, /* may be left out, and then so must every later one: the case has a default */
    PARAM_REPEATED, /* the last parameter only: this and every further argument, at least one */
} probe_param_kind;

typedef struct {
    const char *name;        /* snake_case: the key a spec gives its value under `args` */
    const char *description; /* what it sets, with its unit, and the default when it is optional */
    probe_param_kind kind;
} probe_param;

#define PROBE_MAX_PARAMS 9

typedef struct {
    const char *name;                     /* kebab-case; "helper-..." cases are internal and not listed */
    void (*run)(int argc, char **argv);   /* argv: the arguments, in the order of params */
    const char *description;              /* what the case does and reports; NULL for a helper */
    probe_param params[PROBE_MAX_PARAMS]; /* in argv order; the list ends at the first without a name */
} probe_case;

#define PROBE_CASE(name, run, description, ...)                                                              \
    {                                                                                                        \
        name, run, description, { __VA_ARGS__ }                                                              \
    }
/* A mode the probe re-executes itself in (spawn_reexec): unlisted, called by the probe only. */
#define HELPER_CASE(name, run, ...)                                                                          \
    {                                                                                                        \
        name, run, NULL, { __VA_ARGS__ }                                                                     \
    }
#define PARAM(name, description)                                                                             \
    { name, description, PARAM_REQUIRED }
#define OPTIONAL_PARAM(name, description)                                                                    \
    { name, description, PARAM_OPTIONAL }
#define REPEATED_PARAM(name, description)                                                                    \
    { name, description, PARAM_REPEATED }
/* The optional last argument of every blocking case (PROTOCOL.md, "Blocking is observed"). */
#define DELAY_PARAM                                                                                          \
    OPTIONAL_PARAM("delay_ms", "milliseconds before the helper relieves the condition (default 200)")

/* Parses argv[index] as a non-negative integer, or `fallback` when absent; else a usage error. */
long arg_long(int argc, char **argv, int index, long fallback);
/* The blocking-case delay: optional argument `index` in ms (default 200), returned in ns. */
int64_t arg_delay_ns(int argc, char **argv, int index);

/* Runs the case argv[1] names with the arguments that follow, after checking their number against
 * its parameters; `--list` prints the public case names, `--list --json` the table (PROTOCOL.md). */
int probe_main(int argc, char **argv, const probe_case *cases, size_t count);

#endif
