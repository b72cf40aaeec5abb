/* Hostile: tries to kill the machine's process argv[2] by pid, then every process it can reach. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    FILE *out = fopen(argv[1], "w");
    if (!out) return 1;
    pid_t target = (pid_t)atoi(argv[2]);
    int by_pid = kill(target, SIGKILL);
    fprintf(out, "kill(%d): %s\n", (int)target, by_pid == 0 ? "sent" : strerrorname_np(errno));
    fclose(out);
    kill(-1, SIGKILL); /* every process this one may signal, itself excluded */
    return 0;
}
