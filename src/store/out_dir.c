/* out_dir.c -- a folder of output files written as a whole (see out_dir.h). Both names of
** every file are made when it is created, so committing and aborting allocate nothing. */
#include "out_dir.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"

int
rl_out_dir_open(rl_out_dir_t *d, const char *dir, rl_error_t *err)
{
    struct stat sb;

    memset(d, 0, sizeof *d);
    if ((d->dir = rl_strdup(dir)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, dir, 0, 0, "out of memory");
    }
    if (mkdir(dir, 0777) == 0) {
        d->created = true;
    } else if (errno != EEXIST) {
        rl_error_set(err, RL_ERR_IO, dir, 0, 0, "cannot create directory: %s", strerror(errno));
        rl_out_dir_abort(d);
        return RL_ERR_IO;
    }
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        rl_error_set(err, RL_ERR_IO, dir, 0, 0, "not a directory");
        rl_out_dir_abort(d);
        return RL_ERR_IO;
    }
    return 0;
}

/* FNV-1a of s. */
static unsigned long
hash_of(const char *s)
{
    unsigned long h = 2166136261UL;
    for (; *s != '\0'; s++) {
        h = (h ^ (unsigned char) *s) * 16777619UL;
    }
    return h;
}

/* The entry of file `name` (added if new), or NULL when out of memory. */
static struct rl_out_file *
entry(rl_out_dir_t *d, const char *name)
{
    size_t n = strlen(d->dir) + strlen(name) + 6, i;
    char *path = rl_malloc(n), *tmp = rl_malloc(n);
    unsigned long h;

    if (path == NULL || tmp == NULL || rl_grow(&d->files, &d->cap, d->n + 1) != 0) {
        free(path);
        free(tmp);
        return NULL;
    }
    snprintf(path, n, "%s/%s", d->dir, name);
    snprintf(tmp, n, "%s/%s.tmp", d->dir, name);
    h = hash_of(path);
    for (i = 0; i < d->n; i++) {
        if (d->files[i].hash == h && strcmp(d->files[i].path, path) == 0) {
            free(path);
            free(tmp);
            return &d->files[i];
        }
    }
    d->files[d->n].path = path;
    d->files[d->n].tmp = tmp;
    d->files[d->n].hash = h;
    return &d->files[d->n++];
}

int
rl_out_dir_create(rl_out_dir_t *d, const char *name, FILE **f, size_t *k, rl_error_t *err)
{
    struct rl_out_file *e = entry(d, name);

    *f = NULL;
    if (e == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, d->dir, 0, 0, "out of memory");
    }
    *k = (size_t) (e - d->files);
    if ((*f = fopen(e->tmp, "wb")) == NULL) {
        return rl_error_set(err, RL_ERR_IO, e->tmp, 0, 0, "cannot create: %s",
            strerror(errno));
    }
    return 0;
}

int
rl_out_dir_close(rl_out_dir_t *d, size_t k, FILE *f, rl_error_t *err)
{
    int failed = ferror(f);
    if (fclose(f) != 0 || failed) {
        return rl_error_set(err, RL_ERR_IO, d->files[k].tmp, 0, 0, "write failed: %s",
            strerror(errno));
    }
    return 0;
}

static void
release(rl_out_dir_t *d)
{
    size_t i;
    for (i = 0; i < d->n; i++) {
        free(d->files[i].path);
        free(d->files[i].tmp);
    }
    free(d->files);
    free(d->dir);
    memset(d, 0, sizeof *d);
}

int
rl_out_dir_commit(rl_out_dir_t *d, rl_error_t *err)
{
    size_t i;
    int ret = 0;
    for (i = 0; i < d->n; i++) {
        if (rename(d->files[i].tmp, d->files[i].path) != 0) {
            if (ret == 0) {
                ret = rl_error_set(err, RL_ERR_IO, d->files[i].path, 0, 0,
                    "cannot rename %s: %s", d->files[i].tmp, strerror(errno));
            }
            remove(d->files[i].tmp);
        }
    }
    release(d);
    return ret;
}

void
rl_out_dir_abort(rl_out_dir_t *d)
{
    size_t i;
    for (i = 0; i < d->n; i++) {
        remove(d->files[i].tmp);
    }
    if (d->created && d->dir != NULL) {
        rmdir(d->dir); /* fails, harmlessly, if something else is in it */
    }
    release(d);
}
