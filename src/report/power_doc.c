/* power_doc.c -- a power report read from the JSON of `relapselab power --json`, or taken
** from sweeps just run (power_doc.h).
**
** The JSON (docs/POWER.md, "Outputs"; written by src/experiment/power_report.c) is one
** object {"power": {...}} per claims file, or an array of them. JSON is YAML 1.2 for these
** files (double-quoted strings, plain numbers, null, true/false), so the YAML adapter
** (core/yaml_doc.h) reads it and every problem is reported as FILE:LINE:COL: the syntax
** (libyaml's message), a missing key, a value of the wrong type, a kind that is not one of
** power's, sizes that are not increasing, cells that do not match the sizes, a rate or
** interval outside [0, 1]. Keys the reader does not use are ignored (later versions may add
** some). The whole file is checked before anything is returned.
*/
#include "power_doc.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/yaml_doc.h"
#include "protocol/protocol_internal.h"

/* ---- reading -------------------------------------------------------------------------- */

typedef struct reader {
    rl_yaml_doc_t *doc;
    char ctx[96];               /* "sweep 1", "sweep 1, row 3" */
} reader_t;

/* *out = a copy of the string at key (required). */
static int
get_text(reader_t *r, const rl_yaml_obj_t *o, const char *key, char **out)
{
    const rl_yaml_node_t *n;
    size_t cap;
    int ret;

    if ((ret = rl_yaml_find(r->doc, o, key, true, &n)) != 0) {
        return ret;
    }
    cap = rl_yaml_length(n) + 2;
    if ((*out = rl_malloc(cap)) == NULL) {
        return rl_yaml_fail(r->doc, n, RL_ERR_NOMEM, "out of memory");
    }
    return rl_yaml_str_of(r->doc, n, o->ctx, o->pre, key, *out, cap);
}

/* *out = the number at key (required), NaN for null. */
static int
get_num_or_null(reader_t *r, const rl_yaml_obj_t *o, const char *key, double *out)
{
    const rl_yaml_node_t *n;
    int ret = rl_yaml_find(r->doc, o, key, true, &n);
    if (ret == 0 && rl_yaml_is_null(n)) {
        *out = NAN;
        return 0;
    }
    return ret != 0 ? ret : rl_yaml_num_of(r->doc, n, o->ctx, o->pre, key, out);
}

/* A rate or interval bound: in [0, 1] or null. */
static int
get_share(reader_t *r, const rl_yaml_obj_t *o, const char *key, double *out)
{
    int ret = get_num_or_null(r, o, key, out);
    if (ret == 0 && !isnan(*out) && (*out < 0.0 || *out > 1.0)) {
        return rl_yaml_fail(r->doc, rl_yaml_lookup(r->doc, o->map, key, NULL), RL_ERR_INVALID,
            "%s: %s must be a share from 0 to 1 (got %g)", o->ctx, key, *out);
    }
    return ret;
}

/* The list at key (required), of 1..max entries. */
static int
get_list(reader_t *r, const rl_yaml_obj_t *o, const char *key, size_t max,
    const rl_yaml_node_t **out)
{
    int ret = rl_yaml_find(r->doc, o, key, true, out);
    if (ret == 0) {
        ret = rl_yaml_expect(r->doc, *out, RL_YAML_LIST, o->ctx, o->pre, key);
    }
    if (ret == 0 && (rl_yaml_count(*out) < 1 || rl_yaml_count(*out) > max)) {
        return rl_yaml_fail(r->doc, *out, RL_ERR_INVALID, "%s: %s must have 1 to %zu entries "
            "(got %zu)", o->ctx, key, max, rl_yaml_count(*out));
    }
    return ret;
}

/* Integers of the list at key into v (exactly n of them when n > 0); *count gets how many. */
static int
get_ints(reader_t *r, const rl_yaml_obj_t *o, const char *key, int n, int *v, int *count)
{
    const rl_yaml_node_t *list;
    size_t i;
    int ret = get_list(r, o, key, RL_POWER_MAX_SIZES, &list);
    if (ret == 0 && n > 0 && rl_yaml_count(list) != (size_t) n) {
        return rl_yaml_fail(r->doc, list, RL_ERR_INVALID, "%s: %s must have one entry per n "
            "(%d, got %zu)", o->ctx, key, n, rl_yaml_count(list));
    }
    for (i = 0; ret == 0 && i < rl_yaml_count(list); i++) {
        const rl_yaml_node_t *item = rl_yaml_item(r->doc, list, i);
        ret = rl_yaml_int_of(r->doc, item, o->ctx, o->pre, key, &v[i]);
        if (ret == 0 && (v[i] < 0 || (i > 0 && strcmp(key, "sizes") == 0 && v[i] <= v[i - 1]))) {
            return rl_yaml_fail(r->doc, item, RL_ERR_INVALID, "%s: %s must be %s (got %d)",
                o->ctx, key, strcmp(key, "sizes") == 0 ? "increasing" : "counts", v[i]);
        }
    }
    *count = (int) rl_yaml_count(list);
    return ret;
}

