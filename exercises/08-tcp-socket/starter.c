/* Exercise 08: an echo over TCP.
 * usage: prog INPUT OUTPUT
 * The parent is an echo server on a port the system picks; a child connects, sends INPUT and
 * writes what comes back to OUTPUT. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static void client(unsigned short port, const char *input, const char *output) {
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("client: connect");
        exit(1);
    }

    struct stat st;
    stat(input, &st);
    char *data = malloc(st.st_size);
    char *echo = malloc(st.st_size);
    int in = open(input, O_RDONLY);
    read(in, data, st.st_size);
    close(in);

    /* send the file, then get the same bytes back */
    send(sock, data, st.st_size, 0);
    ssize_t n = recv(sock, echo, st.st_size, 0);

    int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(out, echo, n);
    close(out);

    close(sock);
    free(data);
    free(echo);
    exit(0);
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 1;
    }

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = INADDR_ANY;
    addr.sin_port = 0; /* any free port */
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    listen(listener, 5);

    /* which port did we get? */
    socklen_t len = sizeof addr;
    getsockname(listener, (struct sockaddr *)&addr, &len);
    unsigned short port = ntohs(addr.sin_port);

    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) client(port, argv[1], argv[2]);

    int conn = accept(listener, NULL, NULL);
    char buf[4096];
    ssize_t n;
    long total = 0;
    /* echo until the client hangs up */
    while ((n = recv(conn, buf, sizeof buf, 0)) > 0) {
        send(conn, buf, n, 0);
        total += n;
    }
    close(conn);
    close(listener);

    /* let the client finish writing its file before we go */
    usleep(200000);
    printf("server: echoed %ld bytes on port %u\n", total, port);
    return 0;
}
