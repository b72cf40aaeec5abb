/* Fault shim (LD_PRELOAD): semctl(GETPID) gives the last operator's pid in its own,
 * innermost PID namespace (the last NSpid field of /proc/PID/status) instead of the reader's
 * number for it. Breaks the translation of pids between PID namespaces (pid_namespaces(7)), so the
 * kit must report sysv-sem.isolation.sempid-set-inside-a-pid-namespace-reads-as-the-parent-
 * namespace-pid-outside as failed; a pid read as 0 (no pid in the reader's namespace) is left alone. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <sys/sem.h>

static pid_t innermost(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *status = fopen(path, "r");
    if (!status) return pid;
    pid_t found = pid;
    while (fgets(line, sizeof line, status))
        if (strncmp(line, "NSpid:", 6) == 0) {
            char *last = strrchr(line, '\t');
            if (last) found = (pid_t)atoi(last + 1);
        }
    fclose(status);
    return found;
}

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
    return result > 0 ? innermost(result) : result;
}
