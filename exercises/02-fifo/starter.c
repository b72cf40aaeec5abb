/* Exercise 02: copy a file from a parent to its child through a FIFO (named pipe).
 * usage: prog INPUT OUTPUT
 * The FIFO is called channel.fifo and lives in the current directory. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIFO_NAME "channel.fifo"
#define BUF_SIZE  4096

/* child: read everything from the FIFO and store it in the output file */
static void reader(const char *output) {
    int fd = open(FIFO_NAME, O_RDONLY);
    if (fd < 0) {
        perror("open fifo for reading");
        exit(1);
    }
    int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        perror("open output");
        exit(1);
    }
    char buf[BUF_SIZE];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) write(out, buf, n);
    close(out);
    close(fd);
    exit(0);
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 1;
    }

    /* make the FIFO so that both processes can open it by name */
    if (mkfifo(FIFO_NAME, 0666) < 0) {
        perror("mkfifo");
        return 1;
    }

    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) reader(argv[2]);

    /* parent: this blocks until the child has opened the other end */
    int fd = open(FIFO_NAME, O_WRONLY);
    if (fd < 0) {
        perror("open fifo for writing");
        return 1;
    }
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        perror("open input");
        return 1;
    }
    char buf[BUF_SIZE];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) write(fd, buf, n);
    close(in);
    close(fd);

    sleep(1); /* let the reader finish writing the output */
    printf("copied %s through %s\n", argv[1], FIFO_NAME);
    return 0;
}
