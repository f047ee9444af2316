/* replay_main.c -- main() for a fuzz target without libFuzzer: replay saved inputs.
**
**   fuzz_<reader>_replay PATH...
**
** Each PATH is a file or a directory; every regular file of a directory whose name does not
** start with '.' is replayed, in name order. Each input is read into a buffer of exactly its
** size (as libFuzzer passes it, so that AddressSanitizer sees a read past the end) and given
** to LLVMFuzzerTestOneInput(). The name is printed before the input runs, so a crash shows
** which input it was. The build registers one CTest test per target that replays its seeds
** and regression inputs (cmake/fuzz.cmake). Exit status 0, or 1 when a path cannot be read
** or there was no input at all (a wrong path must not pass as "no crash").
*/
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Read the file at path into a malloc'd buffer of exactly its size (1 byte for an empty
** file, so the pointer is never NULL); 0 or -1. */
static int
read_all(const char *path, uint8_t **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    uint8_t *buf;
    size_t n;

    if (f == NULL || fstat(fileno(f), &st) != 0) {
        perror(path);
        if (f != NULL) {
            fclose(f);
        }
        return -1;
    }
    n = (size_t) st.st_size;
    if ((buf = malloc(n > 0 ? n : 1)) == NULL || fread(buf, 1, n, f) != n) {
        fprintf(stderr, "%s: cannot read %zu bytes\n", path, n);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    *out = buf;
    *len = n;
    return 0;
}

static int
replay_file(const char *path, long *count)
{
    uint8_t *data;
    size_t len;
    if (read_all(path, &data, &len) != 0) {
        return -1;
    }
    printf("replay: %s (%zu bytes)\n", path, len);
    fflush(stdout);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    (*count)++;
    return 0;
}

static int
skip_hidden(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int
replay_dir(const char *dir, long *count)
{
    struct dirent **names;
    int n = scandir(dir, &names, skip_hidden, alphasort), i, ret = 0;
    if (n < 0) {
        perror(dir);
        return -1;
    }
    for (i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (ret == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            ret = replay_file(path, count);
        }
        free(names[i]);
    }
    free(names);
    return ret;
}

int
main(int argc, char **argv)
{
    long count = 0;
    int i;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        struct stat st;
        int ret;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 1;
        }
        ret = S_ISDIR(st.st_mode) ? replay_dir(argv[i], &count) : replay_file(argv[i], &count);
        if (ret != 0) {
            return 1;
        }
    }
    printf("replay: %ld input(s), no crash\n", count);
    if (count == 0) {
        fprintf(stderr, "replay: no input found in the paths given\n");
        return 1;
    }
    return 0;
}
