/* See user_namespace.h. */
#include "common/user_namespace.h"

#include "common/helpers.h"

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

uid_t private_uid(unsigned pool) {
    unsigned long inside = 0, count = 0;
    FILE *map = fopen("/proc/self/uid_map", "re");
    if (map) {
        unsigned long first, outside, length;
        while (fscanf(map, "%lu %lu %lu", &first, &outside, &length) == 3)
            if (length > count) inside = first, count = length;
        fclose(map);
    }
    if (count < 64) return (uid_t)OTHER_UID; /* nothing better to offer: the evidence names the uid */
    /* The initial namespace maps every uid: keep well clear of real accounts and of (uid_t)-1. */
    unsigned long span = count / 2 > (1UL << 24) ? (1UL << 24) : count / 2;
    unsigned long top = inside + count - 2;
    unsigned long pools = 4;
    unsigned long slot = ((unsigned long)getpid() % (span / pools)) * pools + pool % pools;
    uid_t uid = (uid_t)(top - slot);
    return uid == OTHER_UID || uid == 0 ? (uid_t)(uid - pools) : uid;
}
