/* The pids a UNIX stream socket reports across the boundary of a PID namespace of the probe's own
 * (unix(7), pid_namespaces(7)): SO_PEERCRED and SCM_CREDENTIALS name a process by the pid the
 * reader's namespace gives it, and by 0 when the reader's namespace has no pid for it. One side is
 * a helper in the parent namespace, the other the init (pid 1) of the new namespace. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/pid_namespace.h"
#include "common/probe.h"
#include "common/unix_sockets.h"
#include "cases.h"

/* What the init inside reports to the helper outside. */
struct inside_report {
    int own_pid;    /* getpid() inside: 1 */
    int peer_pid;   /* the pid it read for the process outside */
    int call_errno; /* of the connect / getsockopt / sendmsg / recvmsg it made */
};

struct credentials_plan {
    bool inside_sends; /* scm: who sends; peercred: unused */
    int listener;      /* peercred: the listener the init connects to; -1 for scm */
    int pair[2];       /* scm: [0] outside, [1] inside */
    int report[2];
};

struct credentials_observation {
    struct inside_report inside;
    int outside_pid;   /* the helper's own pid */
    int init_outside;  /* the init's pid as fork() gave it: the parent namespace's number for it */
    int outside_read;  /* the pid the helper read for the init */
    int outside_errno; /* of the helper's accept / getsockopt / sendmsg / recvmsg */
    bool reported;
};

static void send_report(struct credentials_plan *plan, struct inside_report *report) {
    if (write(plan->report[1], report, sizeof *report) != sizeof *report) _exit(1);
}

/* ---- SO_PEERCRED ---------------------------------------------------------------------------- */

static int peer_pid_of(int fd, int *err) {
    struct ucred peer;
    socklen_t length = sizeof peer;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0) {
        *err = errno;
        return -1;
    }
    return peer.pid;
}

/* The init connects to the listener outside, reads SO_PEERCRED, then waits to be ended. */
static void init_connecting(void *arg) {
    struct credentials_plan *plan = arg;
    close(plan->report[0]);
    struct inside_report report = {.own_pid = getpid(), .peer_pid = -1};
    int fd = unix_socket(SOCK_STREAM);
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, "listener");
    if (connect(fd, (struct sockaddr *)&address, length) != 0)
        report.call_errno = errno;
    else
        report.peer_pid = peer_pid_of(fd, &report.call_errno);
    send_report(plan, &report);
    for (;;) pause(); /* alive while the helper outside reads its own side */
}

static void observe_peercred(void *arg, void *out) {
    struct credentials_plan *plan = arg;
    struct credentials_observation *seen = out;
    channel_create(plan->report);
    seen->outside_pid = getpid();
    pid_t init = spawn_namespace_init(init_connecting, plan);
    close(plan->report[1]);
    seen->init_outside = init;
    seen->reported = read_full(plan->report[0], &seen->inside, sizeof seen->inside) == sizeof seen->inside;
    int accepted =
        seen->reported && !seen->inside.call_errno ? accept4(plan->listener, NULL, NULL, SOCK_CLOEXEC) : -1;
    seen->outside_read = accepted >= 0 ? peer_pid_of(accepted, &seen->outside_errno) : -1;
    if (accepted >= 0) close(accepted);
    kill(init, SIGKILL);
    reap(init, NULL);
}

/* ---- SCM_CREDENTIALS ------------------------------------------------------------------------ */

/* Sends one byte with the sender's own credentials as its namespaces number them. */
static int send_own_credentials(int fd) {
    struct ucred own = {.pid = getpid(), .uid = geteuid(), .gid = getegid()};
    char data = 'c';
    struct iovec vector = {.iov_base = &data, .iov_len = 1};
    union {
        char buffer[CMSG_SPACE(sizeof own)];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr message = {.msg_iov = &vector,
                             .msg_iovlen = 1,
                             .msg_control = control.buffer,
                             .msg_controllen = sizeof control.buffer};
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_CREDENTIALS;
    header->cmsg_len = CMSG_LEN(sizeof own);
    memcpy(CMSG_DATA(header), &own, sizeof own);
    return sendmsg(fd, &message, 0) == 1 ? 0 : errno;
}

/* The pid of the SCM_CREDENTIALS that came with one byte, or -1 (err set, or 0 when none came). */
static int received_credentials_pid(int fd, int *err) {
    char data;
    struct iovec vector = {.iov_base = &data, .iov_len = 1};
    union {
        char buffer[CMSG_SPACE(sizeof(struct ucred))];
        struct cmsghdr align;
    } control;
    struct msghdr message = {.msg_iov = &vector,
                             .msg_iovlen = 1,
                             .msg_control = control.buffer,
                             .msg_controllen = sizeof control.buffer};
    guard_arm();
    ssize_t got = recvmsg(fd, &message, 0);
    *err = got < 0 ? errno : 0;
    guard_disarm();
    if (got != 1) return -1;
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header))
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_CREDENTIALS) {
            struct ucred sender;
            memcpy(&sender, CMSG_DATA(header), sizeof sender);
            return sender.pid;
        }
    return -1;
}

