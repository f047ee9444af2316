/* protocol_reader.c -- the protocol files' layer over the YAML adapter (see
** protocol_reader.h): loading a document whose stored values are noted in the protocol's
** source map.
*/
#include "protocol_reader.h"

const char *const rd_response_words[] = {"reinforcer", "cue", NULL};

int
rd_note(rd_reader_t *r, const void *field, const rl_yaml_node_t *n)
{
    if (rl_srcmap_note(&r->src, field, rl_yaml_line(n), rl_yaml_col(n)) != 0) {
        return rl_yaml_fail(r->doc, n, RL_ERR_NOMEM, "out of memory while reading the protocol");
    }
    return 0;
}

/* The adapter's note callback: arg is the reader. */
static int
note_value(void *arg, const void *field, const rl_yaml_node_t *n)
{
    return rd_note(arg, field, n);
}

int
rd_load(rd_reader_t *r, const char *text, size_t len, const char *what)
{
    int ret = rl_yaml_load(&r->doc, text, len, r->file, what, r->err);

    if (ret == 0) {
        rl_yaml_set_note(r->doc, note_value, r);
    }
    return ret;
}

void
rd_done(rd_reader_t *r)
{
    rl_yaml_free(r->doc);
    r->doc = NULL;
    rl_srcmap_free(&r->src);
}
