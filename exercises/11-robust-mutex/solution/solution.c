/* Exercise 11, a reference solution: a robust process-shared mutex. When the worker that holds
 * it dies, the next locker gets EOWNERDEAD together with the lock; the counter is checked (the
 * dead worker was killed before it changed it, so it holds every finished addition), the mutex is
 * marked consistent, and the work goes on.
 * usage: prog OUTPUT */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Locks the robust mutex; after an owner's death, repairs it. Exits on any other failure. */
static void lock_shared(struct shared *shared) {
    int err = pthread_mutex_lock(&shared->lock);
    if (err == EOWNERDEAD) {
        /* The owner died inside the critical section. Here it died before its store, so the
         * counter is whole; a longer critical section would repair its data first. */
        err = pthread_mutex_consistent(&shared->lock);
    }
    if (err != 0) {
        fprintf(stderr, "pthread_mutex_lock: %s\n", strerror(err));
        exit(1);
    }
}

static void work(struct shared *shared, int worker) {
    for (int i = 0; i < ADDITIONS; i++) {
        lock_shared(shared);
        if (worker == 0 && i == CRASH_AFTER) raise(SIGKILL); /* the crash: it dies holding the lock */
        shared->counter = shared->counter + 1;
        pthread_mutex_unlock(&shared->lock);
    }
}

static int init_robust_mutex(pthread_mutex_t *mutex) {
    pthread_mutexattr_t attr;
    int err = pthread_mutexattr_init(&attr);
    if (!err) err = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    if (!err) err = pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    if (!err) err = pthread_mutex_init(mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    return err;
}

int main(int argc, char *argv[]) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT\n", argv[0]);
        return 1;
    }

    struct shared *shared =
        mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    int err = init_robust_mutex(&shared->lock);
    if (err) {
        fprintf(stderr, "a robust process-shared mutex: %s\n", strerror(err));
        return 1;
    }

    int started = 0;
    for (int worker = 0; worker < WORKERS; worker++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            break;
        }
        if (pid == 0) {
            work(shared, worker);
            _exit(0);
        }
        started++;
    }
    /* Every worker started is waited for; how each ended is expected (worker 0 is killed). */
    for (int i = 0; i < started; i++) {
        while (wait(NULL) < 0 && errno == EINTR) {
        }
    }
    if (started < WORKERS) return 1;

    lock_shared(shared);
    long total = shared->counter;
    pthread_mutex_unlock(&shared->lock);

    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror("fopen");
        return 1;
    }
    fprintf(out, "%ld\n", total);
    if (fclose(out) != 0) {
        perror("fclose");
        return 1;
    }
    return 0;
}
