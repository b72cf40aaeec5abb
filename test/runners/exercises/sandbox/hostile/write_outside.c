/* Hostile: tries to create each file named in argv[2..] (places outside its work folder). */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    FILE *out = fopen(argv[1], "w");
    if (!out) return 1;
    for (int i = 2; i < argc; i++) {
        int fd = open(argv[i], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        fprintf(out, "%s: %s\n", argv[i], fd >= 0 ? "created" : "refused");
        if (fd >= 0) close(fd);
    }
    fclose(out);
    return 0;
}
