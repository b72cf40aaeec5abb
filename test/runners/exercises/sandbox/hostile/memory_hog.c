/* Hostile: takes memory and touches every page of it, 16 MiB at a time, up to 4 GiB. */
#include <stdlib.h>
#include <string.h>

int main(void) {
    for (int i = 0; i < 256; i++) {
        char *block = malloc(16 << 20);
        if (!block) return 1;
        memset(block, i, 16 << 20);
    }
    return 0;
}
