/* Hostile: tries to read files of the machine (argv[2..]) and copies whatever it gets to argv[1]. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    FILE *out = fopen(argv[1], "w");
    if (!out) return 1;
    for (int i = 2; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(out, "%s: refused\n", argv[i]);
            continue;
        }
        char buffer[4096];
        ssize_t got;
        while ((got = read(fd, buffer, sizeof buffer)) > 0) fwrite(buffer, 1, (size_t)got, out);
        close(fd);
    }
    fclose(out);
    return 0;
}
