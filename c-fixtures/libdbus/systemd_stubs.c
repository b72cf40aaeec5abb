/* libdbus's static archive refers to two libsystemd functions that only a bus *server* started by
 * systemd socket activation calls. The probes are clients, and Debian ships no static libsystemd,
 * so these stand-ins say "no sockets were passed" and let the probe link statically. */
#include <stddef.h>

int sd_listen_fds(int unset_environment);
int sd_is_socket(int fd, int family, int type, int listening);

int sd_listen_fds(int unset_environment) {
    (void)unset_environment;
    return 0;
}

int sd_is_socket(int fd, int family, int type, int listening) {
    (void)fd, (void)family, (void)type, (void)listening;
    return 0;
}
