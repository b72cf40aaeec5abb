/* Flow control and edges of unix-dgram-probe (edges.c): a full receiver, refusals, autobind,
 * sender names, zero-length datagrams and credentials a sender may not forge. */
#ifndef IPC_CONFORMANCE_UNIX_DGRAM_EDGES_H
#define IPC_CONFORMANCE_UNIX_DGRAM_EDGES_H

void send_to_full_peer_blocks(int argc, char **argv);
void send_to_full_peer_dontwait(int argc, char **argv);
void connect_leftover_node(int argc, char **argv);
void sendto_socket_connected_elsewhere(int argc, char **argv);
void sendto_missing_path(int argc, char **argv);
void autobind(int argc, char **argv);
void recvfrom_names_sender(int argc, char **argv);
void zero_length_datagram(int argc, char **argv);
void recv_dontwait_empty(int argc, char **argv);
void forged_credentials(int argc, char **argv);

#endif
