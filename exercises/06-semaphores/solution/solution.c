/* Exercise 06, reference solution: several processes count together in shared memory.
 * usage: prog WORKERS ROUNDS OUTPUT
 * Each of WORKERS children adds 1 to a counter in a System V shared memory segment ROUNDS times,
 * one at a time under a System V semaphore; the parent waits for all of them, writes the total to
 * OUTPUT and removes the segment and the semaphore set on every path. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORKERS 64

/* semctl's fourth argument; the caller must define it (semctl(2)). */
union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

/* Adds delta to the semaphore. -1 waits while the value is 0, which is the whole point: the
 * worker must not go on until the other one has left. SEM_UNDO: if a worker dies holding the
 * semaphore, the kernel gives it back, so the others are not blocked forever. */
static int change_semaphore(int semid, short delta) {
    struct sembuf op = {.sem_num = 0, .sem_op = delta, .sem_flg = SEM_UNDO};
    while (semop(semid, &op, 1) < 0) {
        if (errno != EINTR) return -1;
    }
    return 0;
}

/* A worker: read, add and store the counter only while holding the semaphore. Returns the exit
 * status. The semop calls also keep the compiler from caching the counter in a register. */
static int count(int semid, long *counter, long rounds) {
    for (long r = 0; r < rounds; r++) {
        if (change_semaphore(semid, -1) < 0) {
            fprintf(stderr, "semop (take): %s\n", strerror(errno));
            return 1;
        }
        (*counter)++;
        if (change_semaphore(semid, +1) < 0) {
            fprintf(stderr, "semop (give back): %s\n", strerror(errno));
            return 1;
        }
    }
    return 0;
}

/* Bad input gets one clear line; a negative or absurd number is refused, not wrapped around. */
static long parse_count(const char *text, const char *what, long min, long max) {
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
        fprintf(stderr, "%s must be a whole number from %ld to %ld, not '%s'\n", what, min, max, text);
        exit(2);
    }
    return value;
}

/* Waits for the n children in pids; returns 1 when all of them exited with status 0. */
static int wait_for_workers(const pid_t *pids, int n) {
    int all_ok = 1;
    for (int i = 0; i < n; i++) {
        int status;
        while (waitpid(pids[i], &status, 0) < 0) {
            if (errno != EINTR) {
                fprintf(stderr, "waitpid: %s\n", strerror(errno));
                return 0;
            }
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) all_ok = 0;
    }
    return all_ok;
}

static int write_total(const char *path, long total) {
    FILE *out = fopen(path, "w");
    if (out == NULL) {
        fprintf(stderr, "cannot create %s: %s\n", path, strerror(errno));
        return -1;
    }
    int failed = fprintf(out, "%ld\n", total) < 0;
    failed |= fclose(out) != 0;
    if (failed) {
        fprintf(stderr, "write %s failed\n", path);
        return -1;
    }
    return 0;
}

int main(int argc, char *argv[]) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s WORKERS ROUNDS OUTPUT\n", argv[0]);
        return 2;
    }
    int workers = (int)parse_count(argv[1], "WORKERS", 1, MAX_WORKERS);
    long rounds = parse_count(argv[2], "ROUNDS", 0, LONG_MAX / MAX_WORKERS);

    /* IPC_PRIVATE: the children inherit both ids across fork, so no key is needed. 0600: no other
     * user may read the counter or take the semaphore. */
    int shmid = shmget(IPC_PRIVATE, sizeof(long), IPC_CREAT | 0600);
    if (shmid < 0) {
        fprintf(stderr, "shmget: %s\n", strerror(errno));
        return 1;
    }
    long *counter = shmat(shmid, NULL, 0);
    /* Marked for removal now, destroyed when the last process detaches: no path can leave it. */
    int removed = shmctl(shmid, IPC_RMID, NULL) == 0;
    if (counter == (long *)-1 || !removed) {
        fprintf(stderr, "shmat/shmctl: %s\n", strerror(errno));
        if (!removed) shmctl(shmid, IPC_RMID, NULL);
        return 1;
    }
    *counter = 0;

    int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    if (semid < 0) {
        fprintf(stderr, "semget: %s\n", strerror(errno));
        return 1;
    }
    /* A new semaphore's value is not defined by POSIX (Linux gives 0): set it to 1, "free",
     * before any worker exists, so that no worker can ever see it uninitialised. */
    union semun arg = {.val = 1};
    if (semctl(semid, 0, SETVAL, arg) < 0) {
        fprintf(stderr, "semctl SETVAL: %s\n", strerror(errno));
        semctl(semid, 0, IPC_RMID);
        return 1;
    }

    pid_t pids[MAX_WORKERS];
    int started = 0, ok = 1;
    for (; started < workers; started++) {
        pid_t pid = fork();
        if (pid < 0) {
            fprintf(stderr, "fork: %s\n", strerror(errno));
            /* Removing the set makes the running workers' semop fail (EIDRM), so they end. */
            semctl(semid, 0, IPC_RMID);
            ok = 0;
            break;
        }
        if (pid == 0) /* _exit: the parent's stdio buffers and exit handlers are not the child's to run. */
            _exit(count(semid, counter, rounds));
        pids[started] = pid;
    }

    if (!wait_for_workers(pids, started)) ok = 0;
    if (ok && write_total(argv[3], *counter) < 0) ok = 0;

    if (shmdt(counter) < 0) {
        fprintf(stderr, "shmdt: %s\n", strerror(errno));
        ok = 0;
    }
    /* Semaphore sets, like every System V object, stay in the kernel until removed. */
    if (semctl(semid, 0, IPC_RMID) < 0 && errno != EINVAL && errno != EIDRM) {
        fprintf(stderr, "semctl IPC_RMID: %s\n", strerror(errno));
        ok = 0;
    }
    return ok ? 0 : 1;
}
