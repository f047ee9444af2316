/* claims_paths.c -- the claims files a command was given: a file as it is, a folder as its
** *.yaml files in name order (hidden files skipped), and their loading. Shared by `validate`
** and `calibrate`.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "core/alloc.h"
#include "relapselab/claims.h"

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

int
rl_cli_claims_expand(char **files, int *n_files, int max_files, const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int first = *n_files;

    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        if (*n_files == max_files || (files[*n_files] = rl_strdup(path)) == NULL) {
            return -1;
        }
        (*n_files)++;
        return 0;
    }
    if ((d = opendir(path)) == NULL) {
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name), n = strlen(path) + len + 2;
        if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0 || e->d_name[0] == '.') {
            continue;
        }
        if (*n_files == max_files || (files[*n_files] = rl_malloc(n)) == NULL) {
            closedir(d);
            return -1;
        }
        snprintf(files[(*n_files)++], n, "%s/%s", path, e->d_name);
    }
    closedir(d);
    qsort(&files[first], (size_t) (*n_files - first), sizeof files[0], cmp_str);
    return 0;
}

int
rl_cli_claims_load(rl_claims_t **claims, char *const *files, int n_files, int *n_loaded)
{
    rl_error_t err;
    int n;
    rl_error_clear(&err);
    for (n = 0; n < n_files; n++) {
        if ((claims[n] = rl_malloc(sizeof *claims[n])) == NULL) {
            *n_loaded = n;
            fprintf(stderr, "relapselab: out of memory\n");
            return RL_EXIT_FAIL;
        }
        if (rl_claims_load_file(claims[n], files[n], &err) != 0) {
            *n_loaded = n + 1;
            return rl_cli_report(&err);
        }
    }
    *n_loaded = n;
    return RL_EXIT_OK;
}

void
rl_cli_claims_free(rl_claims_t **claims, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        rl_claims_free(claims[i]);
        free(claims[i]);
    }
}

int
rl_cli_claims_collect(const char **paths, int *n_paths, const char *default_path,
    char **files, int *n_files, int max_files)
{
    int i;
    if (*n_paths == 0) {
        paths[(*n_paths)++] = default_path;
    }
    for (i = 0; i < *n_paths; i++) {
        if (rl_cli_claims_expand(files, n_files, max_files, paths[i]) != 0) {
            fprintf(stderr, "relapselab: %s: cannot read the folder (or more than %d claims "
                "files)\n", paths[i], max_files);
            return RL_EXIT_FAIL;
        }
    }
    if (*n_files == 0) {
        fprintf(stderr, "relapselab: no claims file (*.yaml) in %s\n", paths[0]);
        return RL_EXIT_FAIL;
    }
    return -1;
}