static int
read_cell(reader_t *r, const rl_yaml_node_t *node, int n, rl_power_cell_t *c)
{
    rl_yaml_obj_t o = {node, r->ctx, "cells."};
    int ret = rl_yaml_expect(r->doc, node, RL_YAML_MAP, r->ctx, "", "a cell");
    if (ret == 0 && (ret = rl_yaml_get_int(r->doc, &o, "n", true, &c->n)) == 0 && c->n != n) {
        return rl_yaml_fail(r->doc, rl_yaml_lookup(r->doc, node, "n", NULL), RL_ERR_INVALID,
            "%s: cells.n must follow the sizes (expected %d, got %d)", r->ctx, n, c->n);
    }
    if (ret == 0) {
        ret = rl_yaml_get_int(r->doc, &o, "studies", true, &c->studies);
    }
    if (ret == 0) {
        ret = rl_yaml_get_int(r->doc, &o, "tested", true, &c->tested);
    }
    if (ret == 0) {
        ret = rl_yaml_get_int(r->doc, &o, "hits", true, &c->hits);
    }
    if (ret == 0) {
        ret = get_share(r, &o, "rate", &c->rate);
    }
    if (ret == 0) {
        ret = get_share(r, &o, "lo", &c->lo);
    }
    if (ret == 0) {
        ret = get_share(r, &o, "hi", &c->hi);
    }
    return ret != 0 ? ret : get_num_or_null(r, &o, "effect", &c->effect);
}

static int
read_row(reader_t *r, const rl_yaml_node_t *node, const rl_pdoc_sweep_t *sw, rl_pdoc_row_t *row)
{
    static const char *const kinds[] = {"power", "null", "equivalence", "estimate",
        "either_way", "description", NULL};
    rl_yaml_obj_t o = {node, r->ctx, ""};
    const rl_yaml_node_t *cells, *need;
    int ret, kind = 0, j;

    ret = rl_yaml_expect(r->doc, node, RL_YAML_MAP, r->ctx, "", "a row");
    if (ret == 0 && (ret = get_text(r, &o, "id", &row->id)) == 0
        && (ret = get_text(r, &o, "claim", &row->claim)) == 0
        && (ret = get_text(r, &o, "label", &row->label)) == 0) {
        ret = rl_yaml_get_enum(r->doc, &o, "kind", true, kinds, &kind);
    }
    row->kind = (rl_power_kind_t) kind;
    if (ret == 0 && (ret = rl_yaml_find(r->doc, &o, "target_reached", true, &need)) == 0) {
        bool reached = false;
        row->n_needed = -1; /* null: not applicable */
        if (!rl_yaml_is_null(need)
            && (ret = rl_yaml_bool_of(r->doc, need, r->ctx, "", "target_reached", &reached))
                == 0) {
            row->n_needed = 0;
        }
        if (ret == 0 && reached) {
            ret = rl_yaml_get_int(r->doc, &o, "n_needed", true, &row->n_needed);
        }
        if (ret == 0 && reached && row->n_needed < 1) {
            return rl_yaml_fail(r->doc, rl_yaml_lookup(r->doc, node, "n_needed", NULL),
                RL_ERR_INVALID, "%s: n_needed must be a size when the target is reached",
                r->ctx);
        }
    }
    if (ret == 0) {
        ret = get_list(r, &o, "cells", RL_POWER_MAX_SIZES, &cells);
    }
    if (ret == 0 && rl_yaml_count(cells) != (size_t) sw->n_sizes) {
        return rl_yaml_fail(r->doc, cells, RL_ERR_INVALID, "%s: cells must have one entry per "
            "n (%d, got %zu)", r->ctx, sw->n_sizes, rl_yaml_count(cells));
    }
    for (j = 0; ret == 0 && j < sw->n_sizes; j++) {
        ret = read_cell(r, rl_yaml_item(r->doc, cells, (size_t) j), sw->sizes[j],
            &row->cells[j]);
    }
    return ret;
}

