/* For the fault shims that undo the translation of pids between PID namespaces: a process's pid
 * as its own, innermost namespace numbers it (the last NSpid field of /proc/PID/status), where the
 * kernel gives the reader its own namespace's number. One copy, included by each such shim (a
 * shim is built from its one .c file). */
#ifndef IPC_CONFORMANCE_FAULTS_INNERMOST_PID_H
#define IPC_CONFORMANCE_FAULTS_INNERMOST_PID_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* `pid` (a number in the reader's namespace) as the process's innermost namespace numbers it; `pid`
 * itself when /proc cannot say. */
static inline pid_t innermost_pid(pid_t pid) {
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

#endif
