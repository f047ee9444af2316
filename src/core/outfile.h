/* outfile.h -- the one way the library writes an output file (internal).
**
** Every writer -- the SQLite store, the CSV tables, the MED-PC files, the HTML report, the
** figures, calibrate's JSON -- goes through this module, so each follows the same rule
** (stated for library users in relapselab/tempwatch.h):
**
**   1. The final path is checked first (rl_outfile_check): nothing there or a regular file
**      may be replaced; a directory, a FIFO, a character or block device, a socket, a
**      symbolic link to one of these or to nothing, is refused with RL_ERR_IO ("<path>: is
**      a FIFO; refusing to replace it"), and so is a path whose directory is missing or not
**      writable. Nothing is created then.
**   2. The data go to a new temporary file in the same directory, "<file>.tmp-<12 hex
**      digits>", the digits from /dev/urandom (mixed with the clock and PID), opened with
**      O_CREAT|O_EXCL|O_NOFOLLOW, mode 0666 less the umask: a file or symbolic link planted
**      at any name is never opened, let alone written through (a taken name is retried).
**   3. Commit: flush, fsync(), close, check the file to replace again (it may have changed
**      meanwhile), rename() onto it, fsync() the directory (best effort: some file systems
**      refuse it).
**   4. On any failure, or rl_outfile_abort(), the temporary file is removed.
**
** A symbolic link to a regular file is followed, as cp, curl or a compiler's -o would: the
** file it leads to (realpath) is the one replaced -- the temporary file is made beside that
** file and renamed onto it -- and the link stays. So `latest.db -> runs/v3.db` updates
** runs/v3.db, and `-o /dev/stdout` with standard output redirected to a file writes that
** file (a terminal or a pipe is refused: use "-"), where replacing the link would replace
** /dev/stdout itself. A link planted in a shared folder by someone else cannot redirect the
** output there on a system with fs.protected_symlinks (Debian's default): following it
** fails, and the path is refused.
**
** The watch (relapselab/tempwatch.h; may be NULL) is told of each temporary file after it is
** created and when it is gone, so the relapselab tool's signal handler can remove the live
** ones. "-" (standard output) is not special here: the command-line tool handles it.
*/
#ifndef RL_CORE_OUTFILE_H
#define RL_CORE_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "relapselab/error.h"
#include "relapselab/tempwatch.h"

/* An output file being written. Zero-filled = nothing open (rl_outfile_abort is a no-op). */
typedef struct rl_outfile {
    char *path;                    /* the final path as given (malloc'ed; for messages) */
    char *target;                  /* the file replaced: path, or where its link leads */
    char *tmp;                     /* the temporary file; NULL when there is none */
    int fd;                        /* open on tmp, or -1 once closed */
    FILE *f;                       /* stdio stream on fd (rl_outfile_stream), or NULL */
    const rl_temp_watch_t *watch;  /* may be NULL */
    void *handle;                  /* the watch's token for tmp */
    bool watched;                  /* the watch was told of tmp (and not yet of its end) */
    bool sync_file;                /* close fsyncs the file (default true) */
    bool sync_dir;                 /* commit fsyncs the directory (default true) */
} rl_outfile_t;

/* Rule 1 above for path: 0, or RL_ERR_IO naming path with the reason. */
int rl_outfile_check(const char *path, rl_error_t *err);

/* Check path (rule 1) and create its temporary file (rule 2), open for writing on o->fd.
** RL_ERR_IO or RL_ERR_NOMEM naming path; then nothing exists and o holds nothing. */
int rl_outfile_open(rl_outfile_t *o, const char *path, const rl_temp_watch_t *watch,
    rl_error_t *err);

/* A stdio stream (binary) on the temporary file, made on the first call; NULL with
** RL_ERR_NOMEM in err if it cannot be. Closed by rl_outfile_close/commit/abort. */
FILE *rl_outfile_stream(rl_outfile_t *o, rl_error_t *err);

/* Flush, fsync (if o->sync_file) and close the temporary file, which stays (to be
** committed later).
** RL_ERR_IO naming the final path if a write failed (the file is kept for abort). */
int rl_outfile_close(rl_outfile_t *o, rl_error_t *err);

/* Close (if still open), check the final path again, rename the temporary file onto it and
** sync the directory (if o->sync_dir). Releases o whatever the outcome; on failure the
** temporary file is removed and the final path is untouched (RL_ERR_IO). */
int rl_outfile_commit(rl_outfile_t *o, rl_error_t *err);

/* Close and remove the temporary file, release o. Safe on a zero-filled o and twice. */
void rl_outfile_abort(rl_outfile_t *o);

/* Write data[0..n) to path by the rule (open, write, commit). */
int rl_outfile_write(const char *path, const void *data, size_t n,
    const rl_temp_watch_t *watch, rl_error_t *err);

/* 1 if paths a and b name the same file: the same device and inode when both exist
** (symbolic links followed); when neither does, the same last component in the same
** directory (compared by device and inode: the same as comparing realpath() of the
** directories). 0 otherwise (one exists and the other does not, or a directory is
** missing). */
int rl_outfile_same(const char *a, const char *b);

/* fsync() directory dir, so the renames in it are durable; best effort (errors ignored). */
void rl_outfile_sync_dir(const char *dir);

/* Tell watch (may be NULL) that temporary path now exists / is gone, for a folder a writer
** created itself. made: 0 (then *watched is true and gone must follow), or RL_ERR_NOMEM
** naming path. gone: only if *watched, which it clears. */
int rl_outfile_watch_made(const rl_temp_watch_t *watch, const char *path, void **handle,
    bool *watched, rl_error_t *err);
void rl_outfile_watch_gone(const rl_temp_watch_t *watch, void *handle, bool *watched);

#endif
