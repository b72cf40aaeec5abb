/* Event output and start-up of the tracer: reads its settings and opens the trace file once, in
 * a constructor, so that no wrapper ever allocates or opens anything later. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tracer.h"

static int trace_fd = -1;
int tracer_first_pid;
bool perturb_sleeps;
int perturb_fork_jitter_ms;
bool perturb_short_transfers;
static unsigned random_state;

void *tracer_next(const char *name) { return dlsym(RTLD_NEXT, name); }

unsigned tracer_random(void) {
    /* xorshift: good enough to pick sizes and delays, and needs no lock or libc state. */
    unsigned x = random_state ? random_state : 2463534242u;
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    random_state = x;
    return x;
}

void tracer_pause_ms(int ms) {
    struct timespec pause = {ms / 1000, (long)(ms % 1000) * 1000000L};
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &pause, NULL);
}

static void parse_perturbation(const char *spec) {
    /* "sleeps,fork=20,short": each item optional. */
    for (const char *item = spec; item && *item; item = strchr(item, ',') ? strchr(item, ',') + 1 : NULL) {
        if (strncmp(item, "sleeps", 6) == 0)
            perturb_sleeps = true;
        else if (strncmp(item, "short", 5) == 0)
            perturb_short_transfers = true;
        else if (strncmp(item, "fork=", 5) == 0)
            perturb_fork_jitter_ms = atoi(item + 5);
    }
}

__attribute__((constructor)) static void tracer_start(void) {
    tracer_first_pid = (int)getpid();
    const char *path = getenv("IPC_EXERCISE_TRACE");
    if (path) trace_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    parse_perturbation(getenv("IPC_EXERCISE_PERTURB"));
    /* The kernel's randomness: in a sandbox every program is PID 2, so the pid adds nothing, and
     * a clock read right after exec varies too little in the bits the first draws depend on. */
    if (getrandom(&random_state, sizeof random_state, GRND_NONBLOCK) != (ssize_t)sizeof random_state) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        random_state = (unsigned)now.tv_nsec ^ ((unsigned)getpid() << 16);
    }
}

static void append(trace_line *line, const char *text) {
    size_t room = sizeof line->text - 2 - line->length; /* keep space for "}\n" */
    size_t n = strlen(text);
    if (n > room) n = room;
    memcpy(line->text + line->length, text, n);
    line->length += n;
}

/* JSON string contents: anything that is not plain printable ASCII becomes '?'. */
static void append_escaped(trace_line *line, const char *text) {
    char safe[2] = {0, 0};
    for (; *text; text++) {
        safe[0] = (*text >= 0x20 && *text < 0x7f && *text != '"' && *text != '\\') ? *text : '?';
        append(line, safe);
    }
}

static void append_number(trace_line *line, long long value) {
    char digits[24];
    int at = sizeof digits - 1;
    digits[at] = 0;
    unsigned long long magnitude = value < 0 ? -(unsigned long long)value : (unsigned long long)value;
    do digits[--at] = (char)('0' + magnitude % 10);
    while ((magnitude /= 10) && at > 1);
    if (value < 0) digits[--at] = '-';
    append(line, digits + at);
}

void line_start(trace_line *line, const char *event) {
    line->length = 0;
    append(line, "{\"pid\":");
    append_number(line, (long long)syscall(SYS_getpid));
    append(line, ",\"ev\":\"");
    append(line, event);
    append(line, "\"");
}

static void append_key(trace_line *line, const char *key) {
    append(line, ",\"");
    append(line, key);
    append(line, "\":");
}

void line_str(trace_line *line, const char *key, const char *value) {
    append_key(line, key);
    append(line, "\"");
    append_escaped(line, value ? value : "");
    append(line, "\"");
}

void line_int(trace_line *line, const char *key, long long value) {
    append_key(line, key);
    append_number(line, value);
}

void line_bool(trace_line *line, const char *key, bool value) {
    append_key(line, key);
    append(line, value ? "true" : "false");
}

void line_emit(trace_line *line) {
    if (trace_fd < 0) return;
    int saved_errno = errno; /* the wrapped call's errno is what the program reads next */
    line->text[line->length++] = '}';
    line->text[line->length++] = '\n';
    /* One write on an O_APPEND file: lines of concurrent processes never interleave. */
    syscall(SYS_write, trace_fd, line->text, line->length);
    errno = saved_errno;
}
