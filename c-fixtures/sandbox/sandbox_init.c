/* sandbox_init: the first process (PID 1) of an exercise sandbox. bubblewrap starts it with
 * --as-pid-1 inside the sandbox's fresh namespaces; it starts the student's program, sends it the
 * exercise's signals while (and only while) it runs, and waits until every process of the run has
 * ended — the program and whatever it started, since orphans, setsid() ones included, come to PID
 * 1 — or the time limit has passed; then it kills everything left in the PID namespace, so nothing
 * outlives the run or stretches it past its limit. Then, while the namespaces still exist, it lists
 * what the program left in them and prints one JSON line on stdout for the kit.
 *
 * usage: sandbox_init LIMIT_MS [SIGNAL EVERY_MS | - 0] -- PROGRAM [ARGS...]
 *   IPC_EXERCISE_PRELOAD names the tracer: it becomes LD_PRELOAD for the program only.
 *
 * It is trusted code running beside untrusted code under the same uid, so it makes itself
 * non-dumpable: the program cannot then open /proc/1/fd or /proc/1/mem and forge the report. As
 * PID 1 of its namespace it only receives the signals it has handlers for, and it installs none. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Before the program installs its handler a signal would end it by its default action, which says
 * nothing about the program; so signals start once its handler is seen, or after this long. */
#define ARMING_LIMIT_MS 1000

static long long now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static int signal_number(const char *name) {
    static const struct {
        const char *name;
        int number;
    } known[] = {
        {"SIGUSR1", SIGUSR1}, {"SIGUSR2", SIGUSR2}, {"SIGALRM", SIGALRM},
        {"SIGINT", SIGINT},   {"SIGTERM", SIGTERM},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].name, name) == 0) return known[i].number;
    return 0;
}

/* Whether `pid` has a handler for `sig` (the SigCgt mask of /proc/PID/status). */
static bool catches(pid_t pid, int sig) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *status = fopen(path, "r");
    if (!status) return false;
    bool caught = false;
    while (fgets(line, sizeof line, status)) {
        if (strncmp(line, "SigCgt:", 7) == 0) {
            unsigned long long mask = strtoull(line + 7, NULL, 16);
            caught = (mask >> (sig - 1)) & 1ULL;
            break;
        }
    }
    fclose(status);
    return caught;
}

static const char *signal_name(int sig) {
    const char *abbrev = sigabbrev_np(sig);
    static char name[32];
    snprintf(name, sizeof name, "SIG%s", abbrev ? abbrev : "UNKNOWN");
    return name;
}

/* Prints `text` as a JSON string. */
static void json_string(const char *text) {
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

/* The rows of /proc/sysvipc/KIND (after its header) as "KIND KEY ID PERMS". */
static void list_sysv(const char *kind, bool *first) {
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/sysvipc/%s", kind);
    FILE *table = fopen(path, "r");
    if (!table) return;
    bool header = true;
    while (fgets(line, sizeof line, table)) {
        if (header) {
            header = false;
            continue;
        }
        long long key = 0, id = 0;
        unsigned perms = 0;
        if (sscanf(line, "%lld %lld %o", &key, &id, &perms) != 3) continue;
        char row[128];
        snprintf(row, sizeof row, "%s %lld %lld %o", kind, key, id, perms);
        if (!*first) putchar(',');
        *first = false;
        json_string(row);
    }
    fclose(table);
}

static void list_names(const char *folder, bool *first) {
    DIR *dir = opendir(folder);
    if (!dir) return;
    for (struct dirent *entry; (entry = readdir(dir));) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        char row[512];
        snprintf(row, sizeof row, "%s/%s", folder, entry->d_name);
        if (!*first) putchar(',');
        *first = false;
        json_string(row);
    }
    closedir(dir);
}

/* Ends every other process of the namespace and reaps them all (bounded: a process stuck in the
 * kernel must not hold the report back for ever; the kit's cgroup kill is behind this one). */
