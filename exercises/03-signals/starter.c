/* Exercise 03: copy standard input to a file while counting SIGUSR1 signals.
 * usage: prog OUTPUT < INPUT
 * At the end the number of SIGUSR1 received is printed on stderr. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE 4096

static int usr1_count = 0;

static void on_usr1(int signo) {
    usr1_count++;
    printf("got signal %d (%d so far)\n", signo, usr1_count);
}

int main(int argc, char *argv[]) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT < INPUT\n", argv[0]);
        return 1;
    }

    /* install the handler with sigaction, as the task asks */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    if (sigaction(SIGUSR1, &sa, NULL) < 0) {
        perror("sigaction");
        return 1;
    }

    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        perror("open output");
        return 1;
    }

    /* copy stdin to the output until there is nothing more to read */
    char buf[BUF_SIZE];
    ssize_t n;
    while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0) {
        if (write(out, buf, n) != n) {
            perror("write");
            return 1;
        }
    }
    close(out);

    fprintf(stderr, "received %d SIGUSR1\n", usr1_count);
    return 0;
}
