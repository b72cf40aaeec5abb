/* Exercise 11: workers count under a process-shared mutex, and one of them crashes.
 * usage: prog OUTPUT
 * Four worker processes add 1 to a shared counter, 1000 times each, under one mutex. Worker 0
 * crashes halfway: after 500 additions it takes the lock and is killed before it adds anything.
 * The parent waits for every worker and writes the final counter to OUTPUT. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS     4
#define ADDITIONS   1000
#define CRASH_AFTER 500

struct shared {
    pthread_mutex_t lock;
    long counter;
};

static void work(struct shared *shared, int worker) {
    for (int i = 0; i < ADDITIONS; i++) {
        pthread_mutex_lock(&shared->lock);
        if (worker == 0 && i == CRASH_AFTER) raise(SIGKILL); /* the crash: it dies holding the lock */
        shared->counter = shared->counter + 1;
        pthread_mutex_unlock(&shared->lock);
    }
}

int main(int argc, char *argv[]) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT\n", argv[0]);
        return 1;
    }

    /* the mutex and the counter live in memory every worker inherits */
    struct shared *shared =
        mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&shared->lock, &attr);
    pthread_mutexattr_destroy(&attr);

    for (int worker = 0; worker < WORKERS; worker++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            work(shared, worker);
            exit(0);
        }
    }
    for (int worker = 0; worker < WORKERS; worker++) wait(NULL);

    pthread_mutex_lock(&shared->lock);
    long total = shared->counter;
    pthread_mutex_unlock(&shared->lock);

    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror("fopen");
        return 1;
    }
    fprintf(out, "%ld\n", total);
    fclose(out);
    return 0;
}
