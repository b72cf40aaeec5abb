/* A memory cgroup of the memory measurement's own. The cgroup the probe starts in is shared with
 * every other process of the session (the Node runner, compilers, other probes): one of them
 * freeing a megabyte between the two readings moves the figure by 4 KiB per channel. A child cgroup
 * holding only the probe (and the bus daemon, for D-Bus) counts only what they allocate from the
 * moment they enter it. The cgroup is named ipc-conformance-memory-PID-NONCE; the probe moves everything
 * back and removes it on every path it can see (normal end, probe_fail, the watchdog and
 * termination signals), and an empty one left by a probe killed outright is removed by the next
 * memory measurement under the same parent. */
#ifndef BENCH_MEMCG_H
#define BENCH_MEMCG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define MEMCG_PREFIX "ipc-conformance-memory-"

/* Finds the memory cgroup this process is in: its folder as mounted here (in a container the mount
 * may start below the hierarchy's root, so /proc/self/cgroup's path is read against
 * /proc/self/mountinfo) and its path in the hierarchy. Returns 1 for the v1 memory controller, 2 for
 * the v2 hierarchy, 0 when neither is mounted where this process can see it. */
int memcg_locate(char *folder, size_t folder_size, char *path, size_t path_size);

/* Makes the child of the cgroup folder `parent` and moves this process and `companion` (when > 0)
 * into it. True with the child's folder in `child`; false with the reason in `why`, nothing moved
 * and nothing left (the cgroup file system may be read-only, as in a container, or the controller
 * may not be enabled for children, as in a cgroup v2 folder that holds processes). */
bool memcg_enter(const char *parent, pid_t companion, char *child, size_t child_size, char *why,
                 size_t why_size);

/* Moves this process and the companion back to the parent and removes the child. Async-signal-safe;
 * a no-op when no child is held. */
void memcg_leave(void);

#endif
