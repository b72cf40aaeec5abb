/* Hostile: tries every way out of its namespaces that a student could type, records each call's
 * result in argv[1], then listens on TCP port argv[3] of every address (to be seen from outside if
 * any escape had worked). argv[2] is the pid of a process of the machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static FILE *out;

static void note(const char *call, long result) {
    fprintf(out, "%s: %s\n", call, result >= 0 ? "succeeded" : strerrorname_np(errno));
    fflush(out);
}

int main(int argc, char **argv) {
    if (argc < 4) return 2;
    out = fopen(argv[1], "w");
    if (!out) return 1;
    int host_pid = atoi(argv[2]);
    int pidfd = (int)syscall(SYS_pidfd_open, host_pid, 0);
    note("pidfd_open", pidfd);
    if (pidfd >= 0) note("setns-pidfd", setns(pidfd, CLONE_NEWNET));
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/net", host_pid);
    int nsfd = open(path, O_RDONLY);
    note("open-host-netns", nsfd);
    if (nsfd >= 0) note("setns-netns", setns(nsfd, CLONE_NEWNET));
    note("setns-init-mnt", setns(open("/proc/1/ns/mnt", O_RDONLY), 0));
    note("unshare-user", unshare(CLONE_NEWUSER));
    note("unshare-net", unshare(CLONE_NEWNET));
    note("mount-proc", mount("proc", "/work", "proc", 0, NULL));
    note("ptrace-attach-1", ptrace(PTRACE_ATTACH, 1, NULL, NULL));
    note("chroot", chroot("/work"));
    long child = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, NULL);
    if (child == 0) _exit(0);
    note("clone-newuser", child);
    int server = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = {.sin_family = AF_INET,
                              .sin_port = htons((unsigned short)atoi(argv[3])),
                              .sin_addr.s_addr = htonl(INADDR_ANY)};
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    note("bind-any", bind(server, (struct sockaddr *)&any, sizeof any));
    note("listen", listen(server, 1));
    fclose(out);
    sleep(3); /* listening, for the test to try from outside */
    return 0;
}
