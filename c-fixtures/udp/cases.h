/* What probe.c and its companion overflow.c share. */
#ifndef IPC_CONFORMANCE_UDP_CASES_H
#define IPC_CONFORMANCE_UDP_CASES_H

#include <stdint.h>

#include "common/loopback.h"

/* A UDP socket connect()ed to the loopback `port`, or loopback_setup_failed. */
int udp_connected_sender(loopback_family family, uint16_t port);

void udp_overflow_dropped(int argc, char **argv);
void udp_overflow_damaged(int argc, char **argv);

#endif
