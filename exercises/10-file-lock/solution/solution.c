/* Exercise 10, reference solution: four processes copy a file together, one chunk at a time.
 * usage: prog INPUT OUTPUT
 * A record lock belongs to the process and goes as soon as the process closes ANY descriptor of
 * the file (fcntl(2)), so while it holds the lock a worker never opens and closes OUTPUT again: it
 * asks the descriptor it locked through how long the file is (fstat). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS 4
#define CHUNK   4096

static void die(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(1);
}

static void lock_whole_file(int fd, short type) {
    struct flock lock = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    while (fcntl(fd, F_SETLKW, &lock) < 0)
        if (errno != EINTR) die("fcntl(F_SETLKW)");
}

/* How many bytes the output holds, asked through the locked descriptor itself. */
static off_t output_length(int out) {
    struct stat status;
    if (fstat(out, &status) < 0) die("fstat output");
    return status.st_size;
}

static void write_all(int fd, const char *data, size_t size) {
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) die("write output");
        data += n;
        size -= (size_t)n;
    }
}

static void worker(const char *input, const char *output, off_t size) {
    int in = open(input, O_RDONLY);
    if (in < 0) die("open input");
    int out = open(output, O_WRONLY | O_APPEND);
    if (out < 0) die("open output");
    char chunk[CHUNK];
    for (;;) {
        lock_whole_file(out, F_WRLCK);
        off_t done = output_length(out);
        if (done >= size) {
            lock_whole_file(out, F_UNLCK);
            break;
        }
        size_t want = size - done < CHUNK ? (size_t)(size - done) : CHUNK;
        ssize_t n = pread(in, chunk, want, done);
        if (n <= 0) die("pread input");
        write_all(out, chunk, (size_t)n);
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
    if (stat(argv[1], &st) < 0) die("stat input");
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) die("open output");
    close(out);

    pid_t workers[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        workers[i] = fork();
        if (workers[i] < 0) die("fork");
        if (workers[i] == 0) {
            worker(argv[1], argv[2], st.st_size);
            exit(0);
        }
    }
    int failed = 0;
    for (int i = 0; i < WORKERS; i++) {
        int status;
        while (waitpid(workers[i], &status, 0) < 0)
            if (errno != EINTR) die("waitpid");
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failed = 1;
    }
    return failed;
}
