/* tempwatch.h -- how a program learns of the temporary files the library writes.
**
** Every file the library writes (a database, a CSV table, a MED-PC file, a report, a figure)
** is first written to a temporary file beside it, "<path>.tmp-<random>", created with
** O_CREAT|O_EXCL|O_NOFOLLOW (so a file or symbolic link planted at that name is never
** opened), fsync()ed and renamed onto path only when complete; on failure it is removed. A
** folder of files (export --csv, export --medpc, summary --csv) is renamed file by file once
** every file is complete. The final path is checked before anything is written, and again
** just before the rename: a directory, a FIFO, a device or a socket -- or a symbolic link to
** one of these, or to nothing -- is refused (RL_ERR_IO, "<path>: is a FIFO; refusing to
** replace it"). A regular file is replaced. A symbolic link to a regular file is followed:
** the file it leads to is replaced (the temporary file is made beside it) and the link stays.
**
** A process that is killed while the library writes would leave the temporary files behind.
** A program that wants to remove them on a signal passes a watch: the library calls made()
** after it creates each temporary file or folder and gone() once it is renamed into place or
** removed, so the program can keep the live paths where its signal handler can unlink()
** them (the relapselab tool does; src/cli/signals.c). The calls come from the thread that
** called the library function. A NULL watch, or NULL callbacks, mean nobody is told.
*/
#ifndef RELAPSELAB_TEMPWATCH_H
#define RELAPSELAB_TEMPWATCH_H

typedef struct rl_temp_watch {
    /* A temporary file or folder now exists at path (copy it: the string is the library's).
    ** Store a token in *handle for gone(). Return 0, or < 0 if it cannot be recorded (out of
    ** memory): the library then removes it and fails with RL_ERR_NOMEM. */
    int (*made)(void *ctx, const char *path, void **handle);
    /* The temporary file or folder of handle no longer exists under its temporary name. */
    void (*gone)(void *ctx, void *handle);
    void *ctx;
} rl_temp_watch_t;

#endif
