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

#define PIPE_KIN_CASES                                          \
    {"inherited-by-child", inherited_by_child},                 \
    {"no-filesystem-name", no_filesystem_name},                 \
    {"scm-rights-to-unrelated", scm_rights_to_unrelated},       \
    {"proc-fd-to-unrelated", proc_fd_to_unrelated},             \
    {"gone-with-last-descriptor", gone_with_last_descriptor},   \
    {"helper-scm", helper_scm},                                 \
    {"helper-procfd", helper_procfd}

#endif