/* The scalars of a sweep: claims, path, seed, replicates, alpha, target, precision. */
static int
read_head(reader_t *r, const rl_yaml_obj_t *o, rl_pdoc_sweep_t *sw)
{
    const rl_yaml_node_t *seed;
    int ret, n;

    if ((ret = get_text(r, o, "claims", &sw->claims)) != 0
        || (ret = get_text(r, o, "path", &sw->path)) != 0
        || (ret = rl_yaml_find(r->doc, o, "seed", true, &seed)) != 0) {
        return ret;
    }
    if (!rl_yaml_is_plain(seed) || rl_yaml_text(seed) == NULL || rl_yaml_text(seed)[0] == '\0'
        || strspn(rl_yaml_text(seed), "0123456789") != strlen(rl_yaml_text(seed))) {
        char buf[64];
        return rl_yaml_fail(r->doc, seed, RL_ERR_INVALID, "%s: seed must be a non-negative "
            "integer (got %s)", o->ctx, rl_yaml_describe(seed, buf, sizeof buf));
    }
    if ((sw->seed = rl_strdup(rl_yaml_text(seed))) == NULL) {
        return rl_yaml_fail(r->doc, seed, RL_ERR_NOMEM, "out of memory");
    }
    if ((ret = rl_yaml_get_int(r->doc, o, "replicates", true, &sw->replicates)) != 0
        || (ret = get_share(r, o, "alpha", &sw->alpha)) != 0
        || (ret = get_share(r, o, "target", &sw->target)) != 0
        || (ret = get_num_or_null(r, o, "precision", &sw->precision)) != 0
        || (ret = get_ints(r, o, "sizes", 0, sw->sizes, &sw->n_sizes)) != 0) {
        return ret;
    }
    if (isnan(sw->alpha) || isnan(sw->target)) {
        return rl_yaml_fail(r->doc, o->map, RL_ERR_INVALID, "%s: alpha and target must be "
            "numbers", o->ctx);
    }
    return get_ints(r, o, "studies", sw->n_sizes, sw->studies, &n);
}

static int
read_sweep(reader_t *r, const rl_yaml_node_t *node, int index, rl_pdoc_sweep_t *sw)
{
    rl_yaml_obj_t top = {node, "power report", ""}, o;
    const rl_yaml_node_t *rows;
    size_t k;
    int ret;

    snprintf(r->ctx, sizeof r->ctx, "power report %d", index + 1);
    top.ctx = r->ctx;
    ret = rl_yaml_expect(r->doc, node, RL_YAML_MAP, r->ctx, "", "an entry");
    if (ret == 0) {
        ret = rl_yaml_get_map(r->doc, &top, "power", true, "power.", &o);
    }
    if (ret == 0) {
        ret = read_head(r, &o, sw);
    }
    if (ret == 0) {
        ret = get_list(r, &o, "rows", 100000, &rows);
    }
    if (ret == 0 && (sw->rows = rl_calloc(rl_yaml_count(rows), sizeof *sw->rows)) == NULL) {
        return rl_yaml_fail(r->doc, rows, RL_ERR_NOMEM, "out of memory");
    }
    for (k = 0; ret == 0 && k < rl_yaml_count(rows); k++) {
        snprintf(r->ctx, sizeof r->ctx, "power report %d, row %zu", index + 1, k + 1);
        sw->n_rows++;
        ret = read_row(r, rl_yaml_item(r->doc, rows, k), sw, &sw->rows[k]);
    }
    return ret;
}

