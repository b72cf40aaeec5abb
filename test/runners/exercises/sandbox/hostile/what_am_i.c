/* Hostile: writes to argv[1] what it is allowed: its /proc/self/status, its environment, its uid,
 * the processes it can see, and the machine's root folders it can see. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    FILE *out = fopen(argv[1], "w");
    if (!out) return 1;
    FILE *status = fopen("/proc/self/status", "r");
    char line[512];
    while (status && fgets(line, sizeof line, status))
        if (!strncmp(line, "Cap", 3) || !strncmp(line, "NoNewPrivs", 10) || !strncmp(line, "Seccomp:", 8) ||
            !strncmp(line, "Uid", 3))
            fprintf(out, "status %s", line);
    if (status) fclose(status);
    for (char **variable = environ; *variable; variable++) fprintf(out, "env %s\n", *variable);
    fprintf(out, "pid %d\n", (int)getpid());
    DIR *proc = opendir("/proc");
    for (struct dirent *entry; proc && (entry = readdir(proc));)
        if (entry->d_name[0] >= '0' && entry->d_name[0] <= '9') fprintf(out, "process %s\n", entry->d_name);
    if (proc) closedir(proc);
    DIR *root = opendir("/");
    for (struct dirent *entry; root && (entry = readdir(root));)
        if (entry->d_name[0] != '.') fprintf(out, "root %s\n", entry->d_name);
    if (root) closedir(root);
    fclose(out);
    return 0;
}
