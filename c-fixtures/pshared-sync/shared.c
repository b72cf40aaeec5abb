/* What the pshared-sync cases share (cases.h): the region two processes see, mutex set-up, and a
 * child that holds a lock for as long as the probe needs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/helpers.h"
#include "common/probe.h"
#include "common/waiting.h"
#include "cases.h"

void *shared_region(size_t size) {
    void *region = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) probe_fail("mmap(MAP_SHARED|MAP_ANONYMOUS, %zu): %s", size, strerror(errno));
    return region;
}

void init_shared_mutex(pthread_mutex_t *mutex, int type, bool robust) {
    pthread_mutexattr_t attr;
    int err = pthread_mutexattr_init(&attr);
    if (!err) err = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    if (!err) err = pthread_mutexattr_settype(&attr, type);
    if (!err && robust) err = pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    if (!err) err = pthread_mutex_init(mutex, &attr);
    if (err) probe_fail("a process-shared mutex (type %d, robust %d): %s", type, robust, strerror(err));
    pthread_mutexattr_destroy(&attr);
}

static void hold_until_released(void *arg) {
    struct holder *holder = arg;
    char byte = (char)pthread_mutex_lock(holder->mutex);
    if (write(holder->ready[1], &byte, 1) != 1) _exit(1);
    if (byte != 0) _exit(1);
    if (read(holder->release[0], &byte, 1) != 1) _exit(1);
    pthread_mutex_unlock(holder->mutex);
}

void start_holder(struct holder *holder, pthread_mutex_t *mutex) {
    holder->mutex = mutex;
    channel_create(holder->ready);
    channel_create(holder->release);
    holder->pid = spawn_helper(hold_until_released, holder);
    char result = 0;
    if (read(holder->ready[0], &result, 1) != 1) probe_fail("the holding child reported nothing");
    if (result != 0) probe_fail("the holding child could not lock: %s", strerror(result));
}

void release_holder(struct holder *holder) {
    char byte = 0;
    if (write(holder->release[1], &byte, 1) != 1) probe_fail("cannot release the holding child");
    if (reap(holder->pid, NULL) != 0) probe_fail("the holding child failed");
    int fds[] = {holder->ready[0], holder->ready[1], holder->release[0], holder->release[1]};
    for (size_t i = 0; i < sizeof fds / sizeof *fds; i++) close(fds[i]);
}

void obs_pthread_result(int result) {
    obs_value_int(result);
    obs_errno(result);
}
