/* kernel.* sysctls; see sysctl.h. */
#include "sysctl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "probe.h"

int sysctl_numbers(const char *path, unsigned long long *values, int count) {
    FILE *file = fopen(path, "r");
    if (!file) return -1;
    int parsed = 0;
    while (parsed < count && fscanf(file, "%llu", &values[parsed]) == 1) parsed++;
    int err = errno;
    fclose(file);
    errno = err;
    return parsed;
}

int sysctl_numbers_or_report(const char *path, unsigned long long *values, int count) {
    int parsed = sysctl_numbers(path, values, count);
    if (parsed < 0) {
        obs_errno(errno);
        obs_evidence_str("unreadable", path);
        obs_emit();
        exit(0);
    }
    return parsed;
}
