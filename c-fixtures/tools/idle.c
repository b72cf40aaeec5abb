/* idle: the first process of a kit container or namespace holder. It keeps the namespaces it lives
 * in alive, reaps every orphan re-parented to it (it is PID 1 there), and exits on SIGTERM/SIGINT
 * or after LIFETIME_S seconds, so a holder whose orchestrator died cannot outlive it by much.
 * usage: idle [LIFETIME_S]      prints "ready PID" on stdout once it runs */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Never called: the signals stay blocked and sigwait takes them. It is installed because a pid
 * namespace's first process only receives the signals it has a handler for: with the default
 * disposition, a SIGTERM from outside would be dropped before sigwait could see it. */
static void noted(int sig) { (void)sig; }

int main(int argc, char **argv) {
    long lifetime = argc > 1 ? strtol(argv[1], NULL, 10) : 3600;
    if (lifetime <= 0) lifetime = 3600;

    sigset_t waited;
    sigemptyset(&waited);
    sigaddset(&waited, SIGCHLD);
    sigaddset(&waited, SIGTERM);
    sigaddset(&waited, SIGINT);
    sigaddset(&waited, SIGALRM);
    sigprocmask(SIG_BLOCK, &waited, NULL);
    struct sigaction handled = {.sa_handler = noted};
    sigaction(SIGTERM, &handled, NULL);
    sigaction(SIGINT, &handled, NULL);
    sigaction(SIGALRM, &handled, NULL);
    alarm((unsigned)lifetime);

    printf("ready %ld\n", (long)getpid());
    fflush(stdout);
    for (;;) {
        int sig = 0;
        if (sigwait(&waited, &sig) != 0) continue;
        if (sig != SIGCHLD) return 0;
        while (waitpid(-1, NULL, WNOHANG) > 0) {
        }
    }
}
