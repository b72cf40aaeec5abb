/* Exercise 02, reference solution: copy a file from a parent to its child through a FIFO.
 * usage: prog INPUT OUTPUT
 * The FIFO channel.fifo is made in the current directory with mode 0600 (owner only), its name is
 * removed as soon as both ends are open (the open descriptors keep the pipe itself alive), and the
 * parent collects the child with waitpid. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIFO_NAME "channel.fifo"
#define BUF_SIZE  4096

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

/* Copies `from` to `to` until read(2) returns 0. Returns 0, or -1 with `what` naming the side. */
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

/* Opening a FIFO blocks until the other side opens it too; a signal may interrupt the wait. */
static int open_fifo(int flags) {
    int fd;
    do fd = open(FIFO_NAME, flags);
    while (fd < 0 && errno == EINTR);
    return fd;
}

/* The child: the reading side. Returns its exit status. */
static int reader(int out) {
    int fd = open_fifo(O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "child: open %s for reading: %s\n", FIFO_NAME, strerror(errno));
        return 1;
    }
    const char *what = "";
    if (copy_all(fd, out, &what) < 0) {
        fprintf(stderr, "child: %s: %s\n", what, strerror(errno));
        return 1;
    }
    close(fd);
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

/* The parent: the writing side. Returns 0 when everything was sent. */
static int writer(pid_t child, int in) {
    /* This waits for the child's open. Only a change to the node (its mode, or its removal) could
     * make that open fail, and no other program touches our private working directory. */
    int fd = open_fifo(O_WRONLY);
    /* Once the open has returned, both ends are open (a FIFO's open completes for the reader and
     * the writer together), so the name has done its job: remove it now, on success and failure
     * alike, and nothing is left in the directory whatever happens next. */
    int open_errno = errno;
    if (unlink(FIFO_NAME) < 0) fprintf(stderr, "unlink %s: %s\n", FIFO_NAME, strerror(errno));
    if (fd < 0) {
        fprintf(stderr, "open %s for writing: %s\n", FIFO_NAME, strerror(open_errno));
        kill(child, SIGTERM); /* it is blocked opening the other end, which will never come */
        return 1;
    }
    const char *what = "";
    int failed = copy_all(in, fd, &what);
    if (failed) fprintf(stderr, "parent: %s: %s\n", what, strerror(errno));
    /* Closing the write end is the end of file the child is waiting for. */
    if (close(fd) < 0) {
        fprintf(stderr, "close %s: %s\n", FIFO_NAME, strerror(errno));
        failed = 1;
    }
    return failed ? 1 : 0;
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 2;
    }
    /* Both files are opened before the FIFO exists, so a bad argument leaves nothing behind. */
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
    /* A dead reader turns our writes into SIGPIPE, which kills without a word; ignored, the
     * write fails with EPIPE instead and we can say so. */
    if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
        fprintf(stderr, "ignore SIGPIPE: %s\n", strerror(errno));
        return 1;
    }
    /* 0600: only the owner may open the FIFO. Anyone allowed to open it could read our data or
     * slip their own bytes in; the umask may remove bits from the mode, never add them. */
    if (mkfifo(FIFO_NAME, 0600) < 0) {
        fprintf(stderr, "mkfifo %s: %s\n", FIFO_NAME, strerror(errno));
        return 1;
    }

    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "fork: %s\n", strerror(errno));
        unlink(FIFO_NAME);
        return 1;
    }
    if (child == 0) {
        close(in);
        /* _exit: the child must not flush stdio buffers it inherited from the parent. */
        _exit(reader(out));
    }

    close(out); /* the output is the child's business */
    int failed = writer(child, in);
    close(in);
    int child_status = wait_for(child);
    if (child_status != 0 && !failed) fprintf(stderr, "the child failed (status %d)\n", child_status);
    return failed || child_status != 0 ? 1 : 0;
}
