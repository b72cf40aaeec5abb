/* series LINE...: runs sub-cases one after another and prints one observation per line, in order.
 * Every line is checked before any runs (an unknown case or bad argument is a usage error and
 * nothing runs). Each line then runs in a process of its own (isolated.h) with a watchdog
 * sized for it; a line that breaks still gets its observation — value null, the errno when its
 * message names one, evidence.error — and the series goes on, so one broken mechanism does not
 * cost a repetition of all the others. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cases.h"
#include "isolated.h"
#include "common/probe.h"

#define MAX_WORDS 16
/* How a failed line is reported: re-run with these set, the case prints the failure (with its
 * own case name) instead of measuring. Internal to series. */
#define FAILED_REASON_VARIABLE "IPC_BENCH_SERIES_FAILED_REASON"
#define FAILED_ERRNO_VARIABLE  "IPC_BENCH_SERIES_FAILED_ERRNO"

typedef struct {
    char *words[MAX_WORDS + 1]; /* NULL-terminated: the case name, then its arguments */
    int count;
    const bench_case *entry;
    bench_args args;
} series_line;

static void split_line(const char *text, series_line *line) {
    char *copy = strdup(text);
    if (!copy) probe_fail("out of memory");
    line->count = 0;
    for (char *word = strtok(copy, " \t"); word; word = strtok(NULL, " \t")) {
        if (line->count == MAX_WORDS) probe_usage("line '%s' has more than %d words", text, MAX_WORDS);
        line->words[line->count++] = word;
    }
    line->words[line->count] = NULL;
    if (line->count == 0) probe_usage("an empty line");
}

/* The errno whose name (EAGAIN, EPIPE …) comes first among the words of a message, or 0. */
static int errno_in(const char *message) {
    for (const char *at = message; *at; at++) {
        if (*at != 'E' ||
            (at > message && ((at[-1] >= 'A' && at[-1] <= 'Z') || (at[-1] >= '0' && at[-1] <= '9'))))
            continue;
        size_t length = 1;
        while ((at[length] >= 'A' && at[length] <= 'Z') || (at[length] >= '0' && at[length] <= '9')) length++;
        for (int err = 1; err < 134; err++) {
            const char *name = errno_name(err);
            if (strlen(name) == length && strncmp(name, at, length) == 0) return err;
        }
    }
    return 0;
}

/* The observation of a broken line, printed by a re-run of the same case (see above). */
static void report_broken(series_line *line, const char *reason) {
    static char reason_env[1200], errno_env[64];
    snprintf(reason_env, sizeof reason_env, "%s=%s", FAILED_REASON_VARIABLE, reason);
    snprintf(errno_env, sizeof errno_env, "%s=%d", FAILED_ERRNO_VARIABLE, errno_in(reason));
    char *extra[] = {reason_env, errno_env, NULL};
    isolated_outcome outcome = run_isolated(line->words, 10, extra);
    if (outcome.status != 0 || outcome.out_length == 0)
        probe_fail("cannot report the failure of '%s': %s", line->words[0], reason);
    fwrite(outcome.out, 1, outcome.out_length, stdout);
    fflush(stdout);
    isolated_outcome_free(&outcome);
}

/* Exactly one line that looks like an observation. */
static bool one_observation(const isolated_outcome *outcome) {
    const char *newline = memchr(outcome->out, '\n', outcome->out_length);
    return outcome->out_length > 2 && outcome->out[0] == '{' &&
           newline == outcome->out + outcome->out_length - 1;
}

void series_run(const bench_args *args) {
    int argc = args->line_count;
    char **argv = args->lines;
    series_line *lines = calloc((size_t)argc, sizeof *lines);
    if (!lines) probe_fail("out of memory");
    for (int i = 0; i < argc; i++) {
        split_line(argv[i], &lines[i]);
        lines[i].entry = bench_case_named(lines[i].words[0]);
        if (!lines[i].entry || strcmp(lines[i].words[0], "series") == 0)
            probe_usage("line %d: unknown case '%s' (try --list)", i + 1, lines[i].words[0]);
        lines[i].entry->parse(lines[i].count - 1, lines[i].words + 1, &lines[i].args);
    }
    for (int i = 0; i < argc; i++) {
        series_line *line = &lines[i];
        int64_t budget = line->entry->budget_s(&line->args);
        isolated_outcome outcome = run_isolated(line->words, budget, NULL);
        if (outcome.status == 0 && one_observation(&outcome)) {
            fwrite(outcome.out, 1, outcome.out_length, stdout);
            fflush(stdout);
        } else {
            char reason[1100];
            isolated_failure_reason(&outcome, reason, sizeof reason);
            if (outcome.status ==
                3) /* the runtime's exit status after its watchdog or a termination signal */
                snprintf(reason + strlen(reason), sizeof reason - strlen(reason), "; its watchdog was %lld s",
                         (long long)budget);
            report_broken(line, reason);
        }
        isolated_outcome_free(&outcome);
        /* In a pid namespace this process may be pid 1, the parent of orphans: reap them. */
        while (waitpid(-1, NULL, WNOHANG) > 0) {
        }
    }
    free(lines);
}

bool series_failure_requested(const char *name, int argc, char **argv) {
    const char *reason = getenv(FAILED_REASON_VARIABLE);
    if (!reason) return false;
    const char *err = getenv(FAILED_ERRNO_VARIABLE);
    char line[1024];
    int used = snprintf(line, sizeof line, "%s", name);
    for (int i = 0; i < argc && used >= 0 && (size_t)used < sizeof line; i++)
        used += snprintf(line + used, sizeof line - (size_t)used, " %s", argv[i]);
    obs_errno(err ? atoi(err) : 0);
    obs_evidence_str("error", reason);
    obs_evidence_str("sub_case", line);
    obs_emit();
    return true;
}
