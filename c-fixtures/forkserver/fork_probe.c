// Loaded by the FFI fork server (runners/ffi/forkServer.ts) through koffi: makes the process an
// FFI probe runs in by forking the server, which has Node, koffi and every mechanism's bindings
// loaded already. Starting Node for each FFI probe cost ~65 ms of CPU, a fork costs ~2 ms.
//
// Both steps are here, in C, because no JavaScript may run between them: V8 marks its heap
// MADV_DONTFORK (a forked child would fault on its first touch of it), and the heap can grow at
// any allocation, so the advice is undone for every mapping right before the fork.
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

/** Every mapping of this process copied into a child again (MADV_DOFORK). */
static int allow_fork_of_every_mapping(void) {
    FILE *maps = fopen("/proc/self/maps", "re");
    if (!maps) return -1;
    char line[512];
    unsigned long start, end;
    while (fgets(line, sizeof line, maps))
        // Mappings the kernel refuses the advice for (VM_IO: vvar) are not copied anyway.
        if (sscanf(line, "%lx-%lx", &start, &end) == 2)
            (void)madvise((void *)start, end - start, MADV_DOFORK);
    fclose(maps);
    return 0;
}

/** Opens `path` onto descriptor `target` (0600, truncated); 0 or -1. */
static int open_onto(const char *path, int flags, int target) {
    int fd = open(path, flags | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    int result = dup2(fd, target); // the duplicate is not close-on-exec
    close(fd);
    return result < 0 ? -1 : 0;
}

/**
 * Forks a probe process: in the child (return 0) it leads a process group of its own (so a
 * timeout ends it and whatever it forked, as for a spawned probe), dies with the server, reads
 * /dev/null and writes its stdout and stderr to the two files. Returns the child's pid in the
 * server, -1 with errno if it cannot fork.
 */
pid_t fork_probe_process(const char *stdout_path, const char *stderr_path) {
    pid_t server = getpid();
    if (allow_fork_of_every_mapping() != 0) return -1;
    pid_t pid = fork();
    if (pid != 0) {
        if (pid > 0) (void)setpgid(pid, pid); // also here, so the group exists when the pid is reported
        return pid;
    }
    if (setpgid(0, 0) != 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != server) _exit(125);
    if (open_onto("/dev/null", O_RDONLY, 0) != 0 ||
        open_onto(stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 1) != 0 ||
        open_onto(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 2) != 0)
        _exit(126);
    return 0;
}
