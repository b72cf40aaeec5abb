/* Exercise 04: copy a file through a System V message queue.
 * usage: prog INPUT OUTPUT
 * The parent sends INPUT as messages, a child receives them and writes them to OUTPUT. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK     512
#define TYPE_DATA 1
#define TYPE_END  2

struct chunk_msg {
    long mtype;
    char data[CHUNK];
};

static void receiver(int msqid, const char *output) {
    int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        perror("open output");
        exit(1);
    }
    struct chunk_msg msg;
    for (;;) {
        ssize_t n = msgrcv(msqid, &msg, CHUNK, 0, 0);
        if (n < 0) {
            perror("msgrcv");
            exit(1);
        }
        if (msg.mtype == TYPE_END) break;
        write(out, msg.data, n);
    }
    close(out);
    exit(0);
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 1;
    }

    /* same key in both processes, like in the tutorial */
    key_t key = ftok("progfile", 65);
    int msqid = msgget(key, IPC_CREAT | 0666);
    if (msqid < 0) {
        perror("msgget");
        return 1;
    }

    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) receiver(msqid, argv[2]);

    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        perror("open input");
        return 1;
    }
    struct chunk_msg msg;
    ssize_t n;
    while ((n = read(in, msg.data, CHUNK)) > 0) {
        msg.mtype = TYPE_DATA;
        if (msgsnd(msqid, &msg, n, 0) < 0) {
            perror("msgsnd");
            return 1;
        }
    }
    close(in);

    /* tell the child we are done */
    msg.mtype = TYPE_END;
    msgsnd(msqid, &msg, 0, 0);

    wait(NULL);
    printf("sent %s through queue %d\n", argv[1], msqid);
    return 0;
}
