/* Fault shim (LD_PRELOAD): shmctl(IPC_STAT) reports shm_atime as 0, as if the segment had never
 * been attached. Breaks shmctl(2)'s "shm_atime is the time of the last shmat", so the kit must
 * report sysv-shm.lifecycle.shmat-sets-shm-atime-to-the-current-time as failed with 0, while
 * shm_dtime still passes. */
#include <dlfcn.h>
#include <sys/shm.h>

int shmctl(int id, int command, struct shmid_ds *status) {
    static int (*real_shmctl)(int, int, struct shmid_ds *);
    if (!real_shmctl) real_shmctl = (int (*)(int, int, struct shmid_ds *))dlsym(RTLD_NEXT, "shmctl");
    int result = real_shmctl(id, command, status);
    if (result == 0 && command == IPC_STAT && status) status->shm_atime = 0;
    return result;
}
