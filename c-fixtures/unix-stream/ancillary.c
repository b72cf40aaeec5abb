/* Descriptor passing with control messages: see ancillary.h. */
#include "ancillary.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "common/probe.h"

bool ancillary_send_fds(int socket, const int *fds, int count) {
    union {
        char buffer[CMSG_SPACE(sizeof(int) * 8)];
        struct cmsghdr align;
    } control;
    if (count < 1 || count > 8) return false;
    memset(&control, 0, sizeof control);
    char byte = 'f';
    struct iovec data = {.iov_base = &byte, .iov_len = 1};
    struct msghdr message = {.msg_iov = &data,
                             .msg_iovlen = 1,
                             .msg_control = control.buffer,
                             .msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)count)};
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)count);
    memcpy(CMSG_DATA(header), fds, sizeof(int) * (size_t)count);
    return sendmsg(socket, &message, 0) == 1;
}

struct ancillary_received ancillary_receive(int socket, size_t control_room, int flags) {
    struct ancillary_received received = {.count = 0};
    union {
        char buffer[CMSG_SPACE(sizeof(int) * 8)];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    if (control_room > sizeof control.buffer) probe_fail("control room %zu is too large", control_room);
    char byte;
    struct iovec data = {.iov_base = &byte, .iov_len = 1};
    struct msghdr message = {.msg_iov = &data,
                             .msg_iovlen = 1,
                             .msg_control = control_room ? control.buffer : NULL,
                             .msg_controllen = control_room};
    guard_arm();
    received.result = recvmsg(socket, &message, flags);
    received.err = received.result < 0 ? errno : 0;
    guard_disarm();
    received.msg_flags = message.msg_flags;
    if (received.result < 0 || !control_room) return received;
    for (struct cmsghdr *header = CMSG_FIRSTHDR(&message); header; header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) continue;
        int n = (int)((header->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int i = 0; i < n && received.count < 8; i++)
            memcpy(&received.fds[received.count++], CMSG_DATA(header) + sizeof(int) * (size_t)i, sizeof(int));
    }
    return received;
}
