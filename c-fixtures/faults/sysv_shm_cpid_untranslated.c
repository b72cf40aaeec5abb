/* Fault shim (LD_PRELOAD): shmctl(IPC_STAT) gives shm_cpid as the creator's pid in its own,
 * innermost PID namespace (the last NSpid field of /proc/PID/status) instead of the reader's
 * number for it. Breaks the translation of pids between PID namespaces (pid_namespaces(7)), so the
 * kit must report sysv-shm.isolation.shm-cpid-set-inside-a-pid-namespace-reads-as-the-parent-
 * namespace-pid-outside as failed; a pid read as 0 (no pid in the reader's namespace) is left alone. */
#include <dlfcn.h>
#include <sys/shm.h>

#include "faults/innermost_pid.h"

int shmctl(int segment, int command, struct shmid_ds *status) {
    static int (*real_shmctl)(int, int, struct shmid_ds *);
    if (!real_shmctl) real_shmctl = (int (*)(int, int, struct shmid_ds *))dlsym(RTLD_NEXT, "shmctl");
    int result = real_shmctl(segment, command, status);
    if (result == 0 && command == IPC_STAT && status && status->shm_cpid > 0)
        status->shm_cpid = innermost_pid(status->shm_cpid);
    return result;
}
