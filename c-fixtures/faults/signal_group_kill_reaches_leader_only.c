/* Fault shim (LD_PRELOAD): kill() with a negative pid (a process group) signals only the group's
 * leader. Breaks kill(2)'s "sig is sent to every process in the process group", so the kit must
 * report the kill(-pgid) property as failed with 1 process reached, and leave killpg (which glibc
 * implements without calling the exported kill) passing. */
#include <dlfcn.h>
#include <signal.h>
#include <sys/types.h>

int kill(pid_t pid, int sig) {
    static int (*real_kill)(pid_t, int);
    if (!real_kill) real_kill = (int (*)(pid_t, int))dlsym(RTLD_NEXT, "kill");
    if (pid < -1) return real_kill(-pid, sig);
    return real_kill(pid, sig);
}
