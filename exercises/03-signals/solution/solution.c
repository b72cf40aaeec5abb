/* Exercise 03, reference solution: copy standard input to a file while counting SIGUSR1.
 * usage: prog OUTPUT < INPUT
 * The handler only counts, in a volatile sig_atomic_t; everything else (the copy, the report on
 * stderr) happens in main. A signal that interrupts a read or write is not the end of the data:
 * the call is restarted, by SA_RESTART and, where that does not reach, by retrying on EINTR. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BUF_SIZE 4096

/* sig_atomic_t: read and written in one piece even when a signal arrives in the middle of main's
 * access; volatile: main really reads memory each time instead of a copy kept in a register. */
static volatile sig_atomic_t usr1_count;

/* Runs between any two instructions of main, possibly inside a stdio or malloc call that holds a
 * lock: so it touches nothing but the counter (signal-safety(7)). SIGUSR1 is blocked while it
 * runs, so two increments never overlap. */
static void count_usr1(int signo) {
    (void)signo;
    usr1_count++;
}

/* write(2) may move fewer bytes than asked, or be interrupted before moving any: loop. */
static int write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

int main(int argc, char *argv[]) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT < INPUT\n", argv[0]);
        return 2;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = count_usr1;
    if (sigemptyset(&sa.sa_mask) < 0) {
        fprintf(stderr, "sigemptyset: %s\n", strerror(errno));
        return 1;
    }
    /* SA_RESTART: a read or write on a pipe, a terminal or a file that the signal interrupted
     * before it moved any data starts again instead of failing with EINTR. */
    sa.sa_flags = SA_RESTART;
    if (sigaction(SIGUSR1, &sa, NULL) < 0) {
        fprintf(stderr, "sigaction SIGUSR1: %s\n", strerror(errno));
        return 1;
    }

    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) {
        fprintf(stderr, "cannot create %s: %s\n", argv[1], strerror(errno));
        return 1;
    }

    char buf[BUF_SIZE];
    for (;;) {
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        /* Not every call honours SA_RESTART (signal(7) lists the exceptions), so an
         * interrupted read is retried here as well: EINTR says nothing about the data. */
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            fprintf(stderr, "read stdin: %s\n", strerror(errno));
            return 1;
        }
        if (n == 0) /* the only end of the data: the writer closed its end */
            break;
        if (write_all(out, buf, (size_t)n) < 0) {
            fprintf(stderr, "write %s: %s\n", argv[1], strerror(errno));
            return 1;
        }
    }
    if (close(out) < 0) { /* a delayed write error can show up only here */
        fprintf(stderr, "close %s: %s\n", argv[1], strerror(errno));
        return 1;
    }

    fprintf(stderr, "received %d SIGUSR1\n", (int)usr1_count);
    return 0;
}
