/* Sysctls as the probe sees them (/proc/sys/...). Limits such as msgmax or
 * kernel.sem decide what a case expects; when a runtime does not expose them, that absence is the
 * observation rather than a broken probe. */
#ifndef IPC_CONFORMANCE_SYSCTL_H
#define IPC_CONFORMANCE_SYSCTL_H

/* Reads up to `count` whitespace-separated numbers from `path` into values (unsigned long long:
 * kernel.shmmax is beyond what a long holds). Returns how many it parsed, or -1 with errno set
 * when the file cannot be opened. */
int sysctl_numbers(const char *path, unsigned long long *values, int count);

/* Like sysctl_numbers, but a file that cannot be opened ends the case with that observation:
 * its errno and evidence.unreadable = path, emitted, exit status 0. Returns how many it parsed. */
int sysctl_numbers_or_report(const char *path, unsigned long long *values, int count);

#endif
