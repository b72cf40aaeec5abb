/* Fault shim (LD_PRELOAD): semctl(GETNCNT) always answers 0, as if nobody waited to decrement.
 * Breaks semctl(2)'s "GETNCNT returns the number of processes waiting for semval to increase", so
 * the kit must report sysv-sem.blocking.getncnt-counts-the-processes-waiting-to-decrement as failed
 * with 0, while GETZCNT still passes. */
#include <dlfcn.h>
#include <stdarg.h>
#include <sys/sem.h>

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

int semctl(int set, int num, int command, ...) {
    static int (*real_semctl)(int, int, int, ...);
    if (!real_semctl) real_semctl = (int (*)(int, int, int, ...))dlsym(RTLD_NEXT, "semctl");
    va_list rest;
    va_start(rest, command);
    union semun argument = va_arg(rest, union semun);
    va_end(rest);
    if (command == GETNCNT) {
        int real = real_semctl(set, num, command);
        return real < 0 ? real : 0;
    }
    return real_semctl(set, num, command, argument);
}
