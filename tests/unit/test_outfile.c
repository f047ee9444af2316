/* test_outfile.c -- the output module (src/core/outfile.c) and the folder writer on top of
** it (src/store/out_dir.c): which final paths are refused, the temporary file's name and
** creation (never through a planted file or link), commit and abort, the temporary-file
** watch, "same file", and unique names in a folder.
**
** Everything happens in a fresh directory from mkdtemp(); the FIFOs, sockets and links are
** made there. No case touches /dev: a character device cannot be made without root
** (mknod), so the device branch of the check (the same code as the FIFO and socket ones,
** S_ISCHR / S_ISBLK) is not exercised here.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/outfile.h"
#include "store/out_dir.h"
#include "testlib.h"

static char tmpdir[64];

/* tmpdir/name, in one of four rotating buffers (copy it to keep it longer). */
static const char *
path_in(const char *name)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

/* A UNIX-domain socket file at path (bound, then closed: the file stays). */
static int
make_socket(const char *path)
{
    struct sockaddr_un a;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0), ok;
    if (fd < 0) {
        return -1;
    }
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    ok = bind(fd, (struct sockaddr *) &a, sizeof a);
    close(fd);
    return ok;
}

/* Rule 1: what may be replaced and what is refused, with the message. */
static void
check_targets(void)
{
    rl_error_t err;
    struct stat st;

    CHECK(rl_outfile_check(path_in("new.db"), &err) == 0);
    rl_test_write_text(path_in("old.db"), "old");
    CHECK(rl_outfile_check(path_in("old.db"), &err) == 0);
    CHECK(symlink(path_in("old.db"), path_in("link_reg")) == 0);
    CHECK(rl_outfile_check(path_in("link_reg"), &err) == 0);
    CHECK(symlink(path_in("nowhere"), path_in("dangling")) == 0);
    CHECK(rl_outfile_check(path_in("dangling"), &err) == RL_ERR_IO);
    CHECK(strcmp(err.msg, "is a symbolic link to nothing; refusing to replace it") == 0);

    CHECK(mkdir(path_in("dir"), 0700) == 0);
    rl_error_clear(&err);
    CHECK(rl_outfile_check(path_in("dir"), &err) == RL_ERR_IO);
    CHECK(strcmp(err.file, path_in("dir")) == 0);
    CHECK(strcmp(err.msg, "is a directory; refusing to replace it") == 0);
    CHECK(mkfifo(path_in("fifo"), 0600) == 0);
    CHECK(rl_outfile_check(path_in("fifo"), &err) == RL_ERR_IO);
    CHECK(strcmp(err.msg, "is a FIFO; refusing to replace it") == 0);
    CHECK(make_socket(path_in("sock")) == 0);
    CHECK(rl_outfile_check(path_in("sock"), &err) == RL_ERR_IO);
    CHECK(strcmp(err.msg, "is a socket; refusing to replace it") == 0);
    CHECK(symlink(path_in("fifo"), path_in("link_fifo")) == 0);
    CHECK(rl_outfile_check(path_in("link_fifo"), &err) == RL_ERR_IO);
    CHECK(strcmp(err.msg, "is a symbolic link to a FIFO; refusing to replace it") == 0);
    CHECK(symlink(path_in("dir"), path_in("link_dir")) == 0);
    CHECK(rl_outfile_check(path_in("link_dir"), &err) == RL_ERR_IO);
    CHECK(strcmp(err.msg, "is a symbolic link to a directory; refusing to replace it") == 0);

    CHECK(rl_outfile_check(path_in("dir/"), &err) == RL_ERR_IO);
    CHECK(strcmp(err.msg, "not a file name") == 0);
    CHECK(rl_outfile_check("", &err) == RL_ERR_IO);
    CHECK(rl_outfile_check(path_in("no/such/dir/x.db"), &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "no/such/dir") != NULL);
    CHECK(rl_outfile_check(path_in("old.db/x.db"), &err) == RL_ERR_IO); /* not a directory */

    /* a refused path: rl_outfile_open creates nothing, and the FIFO stays a FIFO */
    {
        rl_outfile_t o;
        CHECK(rl_outfile_open(&o, path_in("fifo"), NULL, &err) == RL_ERR_IO);
        CHECK(o.tmp == NULL && o.path == NULL);
        rl_outfile_abort(&o);
        CHECK(rl_outfile_write(path_in("link_fifo"), "x", 1, NULL, &err) == RL_ERR_IO);
        CHECK(lstat(path_in("fifo"), &st) == 0 && S_ISFIFO(st.st_mode));
        CHECK(lstat(path_in("link_fifo"), &st) == 0 && S_ISLNK(st.st_mode));
        CHECK(rl_test_count_names(tmpdir, ".tmp-") == 0);
    }
    remove(path_in("old.db"));
    remove(path_in("link_reg"));
    remove(path_in("dangling"));
    remove(path_in("link_fifo"));
    remove(path_in("link_dir"));
    remove(path_in("fifo"));
    remove(path_in("sock"));
    rmdir(path_in("dir"));
}

