/* out_dir.c -- a folder of output files written as a whole (see out_dir.h). Each file is an
** rl_outfile_t (core/outfile.h) closed as soon as it is written, so a folder of thousands
** of MED-PC files holds no more than one descriptor open.
**
** Durability in bulk: the files are not fsync()ed one by one as they are closed -- one
** fsync is one journal commit, and 2,730 MED-PC files of the seed study took 14 s that way
** instead of 1 s. At commit, before any rename, one syncfs() of the folder's file system
** (Linux) makes all of them durable at once; elsewhere each is fsync()ed then. Then the
** renames, and one fsync of the folder.
*/
#if defined(__linux__)
#define _GNU_SOURCE /* syncfs() */
#endif
#include "out_dir.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"

int
rl_out_dir_open(rl_out_dir_t *d, const char *dir, const rl_temp_watch_t *watch,
    rl_error_t *err)
{
    struct stat sb;
    int ret;

    memset(d, 0, sizeof *d);
    d->watch = watch;
    if ((d->dir = rl_strdup(dir)) == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, dir, 0, 0, "out of memory");
    }
    if (mkdir(dir, 0777) == 0) {
        d->created = true;
        if ((ret = rl_outfile_watch_made(watch, dir, &d->dir_handle, &d->dir_watched, err))
            != 0) {
            rl_out_dir_abort(d);
            return ret;
        }
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

/* FNV-1a of s, ASCII case folded. */
static unsigned long
hash_of(const char *s)
{
    unsigned long h = 2166136261UL;
    for (; *s != '\0'; s++) {
        h = (h ^ (unsigned char) tolower((unsigned char) *s)) * 16777619UL;
    }
    return h;
}

/* Equal without regard to ASCII case. */
static int
same_name(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        if (tolower((unsigned char) *a) != tolower((unsigned char) *b)) {
            return 0;
        }
    }
    return *a == *b;
}

/* The index of the file named name (case folded), or d->n. */
static size_t
find(const rl_out_dir_t *d, const char *name)
{
    unsigned long h = hash_of(name);
    size_t i;
    for (i = 0; i < d->n; i++) {
        if (d->files[i].hash == h && same_name(d->files[i].name, name)) {
            return i;
        }
    }
    return d->n;
}

int
rl_out_dir_unique(const rl_out_dir_t *d, const char *name, char *out, size_t n)
{
    unsigned long k;

    if ((size_t) snprintf(out, n, "%s", name) >= n) {
        return -1;
    }
    for (k = 2; find(d, out) < d->n; k++) {
        if ((size_t) snprintf(out, n, "%s (%lu)", name, k) >= n) {
            return -1;
        }
    }
    return 0;
}

int
rl_out_dir_create(rl_out_dir_t *d, const char *name, FILE **f, size_t *k, rl_error_t *err)
{
    size_t n = strlen(d->dir) + strlen(name) + 2, i = find(d, name);
    char *path = rl_malloc(n);
    struct rl_out_file *e;
    int ret;

    *f = NULL;
    if (path == NULL) {
        return rl_error_set(err, RL_ERR_NOMEM, d->dir, 0, 0, "out of memory");
    }
    snprintf(path, n, "%s/%s", d->dir, name);
    if (d->input != NULL && rl_outfile_same(path, d->input)) {
        ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "is the input %s; refusing to replace "
            "it", d->input);
        free(path);
        return ret;
    }
    if (i < d->n) { /* written before: the new file replaces it */
        rl_outfile_abort(&d->files[i].o);
    } else if (rl_grow(&d->files, &d->cap, d->n + 1) != 0
               || (d->files[d->n].name = rl_strdup(name)) == NULL) {
        free(path);
        return rl_error_set(err, RL_ERR_NOMEM, d->dir, 0, 0, "out of memory");
    } else {
        d->files[d->n].hash = hash_of(name);
        memset(&d->files[d->n].o, 0, sizeof d->files[d->n].o);
        d->n++;
    }
    e = &d->files[i];
    *k = i;
    ret = rl_outfile_open(&e->o, path, d->watch, err);
    free(path);
    if (ret != 0) {
        return ret;
    }
    e->o.sync_dir = false;
    e->o.sync_file = false; /* all at once at commit (sync_files) */
    if ((*f = rl_outfile_stream(&e->o, err)) == NULL) {
        rl_outfile_abort(&e->o);
        return RL_ERR_NOMEM;
    }
    return 0;
}

int
rl_out_dir_close(rl_out_dir_t *d, size_t k, FILE *f, rl_error_t *err)
{
    (void) f; /* the file's own stream: rl_outfile_close closes it */
    return rl_outfile_close(&d->files[k].o, err);
}

static void
release(rl_out_dir_t *d)
{
    size_t i;
    for (i = 0; i < d->n; i++) {
        rl_outfile_abort(&d->files[i].o); /* nothing left after a commit */
        free(d->files[i].name);
    }
    rl_outfile_watch_gone(d->watch, d->dir_handle, &d->dir_watched);
    free(d->files);
    free(d->dir);
    memset(d, 0, sizeof *d);
}

/* Make the data of every closed temporary file durable (see the top of the file).
** RL_ERR_IO naming the folder or the file if that fails. */
static int
sync_files(rl_out_dir_t *d, rl_error_t *err)
{
    size_t i;
    int fd, ok;

#if defined(__linux__)
    if ((fd = open(d->dir, O_RDONLY | O_CLOEXEC)) >= 0) {
        ok = syncfs(fd) == 0;
        close(fd);
        if (ok) {
            return 0;
        }
    }
#endif
    for (i = 0; i < d->n; i++) {
        if (d->files[i].o.tmp == NULL) {
            continue;
        }
        if ((fd = open(d->files[i].o.tmp, O_RDONLY | O_CLOEXEC)) < 0) {
            return rl_error_set(err, RL_ERR_IO, d->files[i].o.path, 0, 0, "cannot sync: %s",
                strerror(errno));
        }
        ok = fsync(fd) == 0 || errno == EINVAL;
        close(fd);
        if (!ok) {
            return rl_error_set(err, RL_ERR_IO, d->files[i].o.path, 0, 0, "fsync failed: %s",
                strerror(errno));
        }
    }
    return 0;
}

int
rl_out_dir_commit(rl_out_dir_t *d, rl_error_t *err)
{
    rl_error_t e2;
    size_t i;
    int ret;

    if ((ret = sync_files(d, err)) != 0) {
        rl_out_dir_abort(d);
        return ret;
    }
    for (i = 0; i < d->n; i++) {
        if (d->files[i].o.tmp != NULL
            && rl_outfile_commit(&d->files[i].o, ret == 0 ? err : &e2) != 0) {
            ret = RL_ERR_IO;
        }
    }
    rl_outfile_sync_dir(d->dir);
    release(d);
    return ret;
}

void
rl_out_dir_abort(rl_out_dir_t *d)
{
    size_t i;
    for (i = 0; i < d->n; i++) {
        rl_outfile_abort(&d->files[i].o);
    }
    if (d->created && d->dir != NULL) {
        rmdir(d->dir); /* fails, harmlessly, if something else is in it */
    }
    release(d);
}
