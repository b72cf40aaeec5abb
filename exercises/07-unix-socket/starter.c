/* Exercise 07: send a file over a UNIX stream socket.
 * usage: prog INPUT OUTPUT
 * The parent is a server on ./server.sock, a child connects as client and sends INPUT,
 * the server writes what it receives to OUTPUT. */
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

#define SOCKET_PATH "server.sock"

static void client(const char *input) {
    /* give the server a moment to start listening */
    sleep(1);

    int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    strcpy(addr.sun_path, SOCKET_PATH);
    if (connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("client: connect");
        exit(1);
    }

    /* load the whole file, then send it in one go */
    struct stat st;
    stat(input, &st);
    char *data = malloc(st.st_size);
    int in = open(input, O_RDONLY);
    read(in, data, st.st_size);
    close(in);

    write(sock, data, st.st_size);
    close(sock);
    free(data);
    exit(0);
}

static int server(const char *input, const char *output) {
    int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    strcpy(addr.sun_path, SOCKET_PATH);
    if (bind(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("server: bind");
        return 1;
    }
    listen(sock, 5);

    /* do not wait forever if the client never shows up */
    struct pollfd pfd = {.fd = sock, .events = POLLIN};
    if (poll(&pfd, 1, 1000) <= 0) {
        fprintf(stderr, "server: no client connected\n");
        return 1;
    }
    int conn = accept(sock, NULL, NULL);

    /* the message is exactly as big as the input file */
    struct stat st;
    stat(input, &st);
    char *buf = malloc(st.st_size);
    ssize_t n = read(conn, buf, st.st_size);

    int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(out, buf, n);
    close(out);
    printf("server: received %zd bytes\n", n);

    free(buf);
    close(conn);
    close(sock);
    return 0;
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 1;
    }

    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) client(argv[1]);

    int status = server(argv[1], argv[2]);
    waitpid(pid, NULL, 0);
    return status;
}
