/* Edge cases of fifo-probe (edges.c): opening read-write, seeking, making a name twice and
 * resizing a FIFO's buffer. */
#ifndef IPC_CONFORMANCE_FIFO_EDGES_H
#define IPC_CONFORMANCE_FIFO_EDGES_H

void open_rdwr_does_not_block(int argc, char **argv);
void lseek_fifo(int argc, char **argv);
void mkfifo_existing(int argc, char **argv);
void set_size_fifo(int argc, char **argv);

#endif
