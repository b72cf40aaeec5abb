/* Hostile: leaves a grandchild in a session of its own, named argv[1] (its comm), holding stderr
 * open and running for ever, and exits at once. */
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    if (fork() == 0) {
        setsid();
        if (fork() == 0) {
            prctl(PR_SET_NAME, argv[1]);
            signal(SIGHUP, SIG_IGN);
            for (;;) pause();
        }
        _exit(0);
    }
    return 0;
}
