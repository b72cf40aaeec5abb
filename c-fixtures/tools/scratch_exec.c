/* scratch_exec: runs one command the way the host runner does (runners/process/runCommand.ts), but
 * from inside a container, where killing the `docker exec` client would not reach the command:
 * a scratch TMPDIR of its own (removed afterwards), its own process group, and a hard time limit
 * (SIGTERM to the group, SIGKILL 500 ms later). The outcome is mapped to exit codes:
 *   the command's exit status; 128+N and "scratch_exec: killed by signal N" on stderr when a
 *   signal ended it; 124 and "scratch_exec: timed out" when the limit was reached.
 * COMMAND is looked up in PATH like a shell would.
 * usage: scratch_exec TIMEOUT_MS COMMAND [ARG ...] */
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *walk) {
    (void)st, (void)type, (void)walk;
    remove(path);
    return 0;
}

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waits for child until deadline_ms; true when it ended (status stored). */
static int wait_until(pid_t child, long long deadline_ms, int *status) {
    for (;;) {
        pid_t done = waitpid(child, status, WNOHANG);
        if (done == child) return 1;
        if (done < 0 && errno != EINTR) return 1;
        if (now_ms() >= deadline_ms) return 0;
        usleep(2000);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: scratch_exec TIMEOUT_MS COMMAND [ARG ...]\n");
        return 2;
    }
    long long timeout_ms = strtoll(argv[1], NULL, 10);
    char scratch[] = "/tmp/ipc-conformance-run-XXXXXX";
    umask(077);
    if (!mkdtemp(scratch)) {
        fprintf(stderr, "scratch_exec: mkdtemp: %s\n", strerror(errno));
        return 125;
    }
    setenv("TMPDIR", scratch, 1);

    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "scratch_exec: fork: %s\n", strerror(errno));
        rmdir(scratch);
        return 125;
    }
    if (child == 0) {
        setpgid(0, 0);
        execvp(argv[2], argv + 2); /* PATH: `node` lives in different places in different images */
        fprintf(stderr, "scratch_exec: cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    setpgid(child, child);

    int status = 0, timed_out = 0;
    if (!wait_until(child, now_ms() + timeout_ms, &status)) {
        timed_out = 1;
        kill(-child, SIGTERM);
        if (!wait_until(child, now_ms() + 500, &status)) {
            kill(-child, SIGKILL);
            waitpid(child, &status, 0);
        }
    }
    kill(-child, SIGKILL); /* helpers the command left in its group */
    nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);

    if (timed_out) {
        fprintf(stderr, "scratch_exec: timed out\n");
        return 124;
    }
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "scratch_exec: killed by signal %d\n", WTERMSIG(status));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}
