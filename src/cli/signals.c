/* signals.c -- Ctrl-C and SIGTERM for long commands: the one process-wide flag of the tool.
**
** The handler only sets a lock-free atomic flag; the library polls it between sessions (the
** runner's `cancel`), so a run stops cleanly and no half-written result is left behind.
*/
#include <signal.h>
#include <string.h>

#include "cli.h"

static atomic_int interrupted; /* set by the signal handler (lock-free) */

static void
on_signal(int sig)
{
    (void) sig;
    atomic_store(&interrupted, 1);
}

const atomic_int *
rl_cli_catch_interrupts(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return &interrupted;
}
