/* Running one case of this program in a fresh process of its own (re-executed through
 * /proc/self/exe), for `series` and `pairs`. A fresh process gets the probe runtime whole — its own
 * observation, cleanup registry, watchdog and CPU mask — so measurements never share leftovers, and
 * one that breaks cannot take the others with it. */
#ifndef BENCH_ISOLATED_H
#define BENCH_ISOLATED_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int status; /* exit status, or 128 + the signal that ended it */
    char *out;  /* everything it wrote on stdout (NUL-terminated; free it) */
    size_t out_length;
    char errors[1024]; /* its stderr, lines joined with "; " */
} isolated_outcome;

/* Runs `program CASE ARG...` (argv[0] is the case name) with its watchdog set to watchdog_s and
 * the NAME=VALUE strings of extra_env (NULL-terminated, may be NULL) added to its environment.
 * If this process is told to stop meanwhile, the case is asked first (SIGTERM) so that it removes
 * what it made. */
isolated_outcome run_isolated(char *const argv[], int64_t watchdog_s, char *const extra_env[]);
void isolated_outcome_free(isolated_outcome *outcome);

/* A one-line reason for an outcome that did not succeed: its stderr, or how it ended. */
const char *isolated_failure_reason(const isolated_outcome *outcome, char *out, size_t size);

#endif
