/* Exercise 05: copy a file through a System V shared memory segment.
 * usage: prog INPUT OUTPUT
 * A child puts INPUT into the segment, the parent writes the segment to OUTPUT. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define BLOCK 4096

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
    size_t size = st.st_size;

    /* one segment exactly as big as the file; only parent and child use it */
    int shmid = shmget(IPC_PRIVATE, size, IPC_CREAT | 0666);
    if (shmid < 0) {
        perror("shmget");
        return 1;
    }
    char *shm = shmat(shmid, NULL, 0);
    if (shm == (char *)-1) {
        perror("shmat");
        return 1;
    }

    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        /* child: the attachment is inherited, just fill it */
        int in = open(argv[1], O_RDONLY);
        if (in < 0) {
            perror("open input");
            exit(1);
        }
        /* read the file block by block straight into the segment */
        size_t done = 0;
        while (done < size) {
            size_t want = size - done < BLOCK ? size - done : BLOCK;
            ssize_t n = read(in, shm + done, want);
            if (n <= 0) break;
            done += n;
        }
        close(in);
        shmdt(shm);
        exit(0);
    }

    /* parent: give the child time to fill the segment */
    sleep(1);

    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        perror("open output");
        return 1;
    }
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(out, shm + done, size - done);
        if (n <= 0) break;
        done += n;
    }
    close(out);

    shmdt(shm);
    wait(NULL);
    printf("copied %zu bytes through segment %d\n", size, shmid);
    return 0;
}
