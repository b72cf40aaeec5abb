/* Exercise 07, reference solution: send a file over a UNIX stream socket.
 * usage: prog INPUT OUTPUT
 * The parent binds ./server.sock and listens *before* it forks the client, so the client's
 * connect cannot come too early; a stream has no message boundaries, so the server reads until
 * end-of-file, and the socket name is removed as soon as the one client has been accepted. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define SOCKET_NAME "server.sock"

/* write(2) on a socket may send fewer bytes than asked: loop until everything is out. */
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

/* Copies everything from `from` to `to` until read(2) reports end-of-file (returns 0). A single
 * read returns whatever has arrived so far, which on a stream is any amount. */
static int copy_until_eof(int from, int to) {
    char buf[65536];
    for (;;) {
        ssize_t n = read(from, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) return 0;
        if (write_all(to, buf, (size_t)n) < 0) return -1;
    }
}

static struct sockaddr_un server_address(void) {
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    strcpy(address.sun_path, SOCKET_NAME); /* short and fixed: it fits sun_path */
    return address;
}

/* The child: connect to a server that is already listening, send the file `in`, close. */
static int run_client(int in) {
    int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = server_address();
    if (sock < 0 || connect(sock, (struct sockaddr *)&address, sizeof address) < 0) {
        fprintf(stderr, "client: connect %s: %s\n", SOCKET_NAME, strerror(errno));
        return 1;
    }
    int failed = copy_until_eof(in, sock) < 0;
    if (failed) fprintf(stderr, "client: send: %s\n", strerror(errno));
    /* Closing is what tells the server "that was all": its read then returns 0. */
    if (close(sock) < 0 && !failed) {
        fprintf(stderr, "client: close: %s\n", strerror(errno));
        failed = 1;
    }
    return failed;
}

/* Waits until the client's connection is ready to accept, and returns it. The client could end
 * before connecting (it could not even make its socket, say); then nobody will ever connect, so
 * the wait looks at the child between short polls instead of blocking in accept for good. */
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

static int wait_for(pid_t child, int *status) {
    while (waitpid(child, status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return 0;
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 2;
    }

    /* Both files first, before anything else is made: a bad path is one error and nothing to
     * undo. The child inherits `in`; the server writes to `out`. */
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
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0) {
        fprintf(stderr, "socket: %s\n", strerror(errno));
        return 1;
    }
    struct sockaddr_un address = server_address();
    /* bind(2) creates the node with the process's umask applied: a umask of 0177 makes it 0600,
     * so no other user can connect (connecting needs write permission on the node). */
    mode_t old_umask = umask(0177);
    int bound = bind(listener, (struct sockaddr *)&address, sizeof address);
    umask(old_umask);
    if (bound < 0) {
        fprintf(stderr, "bind %s: %s\n", SOCKET_NAME, strerror(errno));
        return 1;
    }
    /* From here on the node exists: every path below removes it. Listening before the fork means
     * the client's connect finds a queue waiting for it, whichever process runs first. */
    if (listen(listener, 1) < 0) {
        fprintf(stderr, "listen: %s\n", strerror(errno));
        unlink(SOCKET_NAME);
        return 1;
    }

    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "fork: %s\n", strerror(errno));
        unlink(SOCKET_NAME);
        return 1;
    }
    if (child == 0) {
        close(listener);
        close(out);
        /* _exit: the parent's stdio buffers and exit handlers are not the child's to run. */
        _exit(run_client(in));
    }
    close(in);

    int ok = 1, status = 0, reaped = 0;
    int conn = accept_client(listener, child, &status, &reaped);
    /* The name was only needed for the client to find us: remove it now, not at the very end,
     * so no later failure can leave it behind. The accepted connection does not need it. */
    if (unlink(SOCKET_NAME) < 0) {
        fprintf(stderr, "unlink %s: %s\n", SOCKET_NAME, strerror(errno));
        ok = 0;
    }
    close(listener);
    if (conn < 0) {
        if (!reaped) /* else the client ended without connecting, and has said why */
            fprintf(stderr, "accept: %s\n", strerror(errno));
        ok = 0;
    } else {
        if (copy_until_eof(conn, out) < 0) {
            fprintf(stderr, "receive: %s\n", strerror(errno));
            ok = 0;
        }
        close(conn);
    }
    if (close(out) < 0) {
        fprintf(stderr, "close %s: %s\n", argv[2], strerror(errno));
        ok = 0;
    }

    if (!reaped && wait_for(child, &status) < 0) {
        fprintf(stderr, "waitpid: %s\n", strerror(errno));
        return 1;
    }
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "the client was killed by signal %d\n", WTERMSIG(status));
        ok = 0;
    } else if (WEXITSTATUS(status) != 0) {
        ok = 0; /* the client has said why on stderr */
    }
    return ok ? 0 : 1;
}
