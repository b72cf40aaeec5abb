/* Signal handlers: every handler the program installs runs inside a trampoline that keeps a depth
 * count, so the wrappers of functions that are not async-signal-safe (signal-safety(7)) can tell
 * that they were called from a handler, and record it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracer.h"

volatile sig_atomic_t tracer_handler_depth;
volatile sig_atomic_t tracer_current_signal;

/* The program's own handlers, by signal number, and whether they take three arguments. */
static void *program_handlers[_NSIG];
static int program_flags[_NSIG];

static void trampoline(int signal_number, siginfo_t *info, void *context) {
    sig_atomic_t outer = tracer_current_signal;
    tracer_handler_depth++;
    tracer_current_signal = signal_number;
    void *handler = program_handlers[signal_number];
    if (program_flags[signal_number] & SA_SIGINFO)
        ((void (*)(int, siginfo_t *, void *))handler)(signal_number, info, context);
    else if (handler)
        ((void (*)(int))handler)(signal_number);
    tracer_current_signal = outer;
    tracer_handler_depth--;
}

static bool is_function(void *handler) {
    return handler != (void *)SIG_DFL && handler != (void *)SIG_IGN && handler != NULL;
}

int sigaction(int signal_number, const struct sigaction *action, struct sigaction *old) {
    if (signal_number <= 0 || signal_number >= _NSIG) return REAL(sigaction)(signal_number, action, old);
    void *previous = program_handlers[signal_number];
    int previous_flags = program_flags[signal_number];
    struct sigaction wrapped;
    const struct sigaction *installed = action;
    void *handler =
        action ? ((action->sa_flags & SA_SIGINFO) ? (void *)action->sa_sigaction : (void *)action->sa_handler)
               : NULL;
    if (action && is_function(handler)) {
        wrapped = *action;
        wrapped.sa_sigaction = trampoline;
        wrapped.sa_flags |= SA_SIGINFO;
        installed = &wrapped;
    }
    int result = REAL(sigaction)(signal_number, installed, old);
    if (result != 0) return result;
    /* The program sees its own handler and flags, never the trampoline. */
    if (old && old->sa_sigaction == trampoline) {
        old->sa_flags = previous_flags;
        if (previous_flags & SA_SIGINFO)
            old->sa_sigaction = (void (*)(int, siginfo_t *, void *))previous;
        else
            old->sa_handler = (void (*)(int))previous;
    }
    if (action) {
        program_handlers[signal_number] = is_function(handler) ? handler : NULL;
        program_flags[signal_number] = action->sa_flags;
    }
    return 0;
}

/* glibc's signal() has BSD semantics (SA_RESTART) and reaches sigaction internally, past this
 * library; so it is rebuilt here on the wrapped sigaction. */
sighandler_t signal(int signal_number, sighandler_t handler) {
    struct sigaction action, old;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, signal_number);
    if (sigaction(signal_number, &action, &old) != 0) return SIG_ERR;
    return old.sa_handler;
}

/* ---- functions that must not be called from a handler -------------------------------------- */
static int unsafe_events;

static void note_unsafe(const char *function) {
    if (tracer_handler_depth <= 0 || unsafe_events >= 64) return;
    unsafe_events++;
    trace_line line;
    line_start(&line, "unsafe-in-handler");
    line_str(&line, "function", function);
    line_int(&line, "signal", tracer_current_signal);
    line_emit(&line);
}

int printf(const char *format, ...) {
    note_unsafe("printf");
    va_list args;
    va_start(args, format);
    int result = REAL(vprintf)(format, args);
    va_end(args);
    return result;
}

int fprintf(FILE *stream, const char *format, ...) {
    note_unsafe("fprintf");
    va_list args;
    va_start(args, format);
    int result = REAL(vfprintf)(stream, format, args);
    va_end(args);
    return result;
}

int vprintf(const char *format, va_list args) {
    note_unsafe("vprintf");
    return REAL(vprintf)(format, args);
}

int vfprintf(FILE *stream, const char *format, va_list args) {
    note_unsafe("vfprintf");
    return REAL(vfprintf)(stream, format, args);
}

int puts(const char *text) {
    note_unsafe("puts");
    return REAL(puts)(text);
}

int fputs(const char *text, FILE *stream) {
    note_unsafe("fputs");
    return REAL(fputs)(text, stream);
}

int putchar(int c) {
    note_unsafe("putchar");
    return REAL(putchar)(c);
}

int fputc(int c, FILE *stream) {
    note_unsafe("fputc");
    return REAL(fputc)(c, stream);
}

size_t fwrite(const void *data, size_t size, size_t count, FILE *stream) {
    note_unsafe("fwrite");
    return REAL(fwrite)(data, size, count, stream);
}

int fflush(FILE *stream) {
    note_unsafe("fflush");
    return REAL(fflush)(stream);
}

void perror(const char *text) {
    note_unsafe("perror");
    REAL(perror)(text);
}

/* glibc's own entry points: no dlsym, which itself may allocate, on the allocation path. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

void *malloc(size_t size) {
    note_unsafe("malloc");
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    note_unsafe("calloc");
    return __libc_calloc(count, size);
}

void *realloc(void *memory, size_t size) {
    note_unsafe("realloc");
    return __libc_realloc(memory, size);
}

void free(void *memory) {
    note_unsafe("free");
    __libc_free(memory);
}

void exit(int status) {
    note_unsafe("exit");
    REAL(exit)(status);
    __builtin_unreachable();
}
