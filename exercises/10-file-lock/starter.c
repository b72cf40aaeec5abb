/* Exercise 10: four processes copy a file together, one chunk at a time, under an fcntl lock.
 * usage: prog INPUT OUTPUT
 * Each worker locks OUTPUT, looks how much of it is there, appends the next chunk of INPUT and
 * unlocks, until OUTPUT is as long as INPUT. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS 4
#define CHUNK   4096

static void lock_whole_file(int fd, short type) {
    struct flock lock = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    if (fcntl(fd, F_SETLKW, &lock) < 0) {
        perror("fcntl");
        exit(1);
    }
}

/* how many bytes the output holds so far */
static off_t output_length(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror("open output for reading");
        exit(1);
    }
    off_t length = lseek(fd, 0, SEEK_END);
    close(fd);
    return length;
}

static void worker(const char *input, const char *output, off_t size) {
    int in = open(input, O_RDONLY);
    int out = open(output, O_WRONLY | O_APPEND);
    if (in < 0 || out < 0) {
        perror("open");
        exit(1);
    }
    char chunk[CHUNK];
    for (;;) {
        lock_whole_file(out, F_WRLCK);
        off_t done = output_length(output);
        if (done >= size) {
            lock_whole_file(out, F_UNLCK);
            break;
        }
        ssize_t n = pread(in, chunk, CHUNK, done);
        if (n <= 0) {
            perror("pread");
            exit(1);
        }
        if (write(out, chunk, n) != n) {
            perror("write");
            exit(1);
        }
        lock_whole_file(out, F_UNLCK);
    }
    close(in);
    close(out);
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 1;
    }
    struct stat st;
    if (stat(argv[1], &st) < 0) {
        perror("stat");
        return 1;
    }
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) {
        perror("open output");
        return 1;
    }
    close(out);

    for (int i = 0; i < WORKERS; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            worker(argv[1], argv[2], st.st_size);
            exit(0);
        }
    }
    for (int i = 0; i < WORKERS; i++) wait(NULL);
    return 0;
}