/* Rule 2: "<path>.tmp-" + 12 hex digits, new each time, never a planted name; rule 3:
** commit renames, the mode follows the umask. */
static void
temporary_names(void)
{
    rl_outfile_t a, b;
    rl_error_t err;
    struct stat st;
    char final[256], old_tmp[300];
    size_t n, i;
    mode_t old_mask = umask(022);

    snprintf(final, sizeof final, "%s", path_in("out.csv"));
    n = strlen(final);

    /* the names the writers used before: a link planted there, to a victim */
    rl_test_write_text(path_in("victim"), "precious");
    snprintf(old_tmp, sizeof old_tmp, "%s.tmp", final);
    CHECK(symlink(path_in("victim"), old_tmp) == 0);
    snprintf(old_tmp, sizeof old_tmp, "%s.tmp-%ld", final, (long) getpid());
    CHECK(symlink(path_in("victim"), old_tmp) == 0);

    CHECK(rl_outfile_open(&a, final, NULL, &err) == 0);
    CHECK(rl_outfile_open(&b, final, NULL, &err) == 0);
    CHECK(a.tmp != NULL && b.tmp != NULL && strcmp(a.tmp, b.tmp) != 0);
    CHECK(strncmp(a.tmp, final, n) == 0 && strncmp(a.tmp + n, ".tmp-", 5) == 0);
    CHECK(strlen(a.tmp) == n + 5 + 12);
    for (i = n + 5; a.tmp[i] != '\0'; i++) {
        CHECK(strchr("0123456789abcdef", a.tmp[i]) != NULL);
    }
    CHECK(lstat(a.tmp, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0);
    CHECK(fprintf(rl_outfile_stream(&a, &err), "first") == 5);
    CHECK(write(b.fd, "second", 6) == 6);
    CHECK(rl_outfile_commit(&a, &err) == 0);
    CHECK(a.tmp == NULL && a.path == NULL);
    CHECK(rl_test_file_is(final, "first"));
    CHECK(rl_outfile_commit(&b, &err) == 0); /* the later commit wins, whole */
    CHECK(rl_test_file_is(final, "second"));
    CHECK(stat(final, &st) == 0 && (st.st_mode & 0777) == 0644);
    CHECK(rl_test_file_is(path_in("victim"), "precious"));
    CHECK(rl_test_count_names(tmpdir, ".tmp-") == 1); /* the planted link at "<final>.tmp-<pid>" only */
    CHECK(lstat(old_tmp, &st) == 0 && S_ISLNK(st.st_mode));
    umask(old_mask);
    remove(old_tmp);
    snprintf(old_tmp, sizeof old_tmp, "%s.tmp", final);
    CHECK(lstat(old_tmp, &st) == 0 && S_ISLNK(st.st_mode));
    remove(old_tmp);
    remove(final);
    remove(path_in("victim"));
}

/* A symbolic link to a regular file at the final path is followed: the file it leads to
** (in another folder here) is replaced, through a temporary file beside it, and the link
** stays a link. */
static void
link_followed(void)
{
    rl_outfile_t o;
    rl_error_t err;
    struct stat st;
    char sub[256];

    snprintf(sub, sizeof sub, "%s", path_in("sub"));
    CHECK(mkdir(sub, 0700) == 0);
    rl_test_write_text(path_in("sub/target.html"), "old");
    CHECK(symlink("sub/target.html", path_in("out.html")) == 0);
    CHECK(rl_outfile_open(&o, path_in("out.html"), NULL, &err) == 0);
    CHECK(o.tmp != NULL && strstr(o.tmp, "/sub/target.html.tmp-") != NULL); /* beside it */
    CHECK(strcmp(o.path, path_in("out.html")) == 0);
    CHECK(write(o.fd, "new", 3) == 3);
    CHECK(rl_outfile_commit(&o, &err) == 0);
    CHECK(lstat(path_in("out.html"), &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(rl_test_file_is(path_in("sub/target.html"), "new"));
    CHECK(rl_test_file_is(path_in("out.html"), "new"));
    remove(path_in("out.html"));
    remove(path_in("sub/target.html"));
    rmdir(sub);
}

/* The final path is checked again at commit: a FIFO that appeared meanwhile is not
** replaced, and the temporary file is removed. Abort removes it; abort is idempotent. */
static void
commit_rechecks_and_abort(void)
{
    rl_outfile_t o;
    rl_error_t err;
    struct stat st;
    char tmp[300];

    CHECK(rl_outfile_open(&o, path_in("late.svg"), NULL, &err) == 0);
    CHECK(mkfifo(path_in("late.svg"), 0600) == 0);
    CHECK(rl_outfile_commit(&o, &err) == RL_ERR_IO);
    CHECK(strcmp(err.msg, "is a FIFO; refusing to replace it") == 0);
    CHECK(lstat(path_in("late.svg"), &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK(rl_test_count_names(tmpdir, ".tmp-") == 0);
    remove(path_in("late.svg"));

    CHECK(rl_outfile_open(&o, path_in("gone.svg"), NULL, &err) == 0);
    snprintf(tmp, sizeof tmp, "%s", o.tmp);
    CHECK(rl_outfile_stream(&o, &err) != NULL);
    fputs("half", o.f);
    rl_outfile_abort(&o);
    CHECK(stat(tmp, &st) != 0 && errno == ENOENT);
    CHECK(stat(path_in("gone.svg"), &st) != 0);
    rl_outfile_abort(&o);
    memset(&o, 0, sizeof o);
    rl_outfile_abort(&o); /* zero-filled: nothing to do (and descriptor 0 is not closed) */
    CHECK(o.tmp == NULL && o.fd == -1);
}

static int made_calls, gone_calls, refuse;
static char last_made[300];

static int
on_made(void *ctx, const char *path, void **handle)
{
    (void) ctx;
    if (refuse) {
        return -1;
    }
    made_calls++;
    snprintf(last_made, sizeof last_made, "%s", path);
    *handle = last_made;
    return 0;
}

static void
on_gone(void *ctx, void *handle)
{
    (void) ctx;
    gone_calls += handle == last_made;
}

/* The watch hears of each temporary file once when it exists and once when it is gone; a
** watch that cannot record it makes the write fail with nothing left. */
static void
watch_calls(void)
{
    const rl_temp_watch_t w = {on_made, on_gone, NULL};
    rl_outfile_t o;
    rl_error_t err;
    struct stat st;

    made_calls = gone_calls = refuse = 0;
    CHECK(rl_outfile_open(&o, path_in("w.csv"), &w, &err) == 0);
    CHECK(made_calls == 1 && gone_calls == 0 && strcmp(last_made, o.tmp) == 0);
    CHECK(stat(last_made, &st) == 0); /* told after it exists */
    CHECK(rl_outfile_commit(&o, &err) == 0);
    CHECK(gone_calls == 1);
    CHECK(rl_outfile_open(&o, path_in("w.csv"), &w, &err) == 0);
    rl_outfile_abort(&o);
    CHECK(made_calls == 2 && gone_calls == 2);
    refuse = 1;
    CHECK(rl_outfile_write(path_in("w2.csv"), "x", 1, &w, &err) == RL_ERR_NOMEM);
    CHECK(strcmp(err.file, path_in("w2.csv")) == 0);
    CHECK(made_calls == 2 && gone_calls == 2 && rl_test_count_names(tmpdir, ".tmp-") == 0);
    CHECK(stat(path_in("w2.csv"), &st) != 0);
    remove(path_in("w.csv"));
}

/* Same file: by inode when both exist (hard and symbolic links too), by directory and name
** when neither does. */
static void
same_file(void)
{
    char here[300];

    rl_test_write_text(path_in("a.db"), "a");
    rl_test_write_text(path_in("b.db"), "b");
    CHECK(link(path_in("a.db"), path_in("hard.db")) == 0);
    CHECK(symlink(path_in("a.db"), path_in("soft.db")) == 0);
    CHECK(mkdir(path_in("sub"), 0700) == 0);
    CHECK(rl_outfile_same(path_in("a.db"), path_in("a.db")) == 1);
    CHECK(rl_outfile_same(path_in("a.db"), path_in("sub/../a.db")) == 1);
    CHECK(rl_outfile_same(path_in("a.db"), path_in("hard.db")) == 1);
    CHECK(rl_outfile_same(path_in("soft.db"), path_in("a.db")) == 1);
    CHECK(rl_outfile_same(path_in("a.db"), path_in("b.db")) == 0);
    CHECK(rl_outfile_same(path_in("a.db"), path_in("new.db")) == 0);
    CHECK(rl_outfile_same(path_in("new.db"), path_in("sub/../new.db")) == 1);
    CHECK(rl_outfile_same(path_in("new.db"), path_in("sub/new.db")) == 0);
    CHECK(rl_outfile_same(path_in("new.db"), path_in("new2.db")) == 0);
    CHECK(rl_outfile_same(path_in("no/dir/x"), path_in("no/dir/x")) == 0);
    /* a relative name and an absolute one */
    CHECK(getcwd(here, sizeof here) != NULL && chdir(tmpdir) == 0);
    CHECK(rl_outfile_same("a.db", path_in("a.db")) == 1);
    CHECK(rl_outfile_same("new.db", path_in("new.db")) == 1);
    CHECK(chdir(here) == 0);
    remove(path_in("a.db"));
    remove(path_in("b.db"));
    remove(path_in("hard.db"));
    remove(path_in("soft.db"));
    rmdir(path_in("sub"));
}

/* A folder of files: unique names ignore case and count up; files appear only at commit;
** abort removes the temporary files and the folder it created; the input is refused. */
static void
out_dir_files(void)
{
    const rl_temp_watch_t w = {on_made, on_gone, NULL};
    rl_out_dir_t d;
    rl_error_t err;
    struct stat st;
    char name[64];
    FILE *f;
    size_t k;

    made_calls = gone_calls = refuse = 0;
    CHECK(rl_out_dir_open(&d, path_in("folder"), &w, &err) == 0);
    CHECK(d.created && made_calls == 1);
    CHECK(rl_out_dir_unique(&d, "s1", name, sizeof name) == 0 && strcmp(name, "s1") == 0);
    CHECK(rl_out_dir_create(&d, name, &f, &k, &err) == 0);
    fputs("one", f);
    CHECK(rl_out_dir_close(&d, k, f, &err) == 0);
    CHECK(rl_out_dir_unique(&d, "S1", name, sizeof name) == 0 && strcmp(name, "S1 (2)") == 0);
    CHECK(rl_out_dir_create(&d, name, &f, &k, &err) == 0);
    fputs("two", f);
    CHECK(rl_out_dir_close(&d, k, f, &err) == 0);
    CHECK(rl_out_dir_unique(&d, "s1", name, sizeof name) == 0 && strcmp(name, "s1 (3)") == 0);
    CHECK(rl_out_dir_unique(&d, "s1", name, 4) == -1); /* does not fit */
    CHECK(stat(path_in("folder/s1"), &st) != 0); /* nothing final before the commit */
    CHECK(rl_out_dir_commit(&d, &err) == 0);
    CHECK(rl_test_file_is(path_in("folder/s1"), "one") && rl_test_file_is(path_in("folder/S1 (2)"), "two"));
    CHECK(made_calls == 3 && gone_calls == 3);

    /* the input may not be replaced */
    CHECK(rl_out_dir_open(&d, path_in("folder"), NULL, &err) == 0);
    d.input = path_in("folder/s1");
    CHECK(rl_out_dir_create(&d, "s1", &f, &k, &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "is the input") != NULL);
    rl_out_dir_abort(&d);
    CHECK(rl_test_file_is(path_in("folder/s1"), "one"));
    remove(path_in("folder/s1"));
    remove(path_in("folder/S1 (2)"));
    rmdir(path_in("folder"));

    /* abort: temporary files and the new folder gone */
    CHECK(rl_out_dir_open(&d, path_in("folder2"), &w, &err) == 0);
    CHECK(rl_out_dir_create(&d, "x.csv", &f, &k, &err) == 0);
    fputs("x", f);
    rl_out_dir_abort(&d);
    CHECK(stat(path_in("folder2"), &st) != 0);
    CHECK(made_calls == gone_calls);
}

static const rl_test_case_t CASES[] = {
    {"check_targets", check_targets, 0},
    {"temporary_names", temporary_names, 0},
    {"link_followed", link_followed, 0},
    {"commit_rechecks_and_abort", commit_rechecks_and_abort, 0},
    {"watch_calls", watch_calls, 0},
    {"same_file", same_file, 0},
    {"out_dir_files", out_dir_files, 0},
};

static bool
setup(void)
{
    return rl_test_tmpdir(tmpdir, sizeof tmpdir, "outfile");
}

static bool
teardown(void)
{
    return rl_test_tmpdir_done(tmpdir);
}

int
main(int argc, char **argv)
{
    static const rl_test_suite_t suite = {CASES, RL_TEST_COUNT(CASES), setup, teardown};
    return rl_test_main(argc, argv, &suite);
}
