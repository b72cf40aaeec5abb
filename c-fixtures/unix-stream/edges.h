/* Edge cases of unix-stream-probe (edges.c): half-close, refusals and resets, names, SO_PEERCRED
 * of a socketpair and descriptors in flight. */
#ifndef IPC_CONFORMANCE_UNIX_STREAM_EDGES_H
#define IPC_CONFORMANCE_UNIX_STREAM_EDGES_H

void shutdown_write_gives_peer_eof(int argc, char **argv);
void connect_not_listening(int argc, char **argv);
void close_listener_resets_pending(int argc, char **argv);
void socketpair_peercred(int argc, char **argv);
void scm_rights_survives_sender_close(int argc, char **argv);
void msg_ctrunc(int argc, char **argv);
void ctrunc_dropped_descriptor_is_closed(int argc, char **argv);
void cmsg_cloexec(int argc, char **argv);
void socket_names(int argc, char **argv);
void server_peer_addrlen(int argc, char **argv);
void socketpair_inet(int argc, char **argv);
void recv_dontwait_empty(int argc, char **argv);
void siocinq(int argc, char **argv);

#endif
