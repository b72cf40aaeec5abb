/* Exercise 06: several processes count together in shared memory.
 * usage: prog WORKERS ROUNDS OUTPUT
 * Each of WORKERS children adds 1 to a shared counter ROUNDS times; the parent writes the total. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static int semid;

/* P: wait until the semaphore is free and take it */
static void lock(void) {
    struct sembuf op = {0, -1, 0};
    semop(semid, &op, 1);
}

/* V: give it back */
static void unlock(void) {
    struct sembuf op = {0, 1, 0};
    semop(semid, &op, 1);
}

int main(int argc, char *argv[]) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s WORKERS ROUNDS OUTPUT\n", argv[0]);
        return 1;
    }
    int workers = atoi(argv[1]);
    int rounds = atoi(argv[2]);

    int shmid = shmget(IPC_PRIVATE, sizeof(long), IPC_CREAT | 0666);
    if (shmid < 0) {
        perror("shmget");
        return 1;
    }
    long *counter = shmat(shmid, NULL, 0);
    if (counter == (long *)-1) {
        perror("shmat");
        return 1;
    }
    *counter = 0;

    /* one semaphore, starts at 1 = free */
    semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0666);
    if (semid < 0) {
        perror("semget");
        return 1;
    }
    union semun arg;
    arg.val = 1;
    semctl(semid, 0, SETVAL, arg);

    for (int w = 0; w < workers; w++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            for (int r = 0; r < rounds; r++) {
                long value = *counter;
                lock(); /* only one worker may change the counter at a time */
                *counter = value + 1;
                unlock();
            }
            exit(0);
        }
    }

    for (int w = 0; w < workers; w++) wait(NULL);

    FILE *out = fopen(argv[3], "w");
    if (out == NULL) {
        perror("fopen");
        return 1;
    }
    fprintf(out, "%ld\n", *counter);
    fclose(out);

    shmdt(counter);
    shmctl(shmid, IPC_RMID, NULL);
    return 0;
}
