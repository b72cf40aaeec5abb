/* Exercise 05, reference solution: copy a file through a System V shared memory segment.
 * usage: prog INPUT OUTPUT
 * A child fills a segment of the input's size with INPUT; the parent writes the segment to OUTPUT
 * only after the child has finished, which it learns from waitpid, not from the clock. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* read(2) may return less than asked or be interrupted: loop until the buffer is full. */
static int read_all(int fd, char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = read(fd, buf, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) {
            errno = EIO; /* the file shrank after we measured it */
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* write(2) may write less than asked: loop until everything is out. */
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

/* The child: the attachment was inherited across fork, so it fills the same memory the parent
 * will read. Returns the exit status. */
static int fill_segment(int in, char *segment, size_t size) {
    if (read_all(in, segment, size) < 0) {
        fprintf(stderr, "read input: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}

static int copy_segment_to(const char *output, const char *segment, size_t size) {
    int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        fprintf(stderr, "cannot create %s: %s\n", output, strerror(errno));
        return -1;
    }
    if (write_all(out, segment, size) < 0) {
        fprintf(stderr, "write %s: %s\n", output, strerror(errno));
        close(out);
        return -1;
    }
    if (close(out) < 0) {
        fprintf(stderr, "close %s: %s\n", output, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char *argv[]) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT OUTPUT\n", argv[0]);
        return 2;
    }

    int in = open(argv[1], O_RDONLY);
    struct stat st;
    if (in < 0 || fstat(in, &st) < 0) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    size_t size = (size_t)st.st_size;
    if (size == 0) {
        /* shmget refuses a size of 0; an empty input is simply an empty output. */
        close(in);
        return copy_segment_to(argv[2], "", 0) == 0 ? 0 : 1;
    }

    /* IPC_PRIVATE: parent and child share the segment through fork, so no key is needed and none
     * can collide. 0600: only our own user may see the data. */
    int shmid = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
    if (shmid < 0) {
        fprintf(stderr, "shmget: %s\n", strerror(errno));
        return 1;
    }
    char *segment = shmat(shmid, NULL, 0);
    if (segment == (char *)-1) {
        fprintf(stderr, "shmat: %s\n", strerror(errno));
        shmctl(shmid, IPC_RMID, NULL);
        return 1;
    }
    /* Mark the segment for removal at once: the kernel destroys it when the last process detaches
     * (the child's inherited attachment counts), so no exit path, not even a crash, leaves it. */
    if (shmctl(shmid, IPC_RMID, NULL) < 0) {
        fprintf(stderr, "shmctl IPC_RMID: %s\n", strerror(errno));
        shmdt(segment);
        return 1;
    }

    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "fork: %s\n", strerror(errno));
        shmdt(segment);
        return 1;
    }
    if (child == 0)
        /* _exit: the parent's stdio buffers and exit handlers are not the child's to run. Exiting
         * detaches the segment. */
        _exit(fill_segment(in, segment, size));
    close(in);

    /* The child's exit is the event that says the segment is full; a sleep only hopes so. */
    int status;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "waitpid: %s\n", strerror(errno));
            shmdt(segment);
            return 1;
        }
    }
    int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok)
        fprintf(stderr, "the child did not fill the segment\n");
    else if (copy_segment_to(argv[2], segment, size) < 0)
        ok = 0;

    if (shmdt(segment) < 0) {
        fprintf(stderr, "shmdt: %s\n", strerror(errno));
        ok = 0;
    }
    return ok ? 0 : 1;
}
