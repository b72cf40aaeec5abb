/* A private memory cgroup for one memory measurement; see memcg.h. */
#include "memcg.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guard.h"
#include "common/probe.h"

/* Everything memcg_leave needs is written out beforehand: it runs from signal handlers. */
static char child_dir[512];
static char parent_procs[600];
static char moved_pids[2][24];
static int moved_count;

/* Whether the comma-separated `list` has `item`. */
static bool has_item(const char *list, const char *item) {
    size_t length = strlen(item);
    for (const char *at = list; at; at = strchr(at, ',') ? strchr(at, ',') + 1 : NULL)
        if (strncmp(at, item, length) == 0 && (at[length] == ',' || at[length] == '\0')) return true;
    return false;
}

/* This process's path in the v1 memory hierarchy (version 1) or the v2 one (2), from
 * /proc/self/cgroup ("ID:CONTROLLERS:PATH", v2's line being "0::PATH"). */
static bool own_cgroup_path(int version, char *path, size_t size) {
    FILE *file = fopen("/proc/self/cgroup", "r");
    char line[1024];
    bool found = false;
    while (!found && file && fgets(line, sizeof line, file)) {
        line[strcspn(line, "\n")] = '\0';
        char *controllers = strchr(line, ':');
        char *cgroup = controllers ? strchr(controllers + 1, ':') : NULL;
        if (!cgroup) continue;
        *controllers++ = '\0';
        *cgroup++ = '\0';
        found =
            version == 1 ? has_item(controllers, "memory") : strcmp(line, "0") == 0 && controllers[0] == '\0';
        if (found) snprintf(path, size, "%s", cgroup);
    }
    if (file) fclose(file);
    return found;
}

/* Where `path` of the hierarchy shows in this mount namespace: a mount of that hierarchy whose root
 * (mountinfo's fourth field) contains it, and the rest of the path below its mount point. */
static bool mounted_folder(int version, const char *path, char *folder, size_t size) {
    FILE *file = fopen("/proc/self/mountinfo", "r");
    char line[2048], root[512], mount_point[512], fs_type[64], options[1024];
    bool found = false;
    while (!found && file && fgets(line, sizeof line, file)) {
        const char *separator = strstr(line, " - ");
        if (!separator || sscanf(line, "%*s %*s %*s %511s %511s", root, mount_point) != 2 ||
            sscanf(separator + 3, "%63s %*s %1023s", fs_type, options) != 2)
            continue;
        bool hierarchy = version == 1 ? strcmp(fs_type, "cgroup") == 0 && has_item(options, "memory")
                                      : strcmp(fs_type, "cgroup2") == 0;
        size_t root_length = strcmp(root, "/") == 0 ? 0 : strlen(root);
        if (!hierarchy || strncmp(path, root, root_length) != 0 ||
            (path[root_length] != '/' && path[root_length] != '\0'))
            continue;
        const char *below = path + root_length;
        snprintf(folder, size, "%s%s", mount_point, strcmp(below, "/") == 0 ? "" : below);
        found = true;
    }
    if (file) fclose(file);
    return found;
}

int memcg_locate(char *folder, size_t folder_size, char *path, size_t path_size) {
    for (int version = 1; version <= 2; version++)
        if (own_cgroup_path(version, path, path_size) && mounted_folder(version, path, folder, folder_size))
            return version;
    return 0;
}

/* Writes one pid into a cgroup.procs file: that moves the whole process. 0 or an errno. */
static int move_pid(const char *procs_file, const char *pid_text) {
    int fd = open(procs_file, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    ssize_t written = write(fd, pid_text, strlen(pid_text));
    int err = written < 0 ? errno : 0;
    close(fd);
    return err;
}

void memcg_leave(void) {
    if (!child_dir[0]) return;
    for (int i = moved_count - 1; i >= 0; i--) move_pid(parent_procs, moved_pids[i]);
    moved_count = 0;
    rmdir(child_dir); /* fails only if a process we did not move is inside; nothing else to do then */
    child_dir[0] = '\0';
    guard_remove(memcg_leave);
}

/* Removes the empty cgroups earlier probes left when they were killed outright (SIGKILL runs no
 * cleanup). rmdir refuses a cgroup that still holds a process, so a live one is never touched. */
static void sweep_leftovers(const char *parent) {
    DIR *folder = opendir(parent);
    if (!folder) return;
    char path[800];
    for (struct dirent *entry; (entry = readdir(folder));) {
        if (strncmp(entry->d_name, MEMCG_PREFIX, strlen(MEMCG_PREFIX)) != 0) continue;
        snprintf(path, sizeof path, "%s/%s", parent, entry->d_name);
        rmdir(path);
    }
    closedir(folder);
}

/* Whether `pid` is a member of the cgroup whose cgroup.procs is `procs_file`. */
static bool member_of(const char *procs_file, pid_t pid) {
    FILE *file = fopen(procs_file, "r");
    if (!file) return false;
    long member;
    bool found = false;
    while (!found && fscanf(file, "%ld", &member) == 1) found = member == (long)pid;
    fclose(file);
    return found;
}

/* Undoes a half-made entry and says why, for memcg_enter's false. */
static bool give_up(char *why, size_t why_size, const char *step, int err) {
    snprintf(why, why_size, "%s: %s", step, errno_name(err));
    memcg_leave();
    return false;
}

bool memcg_enter(const char *parent, pid_t companion, char *child, size_t child_size, char *why,
                 size_t why_size) {
    sweep_leftovers(parent);
    snprintf(parent_procs, sizeof parent_procs, "%s/cgroup.procs", parent);
    if (companion > 0 && !member_of(parent_procs, companion)) {
        snprintf(why, why_size, "process %ld (the bus daemon) is not in the probe's memory cgroup",
                 (long)companion);
        return false;
    }
    /* The pid alone could repeat: probes in two pid namespaces may both be pid 1. */
    snprintf(child_dir, sizeof child_dir, "%s/" MEMCG_PREFIX "%ld-%lld", parent, (long)getpid(),
             (long long)(monotonic_ns() % 1000000000));
    if (mkdir(child_dir, 0755) != 0) {
        snprintf(why, why_size, "mkdir %s: %s", child_dir, errno_name(errno));
        child_dir[0] = '\0';
        return false;
    }
    guard_add(memcg_leave);
    char path[600];
    snprintf(path, sizeof path, "%s/memory.stat", child_dir);
    if (access(path, R_OK) != 0)
        return give_up(why, why_size,
                       "the child has no memory.stat (memory controller not enabled for children)", errno);

    snprintf(path, sizeof path, "%s/cgroup.procs", child_dir);
    pid_t members[2] = {getpid(), companion};
    for (int i = 0; i < 2 && members[i] > 0; i++) {
        snprintf(moved_pids[moved_count], sizeof moved_pids[moved_count], "%ld", (long)members[i]);
        int err = move_pid(path, moved_pids[moved_count]);
        if (err)
            return give_up(why, why_size,
                           i == 0 ? "moving the probe into its cgroup"
                                  : "moving the bus daemon into the probe's cgroup",
                           err);
        moved_count++;
    }
    snprintf(child, child_size, "%s", child_dir);
    return true;
}