static void init_exchanging(void *arg) {
    struct credentials_plan *plan = arg;
    close(plan->report[0]);
    close(plan->pair[0]);
    struct inside_report report = {.own_pid = getpid(), .peer_pid = -1};
    if (plan->inside_sends)
        report.call_errno = send_own_credentials(plan->pair[1]);
    else
        report.peer_pid = received_credentials_pid(plan->pair[1], &report.call_errno);
    send_report(plan, &report);
}

static void observe_scm_credentials(void *arg, void *out) {
    struct credentials_plan *plan = arg;
    struct credentials_observation *seen = out;
    channel_create(plan->report);
    /* SO_PASSCRED on both ends before either sends: the receiver gets the credentials. */
    int on = 1;
    for (int i = 0; i < 2; i++)
        if (setsockopt(plan->pair[i], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0) return;
    seen->outside_pid = getpid();
    pid_t init = spawn_namespace_init(init_exchanging, plan);
    close(plan->report[1]);
    close(plan->pair[1]);
    seen->init_outside = init;
    if (plan->inside_sends)
        seen->outside_read = received_credentials_pid(plan->pair[0], &seen->outside_errno);
    else
        seen->outside_errno = send_own_credentials(plan->pair[0]);
    seen->reported = read_full(plan->report[0], &seen->inside, sizeof seen->inside) == sizeof seen->inside;
    kill(init, SIGKILL);
    reap(init, NULL);
}

/* ---- the cases ------------------------------------------------------------------------------ */

static void check_inside(const struct credentials_observation *seen) {
    if (!seen->reported) probe_fail("the namespace's init reported nothing");
    if (seen->inside.own_pid != 1) probe_fail("the first process of the new namespace is not pid 1");
}

void peercred_across_pid_namespace(int argc, char **argv) {
    if (argc < 1) probe_usage("peercred-across-pid-namespace needs READER");
    bool inside_reads = parse_namespace_side(argv[0], "reader");
    struct credentials_plan plan = {.listener = unix_listener(SOCK_STREAM, "listener", 1), .pair = {-1, -1}};
    struct credentials_observation seen = {0};
    run_beside_pid_namespace(observe_peercred, &plan, &seen, sizeof seen);
    check_inside(&seen);
    obs_value_int(inside_reads ? seen.inside.peer_pid : seen.outside_read);
    obs_errno(inside_reads ? seen.inside.call_errno : seen.outside_errno);
    obs_evidence_int("inside_pid_in_own_namespace", seen.inside.own_pid);
    obs_evidence_int("inside_pid_in_parent_namespace", seen.init_outside);
    obs_evidence_int("outside_pid_in_parent_namespace", seen.outside_pid);
    obs_emit();
}

void scm_credentials_across_pid_namespace(int argc, char **argv) {
    if (argc < 1) probe_usage("scm-credentials-across-pid-namespace needs SENDER");
    struct credentials_plan plan = {.inside_sends = parse_namespace_side(argv[0], "sender"), .listener = -1};
    unix_socketpair(SOCK_STREAM, plan.pair);
    struct credentials_observation seen = {0};
    run_beside_pid_namespace(observe_scm_credentials, &plan, &seen, sizeof seen);
    check_inside(&seen);
    obs_value_int(plan.inside_sends ? seen.outside_read : seen.inside.peer_pid);
    obs_errno(plan.inside_sends ? seen.outside_errno : seen.inside.call_errno);
    int send_errno = plan.inside_sends ? seen.inside.call_errno : seen.outside_errno;
    obs_evidence_str("send_errno", send_errno ? errno_name(send_errno) : "none");
    obs_evidence_int("inside_pid_in_own_namespace", seen.inside.own_pid);
    obs_evidence_int("inside_pid_in_parent_namespace", seen.init_outside);
    obs_evidence_int("outside_pid_in_parent_namespace", seen.outside_pid);
    obs_emit();
}
