/* Fault shim (LD_PRELOAD): every AF_UNIX SOCK_SEQPACKET socket or socketpair is made as a
 * SOCK_STREAM one. Breaks unix(7)'s "SOCK_SEQPACKET preserves message boundaries", so the kit must
 * report unix-seqpacket.boundaries.each-recv-returns-one-message as failed with 7 bytes read. */
#include <dlfcn.h>
#include <sys/socket.h>

static int stream_instead_of_seqpacket(int domain, int type) {
    int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
    return domain == AF_UNIX && (type & ~flags) == SOCK_SEQPACKET ? SOCK_STREAM | flags : type;
}

int socket(int domain, int type, int protocol) {
    static int (*real_socket)(int, int, int);
    if (!real_socket) real_socket = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
    return real_socket(domain, stream_instead_of_seqpacket(domain, type), protocol);
}

int socketpair(int domain, int type, int protocol, int fds[2]) {
    static int (*real_socketpair)(int, int, int, int[2]);
    if (!real_socketpair) real_socketpair = (int (*)(int, int, int, int[2]))dlsym(RTLD_NEXT, "socketpair");
    return real_socketpair(domain, stream_instead_of_seqpacket(domain, type), protocol, fds);
}
