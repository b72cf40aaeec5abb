/* Kinship and persistence of anonymous pipes: a pipe is reachable only through a descriptor,
 * whether inherited, passed with SCM_RIGHTS (unix(7)) or opened via /proc/PID/fd (proc(5)). */
#include "cases.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/unix_sockets.h"

static ino_t inode_of(int fd) {
    struct stat status;
    if (fstat(fd, &status) != 0) probe_fail("fstat: %s", strerror(errno));
    return status.st_ino;
}

/* Counts the descriptors, in /proc/self/fd or in every process, that name pipe:[inode]. */
static int count_references(const char *proc_glob_root, ino_t inode, bool every_process) {
    char wanted[64], link[PATH_MAX], target[64];
    snprintf(wanted, sizeof wanted, "pipe:[%" PRIuMAX "]", (uintmax_t)inode);
    int found = 0;
    DIR *processes = opendir(proc_glob_root);
    if (!processes) return -1;
    struct dirent *process;
    while ((process = readdir(processes))) {
        if (every_process ? (process->d_name[0] < '0' || process->d_name[0] > '9')
                          : strcmp(process->d_name, "self") != 0)
            continue;
        char fd_dir[PATH_MAX];
        if (snprintf(fd_dir, sizeof fd_dir, "%s/%s/fd", proc_glob_root, process->d_name) >=
            (int)sizeof fd_dir)
            continue;
        DIR *fds = opendir(fd_dir);
        if (!fds) continue; /* the process exited meanwhile, or is not ours to look at */
        struct dirent *fd;
        while ((fd = readdir(fds))) {
            if (snprintf(link, sizeof link, "%s/%s", fd_dir, fd->d_name) >= (int)sizeof link) continue;
            ssize_t n = readlink(link, target, sizeof target - 1);
            if (n <= 0) continue;
            target[n] = '\0';
            if (strcmp(target, wanted) == 0) found++;
        }
        closedir(fds);
    }
    closedir(processes);
    return found;
}

static void write_hello(void *arg) {
    int *fds = arg;
    close(fds[0]);
    if (write(fds[1], "hello", 5) != 5) _exit(1);
}

void inherited_by_child(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    char received[8] = {0};
    if (pipe(fds) != 0) probe_fail("pipe: %s", strerror(errno));
    pid_t child = spawn_helper(write_hello, fds);
    close(fds[1]);
    ssize_t n = read_full(fds[0], received, 5);
    reap(child, NULL);
    obs_value_bool(n == 5 && memcmp(received, "hello", 5) == 0);
    obs_evidence_str("received", received);
    obs_emit();
}

void no_filesystem_name(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    char link[64], target[PATH_MAX];
    if (pipe(fds) != 0) probe_fail("pipe: %s", strerror(errno));
    snprintf(link, sizeof link, "/proc/self/fd/%d", fds[0]);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) probe_fail("readlink %s: %s", link, strerror(errno));
    target[n] = '\0';
    /* An object without a path links as "TYPE:[INODE]"; the inode changes every run, so the value
     * is the TYPE alone (a real path would be reported whole) and the link goes to the evidence. */
    char *bracket = strstr(target, ":[");
    obs_evidence_str("link", target);
    if (bracket && target[0] != '/') *bracket = '\0';
    obs_value_str(target);
    obs_emit();
}

/* Reads what the helper wrote after it exited; the write end is closed everywhere by then. */
static void report_message(int read_end, const char *expected, bool helper_inherited, int helper_status) {
    char received[64] = {0};
    set_nonblocking(read_end, true);
    ssize_t n = read(read_end, received, sizeof received - 1);
    obs_value_bool(n == (ssize_t)strlen(expected) && strcmp(received, expected) == 0);
    obs_evidence_str("received", n > 0 ? received : "");
    obs_evidence_bool("helper_inherited_pipe", helper_inherited);
    obs_evidence_int("helper_status", helper_status);
}

