/* See user_namespace.h. */
#include "common/user_namespace.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool write_proc_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY);
    if (fd < 0) return false;
    ssize_t length = (ssize_t)strlen(text);
    bool written = write(fd, text, (size_t)length) == length;
    int err = errno;
    close(fd);
    errno = err;
    return written;
}

int unshare_owning(int flags) {
    if (unshare(flags) == 0) return 0;
    if (errno != EPERM) return -1;
    /* The maps are made before the unshare: afterwards the ids are those of the new namespace. */
    char map[32], group_map[32];
    snprintf(map, sizeof map, "0 %d 1", (int)geteuid());
    snprintf(group_map, sizeof group_map, "0 %d 1", (int)getegid());
    if (unshare(CLONE_NEWUSER | flags) != 0) return -1;
    write_proc_file("/proc/self/setgroups", "deny"); /* needed before gid_map by an unprivileged writer */
    if (!write_proc_file("/proc/self/uid_map", map) || !write_proc_file("/proc/self/gid_map", group_map))
        return -1;
    return 0;
}
