/* Flow-control and edge cases of pipe-probe (flow.c). */
#ifndef IPC_CONFORMANCE_PIPE_FLOW_H
#define IPC_CONFORMANCE_PIPE_FLOW_H

void small_write_into_less_room(int argc, char **argv);
void large_write_into_less_room(int argc, char **argv);
void shrink_below_content(int argc, char **argv);
void above_max_follows_cap_sys_resource(int argc, char **argv);
void over_user_soft_limit(int argc, char **argv);
void direct_two_writes_one_read(int argc, char **argv);
void direct_short_read_discards_rest(int argc, char **argv);
void fionread(int argc, char **argv);
void read_zero_bytes(int argc, char **argv);
void pipe2_flags(int argc, char **argv);
void pipe2_bad_flag(int argc, char **argv);
void lseek_pipe(int argc, char **argv);

#endif
