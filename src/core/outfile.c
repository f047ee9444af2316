/* outfile.c -- output files written by one rule: check, unpredictable temporary file,
** fsync, rename (see outfile.h for the rule and why).
**
** The temporary name's 48 random bits come from /dev/urandom, mixed (splitmix64) with the
** clock, the PID, the attempt number and an address, so two processes or two files of one
** process never race for a name; O_EXCL makes a collision a retry, never a shared file.
** Errors name the final path (what the user typed); the temporary name appears in the
** message only where it helps (a failed rename).
*/
#define _XOPEN_SOURCE 700 /* realpath() */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "relapselab/rng.h"
#include "core/alloc.h"

#define TMP_ATTEMPTS 64

/* "a FIFO", "a directory", ...: what a non-regular file is, for the messages. */
static const char *
kind_of(mode_t m)
{
    if (S_ISDIR(m)) {
        return "a directory";
    }
    if (S_ISFIFO(m)) {
        return "a FIFO";
    }
    if (S_ISCHR(m)) {
        return "a character device";
    }
    if (S_ISBLK(m)) {
        return "a block device";
    }
    if (S_ISSOCK(m)) {
        return "a socket";
    }
    return "not a regular file";
}

/* The directory part of path ("." when there is none, "/" for "/x") into buf[n]; -1 if it
** does not fit. */
static int
dir_of(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    size_t len = slash == NULL ? 1 : slash == path ? 1 : (size_t) (slash - path);

    if (len + 1 > n) {
        return -1;
    }
    if (slash == NULL) {
        memcpy(buf, ".", 2);
    } else {
        memcpy(buf, slash == path ? "/" : path, len);
        buf[len] = '\0';
    }
    return 0;
}

/* The directory that will hold target (path: as the user named it, for the messages) must
** exist, be a directory and be writable. */
static int
check_dir(const char *target, const char *path, rl_error_t *err)
{
    char dir[PATH_MAX];
    struct stat st;

    if (dir_of(target, dir, sizeof dir) != 0) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "path too long");
    }
    if (stat(dir, &st) != 0) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot write: directory %s: %s", dir,
            strerror(errno));
    }
    if (!S_ISDIR(st.st_mode)) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot write: %s is not a directory",
            dir);
    }
    if (access(dir, W_OK | X_OK) != 0) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0,
            "cannot write: directory %s is not writable: %s", dir, strerror(errno));
    }
    return 0;
}

/* Rule 1 for path; target[PATH_MAX] receives the file to replace: path itself, or the
** regular file that a symbolic link at path resolves to (realpath). */
static int
check_resolve(const char *path, char *target, rl_error_t *err)
{
    size_t len = path != NULL ? strlen(path) : 0;
    struct stat ls, st;

    if (len == 0 || path[len - 1] == '/') {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "not a file name");
    }
    if (len >= PATH_MAX) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "path too long");
    }
    memcpy(target, path, len + 1);
    if (lstat(path, &ls) != 0) {
        if (errno != ENOENT) {
            return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot write: %s",
                strerror(errno));
        }
    } else if (S_ISLNK(ls.st_mode)) {
        if (stat(path, &st) != 0) {
            return errno == ENOENT
                ? rl_error_set(err, RL_ERR_IO, path, 0, 0, "is a symbolic link to nothing; "
                      "refusing to replace it")
                : rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot follow the symbolic link: "
                      "%s", strerror(errno));
        }
        if (!S_ISREG(st.st_mode)) {
            return rl_error_set(err, RL_ERR_IO, path, 0, 0,
                "is a symbolic link to %s; refusing to replace it", kind_of(st.st_mode));
        }
        if (realpath(path, target) == NULL) {
            return rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot follow the symbolic "
                "link: %s", strerror(errno));
        }
    } else if (!S_ISREG(ls.st_mode)) {
        return rl_error_set(err, RL_ERR_IO, path, 0, 0, "is %s; refusing to replace it",
            kind_of(ls.st_mode));
    }
    return check_dir(target, path, err);
}

