/* Exercise 01, reference solution: send a file from a parent to its child through a pipe.
 * usage: prog INPUT OUTPUT
 * The parent writes INPUT into the pipe and closes its write end; the child copies the pipe to
 * OUTPUT until read(2) returns 0 (end of file) and exits; the parent collects it with waitpid. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUF_SIZE 4096

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

/* Copies `from` to `to` until end of file. A read may return any amount from 1 byte up to the
 * buffer size; only 0 means the data has ended. Returns 0, or -1 with `what` naming the side. */
static int copy_all(int from, int to, const char **what) {
    char buf[BUF_SIZE];
    for (;;) {
        ssize_t n = read(from, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            *what = "read";
            return -1;
        }
        if (n == 0) return 0;
        if (write_all(to, buf, (size_t)n) < 0) {
            *what = "write";
            return -1;
        }
    }
}

/* The child's whole life. It closes the write end first: a reader sees end of file only once
 * every descriptor of the write end is closed, its own inherited copy included. */
static int receive(int read_end, int write_end, int out) {
    const char *what = "";
    if (close(write_end) < 0) {
        fprintf(stderr, "child: close write end: %s\n", strerror(errno));
        return 1;
    }
    if (copy_all(read_end, out, &what) < 0) {
        fprintf(stderr, "child: %s: %s\n", what, strerror(errno));
        return 1;
    }
    if (close(out) < 0) { /* a delayed write error can show up only here */
        fprintf(stderr, "child: close output: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}

/* Waits for the child, retrying when a signal interrupts the wait; returns its exit status, or 1
 * when it did not exit normally. */
static int wait_for(pid_t child) {
    int status;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "waitpid: %s\n", strerror(errno));
            return 1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 2;
    }
    /* Both files are opened before fork, so a bad argument ends the program before there is a
     * child to look after. */
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) {
        fprintf(stderr, "cannot create %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    int fds[2];
    if (pipe(fds) < 0) {
        fprintf(stderr, "pipe: %s\n", strerror(errno));
        return 1;
    }
    /* If the child dies early, writing to the pipe raises SIGPIPE, which would kill the parent
     * without a word; ignored, the write fails with EPIPE and the parent can say so. */
    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
        fprintf(stderr, "ignore SIGPIPE: %s\n", strerror(errno));
        return 1;
    }

    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "fork: %s\n", strerror(errno));
        return 1;
    }
    if (child == 0) {
        close(in); /* the input is the parent's business */
        /* _exit: the child must not flush stdio buffers it inherited from the parent. */
        _exit(receive(fds[0], fds[1], out));
    }

    /* The parent never reads the pipe nor writes the output: close its copies of both. */
    close(fds[0]);
    close(out);
    const char *what = "";
    int failed = copy_all(in, fds[1], &what);
    if (failed) fprintf(stderr, "parent: %s: %s\n", what, strerror(errno));
    close(in);
    /* Closing the last write end is what tells the child the data has ended; it must happen
     * before the wait, or the two processes wait for each other forever. */
    if (close(fds[1]) < 0) {
        fprintf(stderr, "close write end: %s\n", strerror(errno));
        failed = 1;
    }
    int child_status = wait_for(child);
    if (child_status != 0) fprintf(stderr, "the child failed (status %d)\n", child_status);
    return failed || child_status != 0 ? 1 : 0;
}
