/* Hostile: forks until fork fails, every child forking too, all of them staying alive. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    for (int i = 0; i < 100000; i++) {
        if (fork() < 0) pause();
    }
    pause();
    return 0;
}
