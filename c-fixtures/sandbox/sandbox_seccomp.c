/* sandbox_seccomp: writes the exercise sandbox's seccomp filter, as the BPF program bubblewrap's
 * --seccomp option loads, to the file named on its command line.
 *
 * The sandbox already runs the student's program without capabilities, in namespaces of its own
 * and under no_new_privs; this filter is the second wall behind those. It refuses the calls that
 * reach out of the namespaces or into the kernel's machinery — entering or making namespaces,
 * mounting, tracing or reading another process, loading kernel code, BPF, keyrings, perf — with
 * EPERM, so a program that tries learns it was refused instead of being killed. Everything the
 * exercises teach (fork, pipes, signals, System V and POSIX IPC, sockets) stays allowed.
 *
 * usage: sandbox_seccomp OUTPUT.bpf */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* Refused outright, by name (a name this architecture lacks is skipped). */
static const char *const refused[] = {
    /* namespaces and mounts: no way into the host's, no new ones */
    "setns",
    "unshare",
    "mount",
    "umount",
    "umount2",
    "pivot_root",
    "chroot",
    "mount_setattr",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    /* other processes' memory and descriptors */
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "pidfd_getfd",
    "kcmp",
    /* kernel code and kernel-wide state */
    "bpf",
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "perf_event_open",
    "userfaultfd",
    "keyctl",
    "add_key",
    "request_key",
    "open_by_handle_at",
    "name_to_handle_at",
    "lookup_dcookie",
    "syslog",
    "acct",
    "quotactl",
    "quotactl_fd",
    "swapon",
    "swapoff",
    "reboot",
    "iopl",
    "ioperm",
    "vhangup",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    "uselib",
    "_sysctl",
    "nfsservctl",
};

/* clone(2) flags that would make namespaces: clone with any of them is refused. */
static const unsigned long namespace_flags[] = {
    CLONE_NEWNS,  CLONE_NEWUSER, CLONE_NEWPID,    CLONE_NEWNET,
    CLONE_NEWIPC, CLONE_NEWUTS,  CLONE_NEWCGROUP, CLONE_NEWTIME,
};

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: sandbox_seccomp OUTPUT.bpf\n");
        return 2;
    }
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (!filter) {
        fprintf(stderr, "sandbox_seccomp: seccomp_init failed\n");
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < sizeof refused / sizeof refused[0] && rc == 0; i++) {
        int number = seccomp_syscall_resolve_name(refused[i]);
        if (number == __NR_SCMP_ERROR) continue;
        rc = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), number, 0);
    }
    /* clone3 passes its flags in memory, where a filter cannot look: answering ENOSYS makes the C
     * library fall back to clone(2), whose flags the rules below can see. */
    if (rc == 0) rc = seccomp_rule_add(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    for (size_t i = 0; i < sizeof namespace_flags / sizeof namespace_flags[0] && rc == 0; i++) {
        rc = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, namespace_flags[i], namespace_flags[i]));
    }
    if (rc != 0) {
        fprintf(stderr, "sandbox_seccomp: adding a rule failed: %s\n", strerror(-rc));
        seccomp_release(filter);
        return 1;
    }
    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        fprintf(stderr, "sandbox_seccomp: %s: %s\n", argv[1], strerror(errno));
        seccomp_release(filter);
        return 1;
    }
    rc = seccomp_export_bpf(filter, out);
    close(out);
    seccomp_release(filter);
    if (rc != 0) {
        fprintf(stderr, "sandbox_seccomp: exporting the filter failed: %s\n", strerror(-rc));
        return 1;
    }
    return 0;
}
