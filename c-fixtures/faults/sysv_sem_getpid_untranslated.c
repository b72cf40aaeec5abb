/* Fault shim (LD_PRELOAD): semctl(GETPID) gives the last operator's pid in its own,
 * innermost PID namespace (the last NSpid field of /proc/PID/status) instead of the reader's
 * number for it. Breaks the translation of pids between PID namespaces (pid_namespaces(7)), so the
 * kit must report sysv-sem.isolation.sempid-set-inside-a-pid-namespace-reads-as-the-parent-
 * namespace-pid-outside as failed; a pid read as 0 (no pid in the reader's namespace) is left alone. */
#include <dlfcn.h>
#include <stdarg.h>
#include <sys/sem.h>

#include "faults/innermost_pid.h"

/* GETPID takes no fourth argument; any other command passes it on (one word: semctl(2)'s union). */
int semctl(int set, int number, int command, ...) {
    static int (*real_semctl)(int, int, int, ...);
    if (!real_semctl) real_semctl = (int (*)(int, int, int, ...))dlsym(RTLD_NEXT, "semctl");
    if (command != GETPID) {
        va_list rest;
        va_start(rest, command);
        void *fourth = va_arg(rest, void *);
        va_end(rest);
        return real_semctl(set, number, command, fourth);
    }
    int result = real_semctl(set, number, command);
    return result > 0 ? innermost_pid(result) : result;
}
