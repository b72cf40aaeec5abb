/* Cases of unix-stream-probe kept in companion files: the names bind gives a stream socket
 * (names.c) and who can reach a peer, with which identity (kin.c). */
#ifndef IPC_CONFORMANCE_UNIX_STREAM_CASES_H
#define IPC_CONFORMANCE_UNIX_STREAM_CASES_H

void node_type(int argc, char **argv);
void node_mode(int argc, char **argv);
void connect_without_write_permission(int argc, char **argv);
void node_after_close(int argc, char **argv);
void bind_leftover_node(int argc, char **argv);
void connect_leftover_node(int argc, char **argv);
void sun_path_108(int argc, char **argv);
void sun_path_too_long(int argc, char **argv);

void socketpair_parent_child(int argc, char **argv);
void scm_rights_to_unrelated(int argc, char **argv);
void helper_use_passed_fd(int argc, char **argv);
void peer_credentials(int argc, char **argv);

/* Pids across the boundary of a PID namespace of the probe's own (pid_namespace.c). */
void peercred_across_pid_namespace(int argc, char **argv);
void scm_credentials_across_pid_namespace(int argc, char **argv);

#endif