int
rl_outfile_check(const char *path, rl_error_t *err)
{
    char target[PATH_MAX];
    return check_resolve(path, target, err);
}

/* 48 unpredictable bits for a temporary name (attempt makes retries differ). */
static uint64_t
random_bits(unsigned attempt)
{
    uint64_t r = 0;
    struct timespec ts;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

    if (fd >= 0) {
        if (read(fd, &r, sizeof r) != (ssize_t) sizeof r) {
            r = 0;
        }
        close(fd);
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    r ^= rl_mix64((uint64_t) ts.tv_sec ^ ((uint64_t) ts.tv_nsec << 20)
        ^ ((uint64_t) getpid() << 40) ^ attempt ^ (uint64_t) (uintptr_t) &r);
    return r & 0xFFFFFFFFFFFFULL;
}

int
rl_outfile_watch_made(const rl_temp_watch_t *watch, const char *path, void **handle,
    bool *watched, rl_error_t *err)
{
    *handle = NULL;
    *watched = false;
    if (watch == NULL || watch->made == NULL) {
        return 0;
    }
    if (watch->made(watch->ctx, path, handle) != 0) {
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    *watched = true;
    return 0;
}

void
rl_outfile_watch_gone(const rl_temp_watch_t *watch, void *handle, bool *watched)
{
    if (*watched && watch != NULL && watch->gone != NULL) {
        watch->gone(watch->ctx, handle);
    }
    *watched = false;
}

static void
release(rl_outfile_t *o)
{
    free(o->path);
    free(o->target);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    o->fd = -1;
}

int
rl_outfile_open(rl_outfile_t *o, const char *path, const rl_temp_watch_t *watch,
    rl_error_t *err)
{
    char target[PATH_MAX];
    size_t n;
    unsigned attempt;
    int ret;

    memset(o, 0, sizeof *o);
    o->fd = -1;
    o->sync_file = true;
    o->sync_dir = true;
    o->watch = watch;
    if ((ret = check_resolve(path, target, err)) != 0) {
        return ret;
    }
    n = strlen(target) + 32;
    if ((o->path = rl_strdup(path)) == NULL || (o->target = rl_strdup(target)) == NULL
        || (o->tmp = rl_malloc(n)) == NULL) {
        release(o);
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    for (attempt = 0; attempt < TMP_ATTEMPTS; attempt++) {
        snprintf(o->tmp, n, "%s.tmp-%012llx", target,
            (unsigned long long) random_bits(attempt));
        o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (o->fd >= 0 || errno != EEXIST) {
            break;
        }
    }
    if (o->fd < 0) {
        ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "cannot create a temporary file "
            "beside it: %s", strerror(errno));
        release(o);
        return ret;
    }
    if (rl_outfile_watch_made(watch, o->tmp, &o->handle, &o->watched, NULL) != 0) {
        rl_outfile_abort(o);
        return rl_error_set(err, RL_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    return 0;
}

FILE *
rl_outfile_stream(rl_outfile_t *o, rl_error_t *err)
{
    if (o->f == NULL && o->fd >= 0 && (o->f = fdopen(o->fd, "wb")) == NULL) {
        rl_error_set(err, RL_ERR_NOMEM, o->path, 0, 0, "cannot open a stream: %s",
            strerror(errno));
    }
    return o->f;
}

/* fsync, tolerating file systems that cannot (EINVAL: the file does not support it). */
static int
sync_fd(int fd)
{
    return fsync(fd) == 0 || errno == EINVAL ? 0 : -1;
}

int
rl_outfile_close(rl_outfile_t *o, rl_error_t *err)
{
    int failed = 0, e = 0;

    if (o->f != NULL) {
        if (ferror(o->f) || fflush(o->f) != 0) {
            failed = 1;
            e = errno;
        }
        if (!failed && o->sync_file && sync_fd(o->fd) != 0) {
            failed = 1;
            e = errno;
        }
        if (fclose(o->f) != 0 && !failed) {
            failed = 1;
            e = errno;
        }
        o->f = NULL;
        o->fd = -1;
    } else if (o->fd >= 0) {
        if (o->sync_file && sync_fd(o->fd) != 0) {
            failed = 1;
            e = errno;
        }
        if (close(o->fd) != 0 && !failed) {
            failed = 1;
            e = errno;
        }
        o->fd = -1;
    }
    if (failed) {
        return rl_error_set(err, RL_ERR_IO, o->path, 0, 0, "write failed: %s",
            e != 0 ? strerror(e) : "stream error");
    }
    return 0;
}

int
rl_outfile_commit(rl_outfile_t *o, rl_error_t *err)
{
    char dir[PATH_MAX], again[PATH_MAX];
    int ret;

    if (o->tmp == NULL) {
        return rl_error_set(err, RL_ERR_INTERNAL, o->path, 0, 0, "no file to commit");
    }
    /* the file to replace is checked again: it may have changed while we wrote */
    if ((ret = rl_outfile_close(o, err)) != 0
        || (ret = check_resolve(o->target, again, err)) != 0) {
        rl_outfile_abort(o);
        return ret;
    }
    if (rename(o->tmp, o->target) != 0) {
        ret = rl_error_set(err, RL_ERR_IO, o->path, 0, 0, "cannot rename %s onto it: %s",
            o->tmp, strerror(errno));
        rl_outfile_abort(o);
        return ret;
    }
    rl_outfile_watch_gone(o->watch, o->handle, &o->watched);
    if (o->sync_dir && dir_of(o->target, dir, sizeof dir) == 0) {
        rl_outfile_sync_dir(dir);
    }
    release(o);
    return 0;
}

void
rl_outfile_abort(rl_outfile_t *o)
{
    if (o->tmp == NULL) {
        release(o);
        return;
    }
    if (o->f != NULL) {
        fclose(o->f);
    } else if (o->fd >= 0) {
        close(o->fd);
    }
    o->f = NULL;
    o->fd = -1;
    unlink(o->tmp);
    rl_outfile_watch_gone(o->watch, o->handle, &o->watched);
    release(o);
}

int
rl_outfile_write(const char *path, const void *data, size_t n,
    const rl_temp_watch_t *watch, rl_error_t *err)
{
    const unsigned char *p = data;
    rl_outfile_t o;
    int ret;

    if ((ret = rl_outfile_open(&o, path, watch, err)) != 0) {
        return ret;
    }
    while (n > 0) {
        ssize_t k = write(o.fd, p, n);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            ret = rl_error_set(err, RL_ERR_IO, path, 0, 0, "write failed: %s",
                k < 0 ? strerror(errno) : "no progress");
            rl_outfile_abort(&o);
            return ret;
        }
        p += k;
        n -= (size_t) k;
    }
    return rl_outfile_commit(&o, err);
}

/* The last component of path. */
static const char *
base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

int
rl_outfile_same(const char *a, const char *b)
{
    struct stat sa, sb;
    char da[PATH_MAX], db[PATH_MAX];
    int ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;

    if (ea && eb) {
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    }
    if (ea || eb) {
        return 0;
    }
    /* Neither exists: the same name in the same directory (the directories compared by
    ** device and inode, which is what comparing their realpath() would do). */
    return strcmp(base_of(a), base_of(b)) == 0 && dir_of(a, da, sizeof da) == 0
        && dir_of(b, db, sizeof db) == 0 && stat(da, &sa) == 0 && stat(db, &sb) == 0
        && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void
rl_outfile_sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_CLOEXEC);

    if (fd >= 0) {
        (void) fsync(fd);
        close(fd);
    }
}
