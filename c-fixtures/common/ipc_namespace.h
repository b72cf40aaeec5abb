/* Objects made in an IPC namespace of the probe's own, with one of its limits lowered there
 * (kernel.msgmni, kernel.sem's SEMMNI, kernel.shmmni): the machine's namespace is never touched. */
#ifndef IPC_CONFORMANCE_IPC_NAMESPACE_H
#define IPC_CONFORMANCE_IPC_NAMESPACE_H

#include <stdbool.h>
#include <stddef.h>

/* What a mechanism supplies. */
struct namespace_limit {
    const char *sysctl_path;  /* e.g. /proc/sys/kernel/msgmni */
    const char *evidence_key; /* the limit's name in the evidence, e.g. msgmni */
    /* The text that sets the limit to `limit`, read against what the file holds now in the new
     * namespace; false (errno set) when it cannot be made. */
    bool (*limit_text)(const char *path, long limit, char *text, size_t size);
    /* Makes one object in the namespace; < 0 with errno when refused. */
    int (*create)(void);
};

/* Text for a sysctl that holds the limit alone. */
bool single_limit_text(const char *path, long limit, char *text, size_t size);

/* In a helper: a new IPC namespace (inside a new user namespace when CAP_SYS_ADMIN is missing), the
 * limit lowered there, then objects made until refused (at most limit + 5). value = objects made,
 * errno = the refusal's; or, when the namespace or the limit could not be had, errno of that step
 * and evidence.failed_step. Emits the observation. */
void observe_objects_in_new_ipc_namespace(const struct namespace_limit *how, long limit);

#endif
