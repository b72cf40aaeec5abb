/* The cases of tcp-probe that are about ports rather than the byte stream (port.c). */
#ifndef IPC_CONFORMANCE_TCP_CASES_H
#define IPC_CONFORMANCE_TCP_CASES_H

void tcp_connect_no_listener(int argc, char **argv);
void tcp_rebind_time_wait(int argc, char **argv);
void tcp_second_listener(int argc, char **argv);

#endif