void scm_rights_to_unrelated(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    /* Bound by a bare name inside the probe's folder, which the re-executed helper inherits as
     * its working directory: the runner's TMPDIR never counts against sun_path's 108 bytes. */
    int listener = unix_listener(SOCK_STREAM, "s", 1);

    char inode[32];
    snprintf(inode, sizeof inode, "%" PRIuMAX, (uintmax_t)inode_of(fds[0]));
    char *helper_argv[] = {"pipe-probe", "helper-scm", "s", inode, NULL};
    pid_t helper = spawn_reexec(helper_argv);

    int connection = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (connection < 0) probe_fail("accept: %s", strerror(errno));
    if (!unix_send_fd(connection, fds[1])) probe_fail("sendmsg: %s", strerror(errno));
    close(fds[1]); /* from here on only the helper holds a write end */

    char inherited = '?';
    if (read_full(connection, &inherited, 1) != 1) inherited = '?';
    int status = reap(helper, NULL);
    report_message(fds[0], "via-scm", inherited == '1', status);
    obs_emit();
}

/* True when this process holds a descriptor naming pipe:[inode] (it should hold none). */
static bool holds_pipe(const char *inode_text) {
    return count_references("/proc", (ino_t)strtoumax(inode_text, NULL, 10), false) > 0;
}

void helper_scm(int argc, char **argv) {
    if (argc < 2) probe_usage("helper-scm SOCKET INODE");
    bool inherited = holds_pipe(argv[1]);
    int connection = unix_connect_to(SOCK_STREAM, 0, argv[0]);
    if (connection < 0) probe_fail("connect: %s", strerror(errno));
    int write_end = unix_receive_fd(connection);
    if (write_end < 0) probe_fail("no descriptor arrived");
    if (write(write_end, "via-scm", 7) != 7) probe_fail("write: %s", strerror(errno));
    close(write_end);
    char verdict = inherited ? '1' : '0';
    if (write(connection, &verdict, 1) != 1) probe_fail("write: %s", strerror(errno));
}

void proc_fd_to_unrelated(int argc, char **argv) {
    (void)argc, (void)argv;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    char pid[16], fd[16], inode[32];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    snprintf(fd, sizeof fd, "%d", fds[1]);
    snprintf(inode, sizeof inode, "%" PRIuMAX, (uintmax_t)inode_of(fds[0]));
    char *helper_argv[] = {"pipe-probe", "helper-procfd", pid, fd, inode, NULL};
    int status = reap(spawn_reexec(helper_argv), NULL);
    /* Exit status 10 means the helper found the pipe among its own inherited descriptors. */
    report_message(fds[0], "via-proc", status == 10, status);
    obs_emit();
}

void helper_procfd(int argc, char **argv) {
    if (argc < 3) probe_usage("helper-procfd PID FD INODE");
    bool inherited = holds_pipe(argv[2]);
    char path[64];
    snprintf(path, sizeof path, "/proc/%s/fd/%s", argv[0], argv[1]);
    int write_end = open(path, O_WRONLY | O_CLOEXEC);
    if (write_end < 0) probe_fail("open %s: %s", path, strerror(errno));
    if (write(write_end, "via-proc", 8) != 8) probe_fail("write: %s", strerror(errno));
    close(write_end);
    if (inherited) exit(10);
}

struct vanished_pipe {
    uintmax_t inode;
    int unread;
};

static void make_pipe_and_exit(void *arg) {
    int *channel = arg;
    int fds[2];
    struct vanished_pipe report = {0};
    if (pipe(fds) != 0 || write(fds[1], "abc", 3) != 3) _exit(1);
    report.inode = (uintmax_t)inode_of(fds[0]);
    if (ioctl(fds[0], FIONREAD, &report.unread) != 0) report.unread = -1;
    if (write(channel[1], &report, sizeof report) != sizeof report) _exit(1);
    /* Exits holding both ends: the kernel, not the program, must let the pipe go. */
}

void gone_with_last_descriptor(int argc, char **argv) {
    (void)argc, (void)argv;
    int channel[2];
    struct vanished_pipe report = {0};
    if (pipe2(channel, O_CLOEXEC) != 0) probe_fail("pipe2: %s", strerror(errno));
    pid_t child = spawn_helper(make_pipe_and_exit, channel);
    close(channel[1]);
    if (read_full(channel[0], &report, sizeof report) != sizeof report)
        probe_fail("the child reported no pipe");
    reap(child, NULL);
    obs_value_int(count_references("/proc", (ino_t)report.inode, true));
    obs_evidence_int("inode", (int64_t)report.inode);
    obs_evidence_int("unread_bytes_at_exit", report.unread);
    obs_emit();
}
