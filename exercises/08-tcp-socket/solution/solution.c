/* Exercise 08, reference solution: an echo over TCP on the loopback interface.
 * usage: prog INPUT OUTPUT
 * The parent listens on 127.0.0.1, port 0 (the kernel picks a free one, getsockname tells which),
 * then forks the client. The client sends INPUT from one thread and writes the echo to OUTPUT from
 * another; the server echoes until end-of-file, then waits for the client. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* send(2) on a TCP socket may take fewer bytes than offered: loop until all are sent.
 * MSG_NOSIGNAL: if the peer has gone, report EPIPE instead of dying of SIGPIPE. */
static int send_all(int sock, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = send(sock, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* write(2) to the output file, continued until everything is written. */
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

/* ---- the client (the child process) -------------------------------------------------------- */

struct sender {
    int sock;
    int in; /* the input file */
    int failed;
};

/* Sends the whole input, then shuts down the sending direction: that is the end-of-file the
 * server echoes until. The receiving direction stays open for the rest of the echo. */
static void *send_input(void *arg) {
    struct sender *sender = arg;
    sender->failed = 1;
    char buf[65536];
    for (;;) {
        ssize_t n = read(sender->in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            fprintf(stderr, "client: read input: %s\n", strerror(errno));
            break;
        }
        if (n == 0) {
            sender->failed = 0;
            break;
        }
        if (send_all(sender->sock, buf, (size_t)n) < 0) {
            fprintf(stderr, "client: send: %s\n", strerror(errno));
            break;
        }
    }
    /* Even after a failure: the server then echoes what it got and closes, so nobody hangs. */
    if (shutdown(sender->sock, SHUT_WR) < 0) {
        fprintf(stderr, "client: shutdown: %s\n", strerror(errno));
        sender->failed = 1;
    }
    return NULL;
}

/* Receives the echo until the server closes, into `out`. */
static int receive_echo(int sock, int out) {
    char buf[65536];
    for (;;) {
        ssize_t n = recv(sock, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) return 0;
        if (write_all(out, buf, (size_t)n) < 0) return -1;
    }
}

/* Sending and receiving run at the same time on purpose: the echo comes back while the input is
 * still going out. A client that sent everything before reading would rely on the socket buffers
 * holding the whole echo; once they are full, the server blocks sending, stops reading, and then
 * the client blocks sending too: both wait for each other for ever. */
static int run_client(const struct sockaddr_in *server, int in, int out) {
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    if (sock < 0 || connect(sock, (const struct sockaddr *)server, sizeof *server) < 0) {
        fprintf(stderr, "client: connect: %s\n", strerror(errno));
        return 1;
    }
    struct sender sender = {.sock = sock, .in = in, .failed = 0};
    pthread_t thread;
    int err = pthread_create(&thread, NULL, send_input, &sender);
    if (err != 0) {
        fprintf(stderr, "client: pthread_create: %s\n", strerror(err));
        return 1;
    }
    int failed = 0;
    if (receive_echo(sock, out) < 0) {
        fprintf(stderr, "client: receive: %s\n", strerror(errno));
        failed = 1;
        shutdown(sock, SHUT_RDWR); /* wakes the sender if it is blocked */
    }
    pthread_join(thread, NULL);
    if (close(out) < 0) {
        fprintf(stderr, "client: close output: %s\n", strerror(errno));
        failed = 1;
    }
    close(sock);
    return failed || sender.failed;
}

/* ---- the server (the parent process) ------------------------------------------------------- */

/* Waits for the client's connection and accepts it. A client that dies before connecting never
 * will, so between short polls the wait looks whether the child is still there, rather than
 * blocking in accept for ever. */
static int accept_client(int listener, pid_t child, int *child_status, int *child_reaped) {
    for (;;) {
        struct pollfd ready = {.fd = listener, .events = POLLIN};
        int n = poll(&ready, 1, 100);
        if (n < 0 && errno != EINTR) return -1;
        if (n > 0) {
            int conn;
            while ((conn = accept(listener, NULL, NULL)) < 0 && errno == EINTR) continue;
            return conn;
        }
        if (waitpid(child, child_status, WNOHANG) == child) {
            *child_reaped = 1;
            errno = ECONNABORTED;
            return -1;
        }
    }
}

/* Echoes everything received on `conn` until the client shuts down its sending side. */
static int echo_until_eof(int conn) {
    char buf[65536];
    for (;;) {
        ssize_t n = recv(conn, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) return 0;
        if (send_all(conn, buf, (size_t)n) < 0) return -1;
    }
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 2;
    }

    /* Both files first, before anything else is made: a bad path is one error and nothing to
     * undo. The client, forked below, inherits them. */
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        fprintf(stderr, "cannot create %s: %s\n", argv[2], strerror(errno));
        return 1;
    }

    /* 127.0.0.1 only: the client is on this machine, so nothing on any other interface has any
     * business reaching the server. Port 0 lets the kernel choose a free port. */
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(0);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) < 0 ||
        listen(listener, 1) < 0) {
        fprintf(stderr, "cannot listen on 127.0.0.1: %s\n", strerror(errno));
        return 1;
    }
    socklen_t length = sizeof address;
    if (getsockname(listener, (struct sockaddr *)&address, &length) < 0) {
        fprintf(stderr, "getsockname: %s\n", strerror(errno));
        return 1;
    }

    /* Listening before the fork: the client's connect is queued even if it runs first. */
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "fork: %s\n", strerror(errno));
        return 1;
    }
    if (child == 0) {
        close(listener);
        /* _exit: the parent's stdio buffers and exit handlers are not the child's to run. */
        _exit(run_client(&address, in, out));
    }
    close(in);
    close(out);

    int ok = 1, status = 0, reaped = 0;
    int conn = accept_client(listener, child, &status, &reaped);
    close(listener);
    if (conn < 0) {
        if (!reaped) /* else the client ended without connecting, and has said why */
            fprintf(stderr, "accept: %s\n", strerror(errno));
        ok = 0;
    } else {
        if (echo_until_eof(conn) < 0) {
            fprintf(stderr, "echo: %s\n", strerror(errno));
            ok = 0;
        }
        /* Closing ends the echo stream: the client's receive loop sees end-of-file. */
        close(conn);
    }

    /* The client's exit status says whether the whole echo reached the output. */
    while (!reaped && waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "waitpid: %s\n", strerror(errno));
            return 1;
        }
    }
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "the client was killed by signal %d\n", WTERMSIG(status));
        ok = 0;
    } else if (WEXITSTATUS(status) != 0) {
        ok = 0; /* the client has said why on stderr */
    }
    return ok ? 0 : 1;
}
