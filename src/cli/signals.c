/* signals.c -- Ctrl-C and SIGTERM: the process-wide state of the tool, in one place.
**
** A command stops on SIGINT/SIGTERM in one of two ways, and never leaves a temporary file:
**
** 1. Commands whose library work polls a stop flag (run, validate, screen, calibrate) call
**    rl_cli_catch_interrupts(): the handler only sets a lock-free atomic flag; the work stops
**    between sessions, and the command's normal error path removes its temporary file and
**    exits 130 with a message.
** 2. Commands whose library work polls nothing (import-medpc, summary, report, plot, export)
**    call rl_cli_clean_on_interrupt() and hand the watch it returns to the library, which
**    reports each temporary file (or folder it created) as it appears and disappears
**    (relapselab/tempwatch.h). The handler removes every live one -- unlink(), or rmdir()
**    for a folder: both async-signal-safe -- then restores the default action and re-raises
**    the signal, so the process ends at once, killed by it (the shell's status is 130 for
**    SIGINT, 143 for SIGTERM, and a calling shell script stops as it should).
**
** Why not the flag for these too: they spend their time in SQLite reads, the measures and
** cairo, which poll no flag, and in writes that a slow disk can block; the flag would be
** seen only at the end. Ending the process at once is safe because every output is a
** temporary file renamed at the end: at any instant its final path holds the old file or
** the complete new one, and the handler removes the temporary ones.
**
** The registry is a singly linked list of nodes {path, live}, pushed at the head by an
** atomic pointer store after the node is complete. gone() only clears a node's flag: no
** node is freed or changed while the handler may run, so the handler reads immutable
** strings and lock-free atomics only. rl_cli_temps_release() sets SIG_IGN first and then
** frees the list. The library calls made()/gone() on the calling thread, and these commands
** run on one thread. A temporary file exists for an instant before made() records it (it is
** created, then recorded, so the handler never removes a file this process did not create);
** a signal in that instant leaves that one empty file.
**
** At the end (rl_cli_temps_release, from main) the outcome is decided and every output is
** final, so the handlers give way to SIG_IGN, not the default action: a signal in the last
** instant is ignored and the exit status always matches the files left.
**
** For the tests only: RL_TEST_INTERRUPT_AT=N raises SIGINT (SIGTERM with
** RL_TEST_INTERRUPT_SIGNAL=TERM) right after the N-th temporary file is recorded -- a
** deterministic Ctrl-C in the middle of a write (tests/cli/test_outputs.sh);
** RL_TEST_SIGNAL_AT_EXIT=INT|TERM raises one after the release, the instant between a
** finished command and the process's end (tests/cli/test_interrupt.sh).
*/
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/alloc.h"

static atomic_int interrupted; /* set by the flag handler (lock-free) */

typedef struct temp_node {
    struct temp_node *next;    /* immutable once published */
    atomic_int live;           /* 1 while the path exists under this name */
    char path[];
} temp_node_t;

static _Atomic(temp_node_t *) temps;  /* the registry, newest first */
static long test_interrupt_at;        /* RL_TEST_INTERRUPT_AT; 0 = off */
static int test_signal = SIGINT;
static long n_made;

static void
on_signal(int sig)
{
    (void) sig;
    atomic_store(&interrupted, 1);
}

static void
install(void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

const atomic_int *
rl_cli_catch_interrupts(void)
{
    install(on_signal);
    return &interrupted;
}

/* Remove the live temporary files and folders, then die of sig. Async-signal-safe. */
static void
on_signal_clean(int sig)
{
    struct sigaction sa;
    temp_node_t *n;
    int saved = errno;

    for (n = atomic_load(&temps); n != NULL; n = n->next) {
        if (atomic_load(&n->live) && unlink(n->path) != 0) {
            (void) rmdir(n->path); /* a folder this run created (newest first: emptied) */
        }
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    raise(sig); /* blocked in this handler: delivered, with the default action, on return */
    errno = saved;
}

static int
temp_made(void *ctx, const char *path, void **handle)
{
    size_t len = strlen(path) + 1;
    temp_node_t *n = rl_malloc(sizeof *n + len);

    (void) ctx;
    *handle = NULL;
    if (n == NULL) {
        return -1;
    }
    memcpy(n->path, path, len);
    atomic_init(&n->live, 1);
    n->next = atomic_load(&temps);
    atomic_store(&temps, n);
    *handle = n;
    if (test_interrupt_at > 0 && ++n_made == test_interrupt_at) {
        raise(test_signal);
    }
    return 0;
}

static void
temp_gone(void *ctx, void *handle)
{
    (void) ctx;
    if (handle != NULL) {
        atomic_store(&((temp_node_t *) handle)->live, 0);
    }
}

static const rl_temp_watch_t watch = {temp_made, temp_gone, NULL};

const rl_temp_watch_t *
rl_cli_clean_on_interrupt(void)
{
    const char *at = getenv("RL_TEST_INTERRUPT_AT"), *sig = getenv("RL_TEST_INTERRUPT_SIGNAL");

    if (at != NULL && at[0] != '\0') {
        test_interrupt_at = strtol(at, NULL, 10);
        test_signal = sig != NULL && strcmp(sig, "TERM") == 0 ? SIGTERM : SIGINT;
    }
    install(on_signal_clean);
    return &watch;
}

void
rl_cli_temps_release(void)
{
    const char *late = getenv("RL_TEST_SIGNAL_AT_EXIT");
    temp_node_t *n, *next;

    /* The command's outcome is decided and its files are final (renamed into place, or
    ** removed): a signal from here on comes too late to change them, so it must not change
    ** the exit status either. With the default action a Ctrl-C in this instant killed a
    ** finished run (status 130 beside a complete database). */
    install(SIG_IGN);
    for (n = atomic_exchange(&temps, NULL); n != NULL; n = next) {
        next = n->next;
        free(n);
    }
    if (late != NULL && late[0] != '\0') {
        raise(strcmp(late, "TERM") == 0 ? SIGTERM : SIGINT); /* tests only: ignored */
    }
}
