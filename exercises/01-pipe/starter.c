/* Exercise 01: send a file from a parent to its child through a pipe.
 * usage: prog INPUT OUTPUT
 * The parent reads INPUT into the pipe; the child writes what comes out of the pipe to OUTPUT. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define BUF_SIZE 4096

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 1;
    }

    int fds[2]; /* fds[0] is the read end, fds[1] the write end */
    if (pipe(fds) < 0) {
        perror("pipe");
        return 1;
    }

    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }

    if (pid == 0) {
        /* child: copy everything from the pipe into the output file */
        int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0) {
            perror("open output");
            exit(1);
        }
        char buf[BUF_SIZE];
        ssize_t n;
        while ((n = read(fds[0], buf, sizeof buf)) > 0) write(out, buf, n);
        close(out);
        close(fds[0]);
        exit(0);
    }

    /* parent: send the input file into the pipe */
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        perror("open input");
        return 1;
    }
    char buf[BUF_SIZE];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) write(fds[1], buf, n);
    close(in);
    close(fds[1]); /* we are done writing */

    sleep(1); /* give the child time to write the last bytes */
    printf("sent %s to child %d\n", argv[1], (int)pid);
    return 0;
}
