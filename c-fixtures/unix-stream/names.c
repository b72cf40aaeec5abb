/* The names of UNIX stream sockets: the filesystem node bind makes (its type, its mode, the write
 * permission connect needs, what outlives close) and the size of sun_path (unix(7) "Pathname
 * sockets", "Pathname socket ownership and permissions", BUGS; bind(2) ERRORS). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/probe.h"
#include "common/unix_sockets.h"
#include "cases.h"

#define NODE "node"

static void emit_mode(const char *key, mode_t mode) {
    char text[8];
    snprintf(text, sizeof text, "%04o", (unsigned)(mode & 07777));
    obs_evidence_str(key, text);
}

void node_type(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = NODE;
    unix_listener(SOCK_STREAM, path, 1);
    obs_value_str(unix_node_type(path));
    obs_emit();
}

/* The UMASK argument, in octal as the shell writes it ("077"). */
static mode_t umask_argument(int argc, char **argv) {
    if (argc < 1) probe_usage("node-mode needs UMASK (octal)");
    char *end = NULL;
    long mask = strtol(argv[0], &end, 8);
    if (end == argv[0] || *end || mask < 0 || mask > 0777)
        probe_usage("UMASK '%s' is not an octal mode", argv[0]);
    return (mode_t)mask;
}

void node_mode(int argc, char **argv) {
    mode_t mask = umask_argument(argc, argv);
    const char *path = NODE;
    umask(mask);
    unix_listener(SOCK_STREAM, path, 1);
    umask(077);
    struct stat node;
    if (lstat(path, &node) != 0) probe_fail("lstat %s: %s", path, strerror(errno));
    char mode[8];
    snprintf(mode, sizeof mode, "%04o", (unsigned)(node.st_mode & 07777));
    obs_value_str(mode);
    emit_mode("umask", mask);
    obs_emit();
}

void connect_without_write_permission(int argc, char **argv) {
    (void)argc, (void)argv;
    unix_observe_write_permission_needed(SOCK_STREAM);
    obs_emit();
}

/* Binds a listener to the node and closes it again, leaving the node behind. */
static const char *closed_listener_node(void) {
    const char *path = NODE;
    close(unix_listener(SOCK_STREAM, path, 1));
    return path;
}

void node_after_close(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = closed_listener_node();
    obs_value_str(unix_node_type(path));
    unlink(path);
    obs_evidence_str("after_unlink", unix_node_type(path));
    obs_emit();
}

void bind_leftover_node(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = closed_listener_node();
    struct sockaddr_un address;
    socklen_t length = unix_path_address(&address, path);
    int fd = unix_socket(SOCK_STREAM);
    int result = bind(fd, (struct sockaddr *)&address, length);
    int err = errno;
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    if (result < 0) {
        /* Once the leftover node is unlinked the same address binds: the node was the obstacle. */
        unlink(path);
        int again = bind(fd, (struct sockaddr *)&address, length);
        obs_evidence_str("bind_after_unlink", again == 0 ? "bound" : errno_name(errno));
    }
    obs_emit();
}

void connect_leftover_node(int argc, char **argv) {
    (void)argc, (void)argv;
    const char *path = closed_listener_node();
    guard_arm();
    int fd = unix_connect_to(SOCK_STREAM, 0, path);
    int err = errno;
    guard_disarm();
    obs_value_int(fd < 0 ? -1 : 0);
    obs_errno(fd < 0 ? err : 0);
    obs_evidence_str("node_type", unix_node_type(path));
    obs_emit();
}

#define SUN_PATH_SIZE sizeof(((struct sockaddr_un *)0)->sun_path)

/* A relative name of `length` copies of `fill`, made in the probe's directory (which becomes the
 * working directory, so the runner's TMPDIR prefix does not count against sun_path). */
static const char *name_in_probe_directory(char *name, size_t length, char fill) {
    unix_enter_probe_directory();
    memset(name, fill, length);
    name[length] = '\0';
    cleanup_unlink_later(probe_path(name));
    return name;
}

void sun_path_108(int argc, char **argv) {
    (void)argc, (void)argv;
    char name[SUN_PATH_SIZE + 1];
    name_in_probe_directory(name, SUN_PATH_SIZE, 'p');
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    memcpy(address.sun_path, name, SUN_PATH_SIZE); /* every byte used: no room for a NUL */
    int fd = unix_socket(SOCK_STREAM);
    int result = bind(fd, (struct sockaddr *)&address, sizeof address);
    int err = errno;
    if (result != 0) {
        obs_value_int(result);
        obs_errno(err);
    } else {
        /* A buffer larger than sockaddr_un, so the NUL the kernel appended comes back too. */
        char returned[sizeof(struct sockaddr_un) + 16] = {0};
        socklen_t returned_length = sizeof returned;
        if (getsockname(fd, (struct sockaddr *)returned, &returned_length) != 0)
            probe_fail("getsockname: %s", strerror(errno));
        size_t path_bytes = returned_length - offsetof(struct sockaddr_un, sun_path);
        obs_value_int((int64_t)strnlen(returned + offsetof(struct sockaddr_un, sun_path), path_bytes));
        obs_evidence_int("getsockname_addrlen", returned_length);
    }
    obs_evidence_int("sun_path_size", SUN_PATH_SIZE);
    obs_evidence_str("node_type", unix_node_type(name));
    obs_emit();
}

void sun_path_too_long(int argc, char **argv) {
    (void)argc, (void)argv;
    char name[SUN_PATH_SIZE + 2];
    name_in_probe_directory(name, SUN_PATH_SIZE + 1, 'q');
    /* An address one byte longer than struct sockaddr_un can hold. */
    struct __attribute__((packed)) {
        sa_family_t family;
        char path[SUN_PATH_SIZE + 1];
    } address = {.family = AF_UNIX};
    memcpy(address.path, name, sizeof address.path);
    int fd = unix_socket(SOCK_STREAM);
    int result = bind(fd, (struct sockaddr *)&address, sizeof address);
    int err = errno;
    obs_value_int(result);
    obs_errno(result < 0 ? err : 0);
    obs_evidence_int("addrlen", sizeof address);
    obs_evidence_int("sizeof_sockaddr_un", sizeof(struct sockaddr_un));
    obs_evidence_str("node_type", unix_node_type(name));
    obs_emit();
}
