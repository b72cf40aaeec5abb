/* env-probe: reports facts about the environment it runs in (uid, capabilities, page size,
 * namespaces, mounts) and reads sysctls there, so expectations and requirements are decided by
 * what the environment under test sees, never by the machine that orchestrates the run. */
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "common/pid_namespace.h"
#include "common/probe.h"
#include "common/user_namespace.h"

#define MQUEUE_MAGIC 0x19800202

/* Copies the first line of `path` into out; false when it cannot be read. */
static bool first_line(const char *path, char *out, size_t size) {
    FILE *file = fopen(path, "r");
    if (!file) return false;
    bool ok = fgets(out, (int)size, file) != NULL;
    fclose(file);
    if (ok) out[strcspn(out, "\n")] = '\0';
    return ok;
}

static void namespace_evidence(const char *kind) {
    char path[64], target[128], key[32];
    snprintf(path, sizeof path, "/proc/self/ns/%s", kind);
    snprintf(key, sizeof key, "%s_ns", kind);
    ssize_t n = readlink(path, target, sizeof target - 1);
    target[n > 0 ? n : 0] = '\0';
    obs_evidence_str(key, n > 0 ? target : "unknown");
}

static void effective_capabilities(char *out, size_t size) {
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    snprintf(out, size, "0");
    while (status && fgets(line, sizeof line, status)) {
        if (sscanf(line, "CapEff: %63s", out) == 1) break;
    }
    if (status) fclose(status);
}

/* Whether this network namespace has the IPv6 loopback address: bind [::1]:0 and see. */
static bool ipv6_loopback_usable(void) {
    int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    struct sockaddr_in6 loopback = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    bool bound = bind(fd, (struct sockaddr *)&loopback, sizeof loopback) == 0;
    close(fd);
    return bound;
}

/* Whether attempt() returns 0 in a child: namespaces tried there leave this process's own alone. */
static bool succeeds_in_child(int (*attempt)(void)) {
    pid_t child = fork();
    if (child < 0) return false;
    if (child == 0) _exit(attempt() == 0 ? 0 : 1);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* An IPC namespace of its own whose limits can be set, as the probes that lower a namespace's
 * limits make it (common/user_namespace.c: with CAP_SYS_ADMIN, or else inside a new user
 * namespace); a read-only /proc/sys (a rootless engine's) makes it useless to them. The limit is
 * written back unchanged. */
static int make_ipc_namespace(void) {
    if (unshare_owning(CLONE_NEWIPC) != 0) return -1;
    char limit[64] = {0};
    int fd = open("/proc/sys/kernel/msgmni", O_RDONLY);
    if (fd < 0 || read(fd, limit, sizeof limit - 1) <= 0) return -1;
    close(fd);
    return write_proc_file("/proc/sys/kernel/msgmni", limit) ? 0 : -1;
}

/* A PID namespace of its own whose first child is pid 1, as common/pid_namespace.c makes it. */
static int make_pid_namespace(void) {
    if (unshare_pid_namespace() != 0) return -1;
    pid_t first = fork();
    if (first < 0) return -1;
    if (first == 0) _exit(getpid() == 1 ? 0 : 1);
    int status = 0;
    while (waitpid(first, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void facts(int argc, char **argv) {
    (void)argc, (void)argv;
    struct utsname system;
    struct statfs mounted;
    char capabilities[64], release[256];
    uname(&system);
    effective_capabilities(capabilities, sizeof capabilities);
    snprintf(release, sizeof release, "%s %s", system.release, system.version);
    obs_value_bool(true);
    obs_evidence_int("euid", geteuid());
    obs_evidence_str("capabilities", capabilities);
    obs_evidence_int("page_size", sysconf(_SC_PAGESIZE));
    obs_evidence_bool("procfs", access("/proc/self/fd", F_OK) == 0);
    obs_evidence_str("kernel", release);
    obs_evidence_str("machine", system.machine);
    obs_evidence_str("hostname", system.nodename);
    obs_evidence_bool("ipv6_loopback", ipv6_loopback_usable());
    obs_evidence_bool("ipc_namespace", succeeds_in_child(make_ipc_namespace));
    obs_evidence_bool("pid_namespace", succeeds_in_child(make_pid_namespace));
    obs_evidence_bool("mqueue_mounted",
                      statfs("/dev/mqueue", &mounted) == 0 && mounted.f_type == MQUEUE_MAGIC);
    cpu_set_t allowed;
    obs_evidence_int("cpus_allowed",
                     sched_getaffinity(0, sizeof allowed, &allowed) == 0 ? CPU_COUNT(&allowed) : 1);
    namespace_evidence("ipc");
    namespace_evidence("pid");
    namespace_evidence("net");
    namespace_evidence("mnt");
    namespace_evidence("uts");
    obs_emit();
}

static void sysctl(int argc, char **argv) {
    if (argc < 1) probe_usage("sysctl NAME");
    char path[PATH_MAX] = "/proc/sys/", line[512];
    size_t used = strlen(path);
    for (const char *c = argv[0]; *c && used + 1 < sizeof path; c++) path[used++] = *c == '.' ? '/' : *c;
    path[used] = '\0';
    if (first_line(path, line, sizeof line))
        obs_value_str(line);
    else
        obs_errno(errno);
    obs_evidence_str("path", path);
    obs_emit();
}

static const probe_case cases[] = {
    PROBE_CASE("facts", facts,
               "value = true; evidence = euid, capabilities (CapEff hex), page_size, procfs, kernel, "
               "machine, hostname, mqueue_mounted, ipc_namespace, pid_namespace, and the ipc/pid/net/mnt/uts "
               "namespace ids, all as "
               "seen inside the environment"),
    PROBE_CASE("sysctl", sysctl,
               "value = the first line of /proc/sys/<name> (dots as slashes) as seen inside the "
               "environment, or errno when unreadable",
               PARAM("name", "the sysctl, dotted (fs.pipe-max-size)")),
};

int main(int argc, char **argv) { return probe_main(argc, argv, cases, sizeof cases / sizeof *cases); }
