/* Fault shim (LD_PRELOAD): recv() and recvfrom() on a UDP socket append every further datagram
 * already queued to the one asked for, as long as the buffer has room. Breaks udp(7)'s "all
 * receive operations return only one packet", so the kit must report the datagram boundary
 * properties as failed with the merged length it measured. */
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

typedef ssize_t (*recvfrom_function)(int, void *, size_t, int, struct sockaddr *, socklen_t *);

static recvfrom_function real_recvfrom(void) {
    static recvfrom_function function;
    if (!function) function = (recvfrom_function)dlsym(RTLD_NEXT, "recvfrom");
    return function;
}

static int is_udp(int fd) {
    int type = 0;
    struct sockaddr_storage address;
    socklen_t type_length = sizeof type, address_length = sizeof address;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_length) != 0 || type != SOCK_DGRAM) return 0;
    if (getsockname(fd, (struct sockaddr *)&address, &address_length) != 0) return 0;
    return address.ss_family == AF_INET || address.ss_family == AF_INET6;
}

ssize_t recvfrom(int fd, void *buffer, size_t size, int flags, struct sockaddr *from,
                 socklen_t *from_length) {
    ssize_t n = real_recvfrom()(fd, buffer, size, flags, from, from_length);
    int saved = errno;
    if (n <= 0 || (flags & (MSG_PEEK | MSG_TRUNC)) || !is_udp(fd)) {
        errno = saved;
        return n;
    }
    /* Bounded: at most 64 further datagrams, each taken only while the buffer has room. */
    for (int more = 0; more < 64 && (size_t)n < size; more++) {
        ssize_t next =
            real_recvfrom()(fd, (char *)buffer + n, size - (size_t)n, flags | MSG_DONTWAIT, NULL, NULL);
        if (next <= 0) break;
        n += next;
    }
    errno = saved;
    return n;
}

ssize_t recv(int fd, void *buffer, size_t size, int flags) {
    return recvfrom(fd, buffer, size, flags, NULL, NULL);
}
