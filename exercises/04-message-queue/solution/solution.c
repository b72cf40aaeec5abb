/* Exercise 04, reference solution: copy a file through a System V message queue.
 * usage: prog INPUT OUTPUT
 * The parent sends INPUT as messages of at most 512 bytes, then an empty "end" message; a child
 * receives them in order and writes the data to OUTPUT. The parent waits for the child and
 * removes the queue on every path. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK     512
#define TYPE_DATA 1
#define TYPE_END  2
/* Any non-zero byte; only the low 8 bits of ftok's id are used. */
#define PROJECT_ID 'M'

struct chunk_msg {
    long mtype;
    char data[CHUNK];
};

/* write(2) may write less than asked; keep going until everything is out. */
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

/* read(2) may return less than asked (or be interrupted); fill the buffer unless the file ends. */
static ssize_t read_chunk(int fd, char *buf, size_t len) {
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

/* Whichever side fails first removes the queue: the other side's blocked msgsnd or msgrcv then
 * fails with EIDRM and ends quietly (the failing side has already said what went wrong), instead
 * of waiting forever for a partner that is gone. */
static void give_up(int msqid) { msgctl(msqid, IPC_RMID, NULL); }

/* The child: receive messages in the order they were sent until the end message. Returns the
 * exit status. */
static int receive_to_file(int msqid, const char *output) {
    int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        fprintf(stderr, "cannot create %s: %s\n", output, strerror(errno));
        give_up(msqid);
        return 1;
    }
    struct chunk_msg msg;
    for (;;) {
        /* Type 0 takes the first message of any type: data and end stay in sending order. */
        ssize_t n = msgrcv(msqid, &msg, CHUNK, 0, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            if (errno != EIDRM) fprintf(stderr, "msgrcv: %s\n", strerror(errno));
            give_up(msqid);
            close(out);
            return 1;
        }
        if (msg.mtype == TYPE_END) break;
        /* n is the size of this message's data: random bytes may hold zeros, so never strlen. */
        if (write_all(out, msg.data, (size_t)n) < 0) {
            fprintf(stderr, "write %s: %s\n", output, strerror(errno));
            give_up(msqid);
            close(out);
            return 1;
        }
    }
    if (close(out) < 0) {
        fprintf(stderr, "close %s: %s\n", output, strerror(errno));
        return 1;
    }
    return 0;
}

/* msgsnd blocks while the queue is full (until the child takes messages out); a signal may end
 * that wait early, which is no reason to give up. */
static int send_message(int msqid, struct chunk_msg *msg, size_t len) {
    while (msgsnd(msqid, msg, len, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return 0;
}

static void report_send_failure(const char *what) {
    if (errno != EIDRM) fprintf(stderr, "%s: %s\n", what, strerror(errno));
}

/* The parent: send the input in chunks, then the end message. Returns 0 on success. */
static int send_file(int msqid, int in, const char *input) {
    struct chunk_msg msg;
    ssize_t n;
    while ((n = read_chunk(in, msg.data, CHUNK)) > 0) {
        msg.mtype = TYPE_DATA;
        if (send_message(msqid, &msg, (size_t)n) < 0) {
            report_send_failure("msgsnd");
            return -1;
        }
    }
    if (n < 0) {
        fprintf(stderr, "read %s: %s\n", input, strerror(errno));
        return -1;
    }
    msg.mtype = TYPE_END;
    if (send_message(msqid, &msg, 0) < 0) {
        report_send_failure("msgsnd (end)");
        return -1;
    }
    return 0;
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

    /* Opened before anything is created: a bad input path is one error line and nothing to undo. */
    int in = open(argv[1], O_RDONLY);
    if (in < 0) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }

    /* ftok derives the key from an existing file's inode and device: the working directory
     * exists for as long as we run, and parent and child share it. A path that does not exist
     * makes ftok fail, and its -1 would become the key 0xffffffff that every such program shares. */
    key_t key = ftok(".", PROJECT_ID);
    if (key == (key_t)-1) {
        fprintf(stderr, "ftok: %s\n", strerror(errno));
        return 1;
    }
    /* IPC_EXCL: if another program's queue already has this key, fail instead of sharing it.
     * 0600: only our own user may read or write the data. */
    int msqid = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
    if (msqid < 0) {
        fprintf(stderr, "msgget: %s\n", strerror(errno));
        return 1;
    }

    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "fork: %s\n", strerror(errno));
        give_up(msqid);
        return 1;
    }
    if (child == 0) /* _exit: the parent's stdio buffers and exit handlers are not the child's to run. */
        _exit(receive_to_file(msqid, argv[2]));

    int ok = send_file(msqid, in, argv[1]) == 0;
    close(in);
    if (!ok) give_up(msqid);

    int status;
    if (wait_for(child, &status) < 0) {
        fprintf(stderr, "waitpid: %s\n", strerror(errno));
        ok = 0;
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        ok = 0;
    }

    /* The queue outlives both processes unless it is removed: the kernel keeps it until IPC_RMID. */
    if (msgctl(msqid, IPC_RMID, NULL) < 0 && !(errno == EINVAL || errno == EIDRM)) {
        fprintf(stderr, "msgctl IPC_RMID: %s\n", strerror(errno));
        ok = 0;
    }
    return ok ? 0 : 1;
}
