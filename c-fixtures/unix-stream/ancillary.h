/* Descriptor passing with control messages (unix(7) SCM_RIGHTS, cmsg(3), recvmsg(2)) for the
 * cases of edges.c: several descriptors in one message, a receive with a chosen control room. */
#ifndef IPC_CONFORMANCE_UNIX_STREAM_ANCILLARY_H
#define IPC_CONFORMANCE_UNIX_STREAM_ANCILLARY_H

#include <stdbool.h>
#include <stddef.h>

/* Sends `count` descriptors in one SCM_RIGHTS message, carried by one data byte. */
bool ancillary_send_fds(int socket, const int *fds, int count);

/* What one recvmsg of a data byte gave: the descriptors that arrived and msg_flags. */
struct ancillary_received {
    int fds[8];
    int count;
    int msg_flags;
    long result;
    int err;
};
/* recvmsg of one byte with `control_room` bytes of control buffer (0: msg_control NULL). */
struct ancillary_received ancillary_receive(int socket, size_t control_room, int flags);

#endif
