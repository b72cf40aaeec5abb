/* Edge cases of unix-seqpacket-probe (edges.c): truncated packets, half-close, MSG_NOSIGNAL and a
 * listener that is not listening. */
#ifndef IPC_CONFORMANCE_UNIX_SEQPACKET_EDGES_H
#define IPC_CONFORMANCE_UNIX_SEQPACKET_EDGES_H

void short_recvmsg_flags(int argc, char **argv);
void recv_msg_trunc(int argc, char **argv);
void shutdown_write_gives_peer_eof(int argc, char **argv);
void nosignal_after_peer_closed(int argc, char **argv);
void connect_not_listening(int argc, char **argv);

#endif
