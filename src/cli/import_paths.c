/* import_paths.c -- import-medpc's list of files (see import_paths.h).
**
** The set of visited (device, inode) pairs is an open-addressing hash table (linear
** probing, kept at most half full) of entries that also hold the first path seen, for the
** note that names it; a walk of a hundred thousand files stays linear.
*/
#include "import_paths.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "relapselab/medpc.h"
#include "core/alloc.h"
#include "core/text_safe.h"

struct rl_cli_visit {
    dev_t dev;
    ino_t ino;
    char *path;                 /* NULL: an empty slot */
};

void
rl_cli_paths_init(rl_cli_paths_t *l)
{
    memset(l, 0, sizeof *l);
}

void
rl_cli_paths_free(rl_cli_paths_t *l)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        free(l->v[i]);
    }
    for (i = 0; i < l->cap_seen; i++) {
        free(l->seen[i].path);
    }
    free(l->v);
    free(l->seen);
    free(l->binary_path);
    memset(l, 0, sizeof *l);
}

static int
push_path(char ***v, size_t *n, size_t *cap, const char *p)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 64;
        char **grown = rl_realloc(*v, c * sizeof *grown);
        if (grown == NULL) {
            return -1;
        }
        *v = grown;
        *cap = c;
    }
    if (((*v)[*n] = rl_strdup(p)) == NULL) {
        return -1;
    }
    (*n)++;
    return 0;
}

static size_t
slot_of(const rl_cli_visit_t *t, size_t cap, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t) dev * 0x9E3779B97F4A7C15ULL) ^ (uint64_t) ino;
    size_t i;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    for (i = (size_t) h & (cap - 1); t[i].path != NULL; i = (i + 1) & (cap - 1)) {
        if (t[i].dev == dev && t[i].ino == ino) {
            break;
        }
    }
    return i;
}

/* Record st's (device, inode) as visited at path. Returns 0 when it is new, 1 when it was
** visited before (*first = the path it was visited at), -1 when memory runs out. */
static int
visit(rl_cli_paths_t *l, const struct stat *st, const char *path, const char **first)
{
    size_t i;
    if (2 * (l->n_seen + 1) > l->cap_seen) {
        size_t cap = l->cap_seen ? 2 * l->cap_seen : 256, k;
        rl_cli_visit_t *t = rl_calloc(cap, sizeof *t);
        if (t == NULL) {
            return -1;
        }
        for (k = 0; k < l->cap_seen; k++) {
            if (l->seen[k].path != NULL) {
                t[slot_of(t, cap, l->seen[k].dev, l->seen[k].ino)] = l->seen[k];
            }
        }
        free(l->seen);
        l->seen = t;
        l->cap_seen = cap;
    }
    i = slot_of(l->seen, l->cap_seen, st->st_dev, st->st_ino);
    if (l->seen[i].path != NULL) {
        *first = l->seen[i].path;
        return 1;
    }
    if ((l->seen[i].path = rl_strdup(path)) == NULL) {
        return -1;
    }
    l->seen[i].dev = st->st_dev;
    l->seen[i].ino = st->st_ino;
    l->n_seen++;
    return 0;
}

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* What the first bytes of the file at path are (rl_medpc_sniff, medpc.h); *at receives
** the offset of binary content. A file that cannot be read counts as annotated: the
** importer then reports why it cannot be read. */
static rl_medpc_sniff_t
sniff(const char *path, size_t *at)
{
    FILE *f = fopen(path, "rb");
    char buf[RL_MEDPC_SNIFF_BYTES];
    size_t n;
    *at = 0;
    if (f == NULL) {
        return RL_MEDPC_SNIFF_ANNOTATED;
    }
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    return rl_medpc_sniff(buf, n, at);
}

/* The entries of directory path (not hidden ones), sorted by name, into *names (each
** allocated). Returns 0, 1 when the directory cannot be opened, -1 when memory runs out
** (nothing is then left allocated). */
static int
list_dir(const char *path, char ***names, size_t *n)
{
    size_t cap = 0;
    struct dirent *e;
    DIR *d = opendir(path);
    int ret = 0;
    *names = NULL;
    *n = 0;
    if (d == NULL) {
        return 1;
    }
    while (ret == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            ret = push_path(names, n, &cap, e->d_name);
        }
    }
    closedir(d);
    if (ret != 0) {
        while (*n > 0) {
            free((*names)[--*n]);
        }
        free(*names);
        *names = NULL;
        return -1;
    }
    if (*n > 1) {
        qsort(*names, *n, sizeof **names, cmp_name);
    }
    return 0;
}

/* A note on stderr about path (and other, or NULL), both escaped for the terminal
** (text_safe.h); fmt has one or two %s. */
static void
note(const char *fmt, const char *path, const char *other)
{
    rl_text_buf_t pb, ob;
    fprintf(stderr, fmt, rl_text_safe(path, &pb), other != NULL ? rl_text_safe(other, &ob) : "");
}

/* Add path (top: a command-line argument); a directory adds its entries recursively. */
static int
expand(rl_cli_paths_t *l, const char *path, int top)
{
    struct stat st;
    const char *first = NULL;
    char **names;
    size_t n, i;
    int ret;

    if (stat(path, &st) != 0) {
        return push_path(&l->v, &l->n, &l->cap, path); /* the importer reports why */
    }
    if (!top && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
        note("%s: note: not a regular file (a FIFO, device or socket), not imported\n", path,
            NULL);
        return 0;
    }
    if ((ret = visit(l, &st, path, &first)) != 0) {
        if (ret > 0 && strcmp(path, first) == 0) {
            note("%s: note: named twice, read once\n", path, NULL);
        } else if (ret > 0) {
            note(S_ISDIR(st.st_mode)
                ? "%s: note: the directory %s again (a symbolic link), not walked twice\n"
                : "%s: note: the same file as %s, not imported twice\n", path, first);
        }
        return ret < 0 ? -1 : 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        size_t at;
        rl_medpc_sniff_t kind = S_ISREG(st.st_mode) ? sniff(path, &at)
            : RL_MEDPC_SNIFF_ANNOTATED;
        if (top && kind == RL_MEDPC_SNIFF_BINARY && l->binary_path == NULL) {
            l->binary_at = at;
            return (l->binary_path = rl_strdup(path)) == NULL ? -1 : 0;
        }
        if (!top && (kind == RL_MEDPC_SNIFF_OTHER || kind == RL_MEDPC_SNIFF_BINARY)) {
            l->n_not_medpc++;
            if (l->verbose) {
                note("%s: note: not a MED-PC data file (by its content), not imported\n", path,
                    NULL);
            }
            return 0;
        }
        return push_path(&l->v, &l->n, &l->cap, path);
    }
    if ((ret = list_dir(path, &names, &n)) != 0) {
        return ret < 0 ? -1 : push_path(&l->v, &l->n, &l->cap, path);
    }
    for (i = 0; i < n; i++) {
        char *full = ret == 0 ? rl_malloc(strlen(path) + strlen(names[i]) + 2) : NULL;
        if (full == NULL) {
            ret = -1;
        } else {
            sprintf(full, "%s/%s", path, names[i]);
            ret = expand(l, full, 0);
        }
        free(full);
        free(names[i]);
    }
    free(names);
    return ret;
}

int
rl_cli_paths_add(rl_cli_paths_t *l, const char *arg)
{
    return expand(l, arg, 1);
}