static void end_the_rest(void) {
    kill(-1, SIGKILL);
    long long deadline = now_ms() + 2000;
    while (now_ms() < deadline) {
        pid_t reaped = waitpid(-1, NULL, WNOHANG);
        if (reaped < 0 && errno == ECHILD) return;
        if (reaped <= 0) {
            struct timespec pause = {0, 2 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
    }
}

static pid_t start_program(char **argv, const sigset_t *original_mask) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    sigprocmask(SIG_SETMASK, original_mask, NULL);
    /* The report goes out on stdout; the program's stdout goes nowhere. */
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    if (null > STDOUT_FILENO) close(null);
    umask(022);
    const char *tracer = getenv("IPC_EXERCISE_PRELOAD");
    if (tracer && *tracer) setenv("LD_PRELOAD", tracer, 1);
    unsetenv("IPC_EXERCISE_PRELOAD");
    execv(argv[0], argv);
    fprintf(stderr, "sandbox: cannot start %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

int main(int argc, char **argv) {
    if (argc < 6 || strcmp(argv[4], "--") != 0) {
        fprintf(stderr, "usage: sandbox_init LIMIT_MS SIGNAL|- EVERY_MS -- PROGRAM [ARGS...]\n");
        return 2;
    }
    long long limit_ms = strtoll(argv[1], NULL, 10);
    int sig = strcmp(argv[2], "-") == 0 ? 0 : signal_number(argv[2]);
    long long every_ms = strtoll(argv[3], NULL, 10);
    if (limit_ms <= 0 || (strcmp(argv[2], "-") != 0 && (sig == 0 || every_ms <= 0))) {
        fprintf(stderr, "sandbox_init: bad limit or signal setting\n");
        return 2;
    }
    prctl(PR_SET_DUMPABLE, 0);

    sigset_t chld, original;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &original);

    long long started = now_ms();
    pid_t program = start_program(argv + 5, &original);
    if (program < 0) {
        fprintf(stderr, "sandbox_init: fork: %s\n", strerror(errno));
        return 1;
    }

    int status = 0;
    bool reaped = false, all_ended = false, timed_out = false, armed = sig == 0;
    long signals_sent = 0;
    long long next_signal = started + every_ms;
    while (!all_ended) {
        long long now = now_ms();
        if (now >= started + limit_ms) {
            timed_out = true;
            break;
        }
        long long wake = started + limit_ms;
        if (sig && !reaped && next_signal < wake) wake = next_signal;
        long long wait_ms = wake > now ? wake - now : 0;
        struct timespec timeout = {wait_ms / 1000, (wait_ms % 1000) * 1000000};
        sigtimedwait(&chld, NULL, &timeout);
        for (;;) {
            int ended_status = 0;
            pid_t pid = waitpid(-1, &ended_status, WNOHANG);
            if (pid < 0 && errno == ECHILD) all_ended = true;
            if (pid <= 0) break;
            if (pid == program) {
                reaped = true;
                status = ended_status;
            }
        }
        /* The program is reaped: not one signal more (its pid may already name another process). */
        if (reaped || !sig || now_ms() < next_signal) continue;
        if (!armed) armed = catches(program, sig) || now_ms() - started > ARMING_LIMIT_MS;
        if (armed && kill(program, sig) == 0) signals_sent++;
        next_signal = now_ms() + every_ms;
    }
    long long elapsed = now_ms() - started;
    end_the_rest();

    printf("{\"timed_out\":%s,\"elapsed_ms\":%lld,\"signals_sent\":%ld,", timed_out ? "true" : "false",
           elapsed, signals_sent);
    if (reaped && WIFEXITED(status))
        printf("\"exit_code\":%d,\"signal\":null,", WEXITSTATUS(status));
    else if (reaped && WIFSIGNALED(status))
        printf("\"exit_code\":null,\"signal\":\"%s\",", signal_name(WTERMSIG(status)));
    else
        printf("\"exit_code\":null,\"signal\":null,");
    printf("\"sysv\":[");
    bool first = true;
    list_sysv("msg", &first);
    list_sysv("shm", &first);
    list_sysv("sem", &first);
    printf("],\"posix\":[");
    first = true;
    list_names("/dev/shm", &first);
    list_names("/dev/mqueue", &first);
    printf("]}\n");
    fflush(stdout);
    return 0;
}
