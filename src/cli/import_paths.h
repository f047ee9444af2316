/* import_paths.h -- the files `relapselab import-medpc` reads, from its FILE|DIR arguments.
**
** A file argument is taken as it is (even a FIFO: the MED-PC reader bounds what it reads),
** unless its content is binary: then it is kept aside (binary_path) for a one-line error.
** A directory adds its MED-PC data files, recursively, in name order, recognised by their
** content (rl_medpc_sniff: annotated, or the numbers-only layout): hidden entries are
** skipped, other files (a README, a CSV, a spreadsheet) are counted in n_not_medpc (named on
** stderr when verbose is set), and entries that are neither regular files nor directories
** (FIFOs, devices, sockets: opening one could block) are named on stderr and not imported. Symbolic links are followed, but every directory and
** every file is visited once, recognised by its device and inode: a link loop (`ln -s .
** d/s`) ends, and a file reached by two paths is imported once; what is skipped is named in
** a note on stderr. Paths whose status cannot be read are kept, so that the importer
** reports why they cannot be read.
*/
#ifndef RL_CLI_IMPORT_PATHS_H
#define RL_CLI_IMPORT_PATHS_H

#include <stddef.h>

typedef struct rl_cli_visit rl_cli_visit_t; /* one (device, inode) seen, and its path */

typedef struct rl_cli_paths {
    char **v;                   /* the files to import, in order (each allocated) */
    size_t n, cap;
    rl_cli_visit_t *seen;       /* open-addressing set of what was visited */
    size_t n_seen, cap_seen;
    size_t n_not_medpc;         /* files in directories skipped: not MED-PC data */
    int verbose;                /* set before adding: name each file skipped */
    char *binary_path;          /* the first file argument with binary content, or NULL */
    size_t binary_at;           /* ... the 1-based offset of its first binary byte */
} rl_cli_paths_t;

/* An empty list (free with rl_cli_paths_free; no allocation until the first add). */
void rl_cli_paths_init(rl_cli_paths_t *l);

/* Add a command-line argument (a file or a directory, as above). Returns 0, or -1 when
** memory runs out (what was added before stays). */
int rl_cli_paths_add(rl_cli_paths_t *l, const char *arg);

void rl_cli_paths_free(rl_cli_paths_t *l);

#endif
