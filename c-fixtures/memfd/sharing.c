/* memfd-probe cases with a second process: a sealed memfd handed over SCM_RIGHTS to a program
 * that inherited nothing of it, the memfd reached through /proc/PID/fd/N, and a forked child's
 * MAP_SHARED stores. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/unix_sockets.h"
#include "cases.h"

#define SEALED_TEXT "sealed-content"
#define ALL_SEALS   (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL)

/* What helper-receive-sealed hands back. */
struct received {
    int fd_arrived;
    int seals;
    int write_errno;
    char text[32];
};

void sealed_passes_scm_rights(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = memfd_make("passed", MFD_ALLOW_SEALING | MFD_CLOEXEC); /* the helper cannot inherit it */
    if (pwrite(fd, SEALED_TEXT, sizeof SEALED_TEXT, 0) != sizeof SEALED_TEXT)
        probe_fail("pwrite: %s", strerror(errno));
    if (fcntl(fd, F_ADD_SEALS, ALL_SEALS) != 0) probe_fail("F_ADD_SEALS: %s", strerror(errno));
    int sent_seals = fcntl(fd, F_GET_SEALS);

    int pair[2];
    unix_socketpair(SOCK_STREAM, pair);
    fcntl(pair[1], F_SETFD, 0); /* the one descriptor the helper keeps */
    char socket_text[16];
    snprintf(socket_text, sizeof socket_text, "%d", pair[1]);
    char *helper_argv[] = {"memfd-probe", "helper-receive-sealed", socket_text, NULL};
    pid_t helper = spawn_reexec(helper_argv);
    close(pair[1]);
    if (!unix_send_fd(pair[0], fd)) probe_fail("sending the memfd: %s", strerror(errno));
    struct received got = {0};
    if (read_full(pair[0], &got, sizeof got) != (ssize_t)sizeof got)
        probe_fail("the helper reported nothing");
    reap(helper, NULL);

    got.text[sizeof got.text - 1] = '\0';
    obs_value_bool(got.fd_arrived && got.seals == sent_seals && strcmp(got.text, SEALED_TEXT) == 0);
    obs_evidence_int("seals_sent", sent_seals);
    obs_evidence_int("seals_received", got.seals);
    obs_evidence_str("text_received", got.text);
    obs_evidence_str("helper_write_errno", got.write_errno ? errno_name(got.write_errno) : "none");
    obs_emit();
}

/* helper-receive-sealed SOCKET_FD: receive the memfd, look at its seals and text, try to write. */
void helper_receive_sealed(int argc, char **argv) {
    int socket = (int)arg_long(argc, argv, 0, -1);
    struct received got = {.seals = -1};
    int fd = unix_receive_fd(socket);
    if (fd >= 0) {
        got.fd_arrived = 1;
        got.seals = fcntl(fd, F_GET_SEALS);
        if (pread(fd, got.text, sizeof got.text - 1, 0) < 0) got.text[0] = '\0';
        got.write_errno = pwrite(fd, "x", 1, 0) < 0 ? errno : 0;
    }
    if (write_full(socket, &got, sizeof got) != (ssize_t)sizeof got) probe_fail("write: %s", strerror(errno));
}

#define PROBE_TEXT  "from-probe"
#define HELPER_TEXT "from-helper"

/* What helper-open-proc-fd hands back. */
struct proc_open {
    int open_errno;
    int saw_probe_text;
    int wrote;
};

void proc_fd_from_another_process(int argc, char **argv) {
    (void)argc, (void)argv;
    int fd = memfd_make("via-proc", MFD_CLOEXEC);
    memfd_size(fd, page_size());
    char *memory = memfd_map_shared(fd, page_size());
    strcpy(memory, PROBE_TEXT);
    int report[2];
    channel_create(report);
    fcntl(report[1], F_SETFD, 0);
    char path[64], report_text[16];
    snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)getpid(), fd);
    snprintf(report_text, sizeof report_text, "%d", report[1]);
    char *helper_argv[] = {"memfd-probe", "helper-open-proc-fd", path, report_text, NULL};
    pid_t helper = spawn_reexec(helper_argv);
    close(report[1]);
    struct proc_open got = {0};
    if (read_full(report[0], &got, sizeof got) != (ssize_t)sizeof got)
        probe_fail("the helper reported nothing");
    reap(helper, NULL);
    bool probe_sees_helper = strcmp(memory, HELPER_TEXT) == 0;
    obs_value_bool(got.open_errno == 0 && got.saw_probe_text && probe_sees_helper);
    obs_evidence_str("helper_open_errno", got.open_errno ? errno_name(got.open_errno) : "none");
    obs_evidence_bool("helper_saw_probe_text", got.saw_probe_text);
    obs_evidence_bool("probe_sees_helper_text", probe_sees_helper);
    obs_emit();
}

/* helper-open-proc-fd PATH REPORT_FD: open the probe's memfd by its /proc link, read, write. */
void helper_open_proc_fd(int argc, char **argv) {
    int report = (int)arg_long(argc, argv, 1, -1);
    struct proc_open got = {0};
    int fd = open(argv[0], O_RDWR);
    if (fd < 0) {
        got.open_errno = errno;
    } else {
        char seen[16] = {0};
        got.saw_probe_text = pread(fd, seen, sizeof seen - 1, 0) > 0 && strcmp(seen, PROBE_TEXT) == 0;
        got.wrote = pwrite(fd, HELPER_TEXT, sizeof HELPER_TEXT, 0) == sizeof HELPER_TEXT;
    }
    if (write_full(report, &got, sizeof got) != (ssize_t)sizeof got) probe_fail("write: %s", strerror(errno));
}

struct child_view {
    char *memory;
    int go; /* read end: a byte arrives once the parent has stored its text */
    int64_t delay_ns;
};

/* The child: waits, checks the parent's store made after the fork, then stores its own.
 * Exit status 0: it saw the parent's store. */
static void look_then_store(void *arg) {
    struct child_view *view = arg;
    char byte;
    if (read(view->go, &byte, 1) != 1) _exit(2);
    sleep_ns(view->delay_ns);
    bool saw = strcmp(view->memory, "from-parent") == 0;
    strcpy(view->memory, "from-child");
    _exit(saw ? 0 : 1);
}

void forked_child_shares_stores(int argc, char **argv) {
    int64_t delay_ns = (int64_t)arg_long(argc, argv, 0, 0) * 1000000;
    int fd = memfd_make("forked", 0);
    memfd_size(fd, page_size());
    char *memory = memfd_map_shared(fd, page_size());
    int go[2];
    channel_create(go);
    struct child_view view = {.memory = memory, .go = go[0], .delay_ns = delay_ns};
    pid_t child = spawn_helper(look_then_store, &view);
    strcpy(memory, "from-parent");
    if (write(go[1], "g", 1) != 1) probe_fail("write: %s", strerror(errno));
    int status = reap(child, NULL);
    obs_value_bool(strcmp(memory, "from-child") == 0);
    obs_evidence_bool("child_saw_parent", status == 0);
    obs_evidence_str("parent_sees", memory);
    obs_emit();
}
