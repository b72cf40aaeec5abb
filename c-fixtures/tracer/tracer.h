/* The exercise tracer: an LD_PRELOAD library the exercise runner loads into a student's program to
 * observe what it does (objects it creates and their modes, ftok failures, calls made inside signal
 * handlers, binds beyond loopback, children left unreaped) and, when asked, to perturb its
 * scheduling (sleeps that return at once, jitter after fork, short transfers). Events go as JSON
 * lines to the file named by IPC_EXERCISE_TRACE; everything here is async-signal-safe, because the
 * wrapped calls may run inside the student's signal handlers. */
#ifndef IPC_CONFORMANCE_TRACER_H
#define IPC_CONFORMANCE_TRACER_H

#include <dlfcn.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/* The next definition of a symbol (libc's), looked up once. */
#define REAL(name) ((__typeof__(&name))tracer_next(#name))
void *tracer_next(const char *name);

/* ---- events: a line is built in a stack buffer, then written with one write(2) --------------- */
typedef struct {
    char text[512];
    size_t length;
} trace_line;

void line_start(trace_line *line, const char *event);
void line_str(trace_line *line, const char *key, const char *value);
void line_int(trace_line *line, const char *key, long long value);
void line_bool(trace_line *line, const char *key, bool value);
void line_emit(trace_line *line);

/* ---- state shared by the parts -------------------------------------------------------------- */
/* Depth of signal handlers running in this thread (the wrappers of sigaction/signal keep it). */
extern volatile sig_atomic_t tracer_handler_depth;
/* The signal whose handler runs now (innermost), or 0. */
extern volatile sig_atomic_t tracer_current_signal;
/* Perturbation settings parsed from IPC_EXERCISE_PERTURB. */
extern bool perturb_sleeps;
extern int perturb_fork_jitter_ms;
extern bool perturb_short_transfers;
/* A small pseudo-random generator (no libc state, so safe anywhere). */
unsigned tracer_random(void);
/* Sleeps without going through the (possibly wrapped) libc sleep functions. */
void tracer_pause_ms(int ms);
/* The pid of the program's first process (the one the runner started). */
extern int tracer_first_pid;

#endif
