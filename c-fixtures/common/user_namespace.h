/* Namespaces a probe makes for itself: directly with CAP_SYS_ADMIN, or else inside a new user
 * namespace where the probe is root (mapped to its own ids), as a container's root must. */
#ifndef IPC_CONFORMANCE_USER_NAMESPACE_H
#define IPC_CONFORMANCE_USER_NAMESPACE_H

#include <stdbool.h>
#include <sys/types.h>

/* Writes `text` to a /proc file; false (errno set) when it cannot. */
bool write_proc_file(const char *path, const char *text);

/* unshare(flags) for this process; on EPERM, unshare(CLONE_NEWUSER | flags) with this process's
 * euid and egid mapped to 0 inside. 0, or -1 with errno. */
int unshare_owning(int flags);

/* A uid this probe run can act as that no other process is likely to have: taken from the upper
 * half of the largest range this user namespace maps (/proc/self/uid_map), so that it exists also
 * under a rootless engine's short map, and varied by the pid; `pool` (0, 1, …) keeps callers that
 * must not share a uid apart. Never 0 or OTHER_UID. */
uid_t private_uid(unsigned pool);

#endif
