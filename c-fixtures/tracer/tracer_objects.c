/* Objects the program creates: each successful creation is recorded with the mode the object
 * really has (read back from the object, so umask and later fixes are seen as the kernel sees
 * them), and ftok(3) failures are recorded because the -1 "key" silently works as a key. */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>

#include "tracer.h"

static void record_object(const char *kind, long long id, const char *name, unsigned mode) {
    trace_line line;
    line_start(&line, "object");
    line_str(&line, "kind", kind);
    line_int(&line, "id", id);
    if (name) line_str(&line, "name", name);
    line_int(&line, "mode", mode & 07777);
    line_emit(&line);
}

key_t ftok(const char *path, int project) {
    key_t key = REAL(ftok)(path, project);
    if (key == (key_t)-1) {
        int err = errno;
        trace_line line;
        line_start(&line, "ftok-failed");
        line_str(&line, "path", path);
        line_int(&line, "errno", err);
        line_emit(&line);
        errno = err;
    }
    return key;
}

int msgget(key_t key, int flags) {
    int id = REAL(msgget)(key, flags);
    struct msqid_ds info;
    if (id >= 0 && (flags & IPC_CREAT) && msgctl(id, IPC_STAT, &info) == 0)
        record_object("sysv-msg", id, NULL, info.msg_perm.mode);
    return id;
}

int shmget(key_t key, size_t size, int flags) {
    int id = REAL(shmget)(key, size, flags);
    struct shmid_ds info;
    if (id >= 0 && (flags & IPC_CREAT) && shmctl(id, IPC_STAT, &info) == 0)
        record_object("sysv-shm", id, NULL, info.shm_perm.mode);
    return id;
}

int semget(key_t key, int count, int flags) {
    int id = REAL(semget)(key, count, flags);
    struct semid_ds info;
    if (id >= 0 && (flags & IPC_CREAT) && semctl(id, 0, IPC_STAT, &info) == 0)
        record_object("sysv-sem", id, NULL, info.sem_perm.mode);
    return id;
}

/* Records the node at path (FIFO, socket, named semaphore file) if it exists. */
static void record_node(const char *kind, const char *path) {
    struct stat info;
    int err = errno;
    if (stat(path, &info) == 0) record_object(kind, (long long)info.st_ino, path, info.st_mode);
    errno = err;
}

static void record_descriptor(const char *kind, int fd, const char *name) {
    struct stat info;
    int err = errno;
    if (fstat(fd, &info) == 0) record_object(kind, (long long)info.st_ino, name, info.st_mode);
    errno = err;
}

int mkfifo(const char *path, mode_t mode) {
    int result = REAL(mkfifo)(path, mode);
    if (result == 0) record_node("fifo", path);
    return result;
}

int mknod(const char *path, mode_t mode, dev_t device) {
    int result = REAL(mknod)(path, mode, device);
    if (result == 0 && S_ISFIFO(mode)) record_node("fifo", path);
    return result;
}

/* The variadic creators take a mode only with O_CREAT, as their prototypes say. */
mqd_t mq_open(const char *name, int flags, ...) {
    va_list args;
    va_start(args, flags);
    mode_t mode = (flags & O_CREAT) ? va_arg(args, mode_t) : 0;
    struct mq_attr *attributes = (flags & O_CREAT) ? va_arg(args, struct mq_attr *) : NULL;
    va_end(args);
    mqd_t queue = REAL(mq_open)(name, flags, mode, attributes);
    if (queue != (mqd_t)-1 && (flags & O_CREAT)) record_descriptor("posix-mq", (int)queue, name);
    return queue;
}

int shm_open(const char *name, int flags, mode_t mode) {
    int fd = REAL(shm_open)(name, flags, mode);
    if (fd >= 0 && (flags & O_CREAT)) record_descriptor("posix-shm", fd, name);
    return fd;
}

sem_t *sem_open(const char *name, int flags, ...) {
    va_list args;
    va_start(args, flags);
    mode_t mode = (flags & O_CREAT) ? va_arg(args, mode_t) : 0;
    unsigned value = (flags & O_CREAT) ? va_arg(args, unsigned) : 0;
    va_end(args);
    sem_t *semaphore = REAL(sem_open)(name, flags, mode, value);
    if (semaphore != SEM_FAILED && (flags & O_CREAT)) {
        /* glibc keeps a named semaphore as /dev/shm/sem.NAME. */
        char path[300];
        snprintf(path, sizeof path, "/dev/shm/sem.%s", name[0] == '/' ? name + 1 : name);
        record_node("posix-sem", path);
    }
    return semaphore;
}
