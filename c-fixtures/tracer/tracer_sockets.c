/* Socket names: a bind(2) to an address that is not loopback is recorded (the kit's rule keeps
 * traffic on loopback, and a server for local clients has no business listening elsewhere), and
 * a socket node made by bind is recorded with its mode, like every other object. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "tracer.h"

static bool is_loopback(const struct sockaddr *address) {
    if (address->sa_family == AF_INET) {
        const struct sockaddr_in *ipv4 = (const struct sockaddr_in *)address;
        return (ntohl(ipv4->sin_addr.s_addr) >> 24) == 127;
    }
    const struct sockaddr_in6 *ipv6 = (const struct sockaddr_in6 *)address;
    if (IN6_IS_ADDR_V4MAPPED(&ipv6->sin6_addr)) return ipv6->sin6_addr.s6_addr[12] == 127;
    return IN6_IS_ADDR_LOOPBACK(&ipv6->sin6_addr);
}

int bind(int fd, const struct sockaddr *address, socklen_t length) {
    int result = REAL(bind)(fd, address, length);
    if (result != 0 || !address) return result;
    trace_line line;
    if (address->sa_family == AF_INET || address->sa_family == AF_INET6) {
        char text[INET6_ADDRSTRLEN] = "?";
        const void *raw = address->sa_family == AF_INET
                              ? (const void *)&((const struct sockaddr_in *)address)->sin_addr
                              : (const void *)&((const struct sockaddr_in6 *)address)->sin6_addr;
        inet_ntop(address->sa_family, raw, text, sizeof text);
        line_start(&line, "bind");
        line_str(&line, "address", text);
        line_bool(&line, "loopback", is_loopback(address));
        line_emit(&line);
    } else if (address->sa_family == AF_UNIX) {
        const struct sockaddr_un *unix_address = (const struct sockaddr_un *)address;
        struct stat info;
        /* An abstract name (leading NUL) or an unnamed socket has no node to look at. */
        if (unix_address->sun_path[0] != '\0' && stat(unix_address->sun_path, &info) == 0) {
            line_start(&line, "object");
            line_str(&line, "kind", "socket");
            line_int(&line, "id", (long long)info.st_ino);
            line_str(&line, "name", unix_address->sun_path);
            line_int(&line, "mode", info.st_mode & 07777);
            line_emit(&line);
        }
    }
    return result;
}