int
rl_power_doc_read(const char *path, rl_power_doc_t **out, rl_error_t *err)
{
    rl_power_doc_t *d;
    reader_t r;
    const rl_yaml_node_t *root;
    char *text = NULL;
    size_t len = 0, n, i;
    int ret;

    *out = NULL;
    memset(&r, 0, sizeof r);
    if ((ret = rl_read_file(path, &text, &len, err)) != 0) {
        return ret;
    }
    ret = rl_yaml_load(&r.doc, text, len, path, "a power report", err);
    free(text);
    if (ret != 0) {
        return ret;
    }
    root = rl_yaml_root(r.doc);
    n = rl_yaml_kind(root) == RL_YAML_LIST ? rl_yaml_count(root) : 1;
    if (rl_yaml_kind(root) != RL_YAML_LIST && rl_yaml_kind(root) != RL_YAML_MAP) {
        ret = rl_yaml_fail(r.doc, root, RL_ERR_INVALID, "not a power report: expected "
            "{\"power\": {...}} as written by relapselab power --json");
    } else if (n == 0) {
        ret = rl_yaml_fail(r.doc, root, RL_ERR_INVALID, "an empty list: no power report");
    }
    d = ret == 0 ? rl_calloc(1, sizeof *d) : NULL;
    if (ret == 0 && (d == NULL || (d->path = rl_strdup(path)) == NULL
        || (d->sweeps = rl_calloc(n, sizeof *d->sweeps)) == NULL)) {
        ret = rl_yaml_fail(r.doc, root, RL_ERR_NOMEM, "out of memory");
    }
    for (i = 0; ret == 0 && i < n; i++) {
        d->n_sweeps++;
        ret = read_sweep(&r, rl_yaml_kind(root) == RL_YAML_LIST
            ? rl_yaml_item(r.doc, root, i) : root, (int) i, &d->sweeps[i]);
    }
    rl_yaml_free(r.doc);
    if (ret != 0) {
        rl_power_doc_free(d);
        return ret;
    }
    *out = d;
    return 0;
}

void
rl_power_doc_free(rl_power_doc_t *d)
{
    int i, k;
    if (d == NULL) {
        return;
    }
    for (i = 0; d->sweeps != NULL && i < d->n_sweeps; i++) {
        rl_pdoc_sweep_t *sw = &d->sweeps[i];
        for (k = 0; sw->rows != NULL && k < sw->n_rows; k++) {
            free(sw->rows[k].id);
            free(sw->rows[k].claim);
            free(sw->rows[k].label);
        }
        free(sw->rows);
        free(sw->claims);
        free(sw->path);
        free(sw->seed);
    }
    free(d->sweeps);
    free(d->path);
    free(d);
}

/* ---- from sweeps just run ------------------------------------------------------------- */

static int
copy_sweep(const rl_power_t *pw, rl_pdoc_sweep_t *sw)
{
    char label[256];
    int j, k;

    sw->n_sizes = rl_power_n_sizes(pw);
    for (j = 0; j < sw->n_sizes; j++) {
        sw->sizes[j] = rl_power_size(pw, j);
    }
    sw->alpha = rl_power_alpha(pw);
    sw->target = rl_power_target(pw);
    sw->replicates = rl_power_replicates(pw);
    sw->precision = NAN;
    sw->claims = rl_strdup(rl_power_claims(pw)->id);
    sw->path = rl_strdup(rl_power_claims(pw)->path);
    sw->seed = rl_strdup(""); /* power.h does not give it; the figure needs none */
    sw->rows = rl_calloc((size_t) rl_power_n_rows(pw) + 1, sizeof *sw->rows);
    if (sw->claims == NULL || sw->path == NULL || sw->seed == NULL || sw->rows == NULL) {
        return RL_ERR_NOMEM;
    }
    for (k = 0; k < rl_power_n_rows(pw); k++) {
        rl_pdoc_row_t *row = &sw->rows[k];
        sw->n_rows++;
        row->kind = rl_power_row_kind(pw, k);
        row->n_needed = rl_power_n_needed(pw, k);
        row->id = rl_strdup(rl_power_row_check(pw, k)->id);
        row->claim = rl_strdup(rl_power_row_check(pw, k)->text);
        row->label = rl_strdup(rl_power_row_label(pw, k, label, sizeof label));
        if (row->id == NULL || row->claim == NULL || row->label == NULL) {
            return RL_ERR_NOMEM;
        }
        for (j = 0; j < sw->n_sizes; j++) {
            row->cells[j] = rl_power_cell(pw, k, j);
            sw->studies[j] = row->cells[j].studies;
        }
    }
    return 0;
}

int
rl_pdoc_from_sweeps(const rl_power_t *const *sweeps, int n, rl_power_doc_t **out,
    rl_error_t *err)
{
    rl_power_doc_t *d = rl_calloc(1, sizeof *d);
    int i, ret = 0;

    *out = NULL;
    if (d == NULL || (d->path = rl_strdup("")) == NULL
        || (d->sweeps = rl_calloc((size_t) n + 1, sizeof *d->sweeps)) == NULL) {
        ret = RL_ERR_NOMEM;
    }
    for (i = 0; ret == 0 && i < n; i++) {
        d->n_sweeps++;
        ret = copy_sweep(sweeps[i], &d->sweeps[i]);
    }
    if (ret != 0) {
        rl_power_doc_free(d);
        return rl_error_set(err, ret, NULL, 0, 0, "out of memory");
    }
    *out = d;
    return 0;
}
