/* medpc_internal.h -- what the MED-PC parser's files share (internal to src/medpc). */
#ifndef RL_MEDPC_INTERNAL_H
#define RL_MEDPC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "relapselab/medpc.h"

/* Read text as the non-annotated format (medpc_parse_plain.c) into f, which has no session
** yet: adds the sessions found (none when the text is not of that format, f unchanged
** then). On success with sessions, f's earlier warnings are replaced by a note naming the
** format. Returns 0 or RL_ERR_NOMEM. */
int rl_medpc_parse_plain(const char *text, size_t len, rl_medpc_file_t *f);

#endif
