/* Fault shim (LD_PRELOAD): shmctl(IPC_STAT) gives shm_cpid as the creator's pid in its own,
 * innermost PID namespace (the last NSpid field of /proc/PID/status) instead of the reader's
 * number for it. Breaks the translation of pids between PID namespaces (pid_namespaces(7)), so the
 * kit must report sysv-shm.isolation.shm-cpid-set-inside-a-pid-namespace-reads-as-the-parent-
 * namespace-pid-outside as failed; a pid read as 0 (no pid in the reader's namespace) is left alone. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>

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

int shmctl(int segment, int command, struct shmid_ds *status) {
    static int (*real_shmctl)(int, int, struct shmid_ds *);
    if (!real_shmctl) real_shmctl = (int (*)(int, int, struct shmid_ds *))dlsym(RTLD_NEXT, "shmctl");
    int result = real_shmctl(segment, command, status);
    if (result == 0 && command == IPC_STAT && status && status->shm_cpid > 0)
        status->shm_cpid = innermost(status->shm_cpid);
    return result;
}
