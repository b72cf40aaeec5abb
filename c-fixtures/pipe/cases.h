/* Kinship and persistence cases of pipe-probe: who can reach a pipe, and when it is gone. */
#ifndef IPC_CONFORMANCE_PIPE_KIN_CASES_H
#define IPC_CONFORMANCE_PIPE_KIN_CASES_H

void inherited_by_child(int argc, char **argv);
void no_filesystem_name(int argc, char **argv);
void scm_rights_to_unrelated(int argc, char **argv);
void proc_fd_to_unrelated(int argc, char **argv);
void gone_with_last_descriptor(int argc, char **argv);
void helper_scm(int argc, char **argv);
void helper_procfd(int argc, char **argv);

#endif
