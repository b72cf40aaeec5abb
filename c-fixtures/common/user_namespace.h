/* Namespaces a probe makes for itself: directly with CAP_SYS_ADMIN, or else inside a new user
 * namespace where the probe is root (mapped to its own ids), as a container's root must. */
#ifndef IPC_CONFORMANCE_USER_NAMESPACE_H
#define IPC_CONFORMANCE_USER_NAMESPACE_H

#include <stdbool.h>

/* Writes `text` to a /proc file; false (errno set) when it cannot. */
bool write_proc_file(const char *path, const char *text);

/* unshare(flags) for this process; on EPERM, unshare(CLONE_NEWUSER | flags) with this process's
 * euid and egid mapped to 0 inside. 0, or -1 with errno. */
int unshare_owning(int flags);

#endif
