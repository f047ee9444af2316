/* test_yaml_doc.c -- the YAML adapter (src/core/yaml_doc.h): every query and every reader,
** accepted and refused, with the exact message, line and column of each refusal.
**
** Provenance of the expected messages: the adapter's contract comments (yaml_doc.h), which
** are the messages the protocol, screen and profile readers gave before the adapter
** existed (tests/bad, tests/bad_screen and test_medpc_decode.c check them through those
** readers). Texts in "YAML syntax" messages are libyaml's own problem descriptions.
** Lines and columns are 1-based; a column counts bytes from the start of the line.
*/
#include <stdio.h>
#include <string.h>

#include "core/yaml_doc.h"
#include "testlib.h"

static rl_error_t err;

/* Load text (NUL-terminated) as a test file; the test fails if it does not load. */
static rl_yaml_doc_t *
load(const char *text)
{
    rl_yaml_doc_t *doc = NULL;
    rl_error_clear(&err);
    CHECK(rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err) == 0);
    CHECK(doc != NULL);
    return doc;
}

/* rc, err are the refusal: code at line:col with exactly msg (in file t.yaml). */
static void
check_refusal(int rc, int code, long line, long col, const char *msg, int src_line)
{
    bool ok = rc == code && err.code == code && err.line == line && err.col == col
        && strcmp(err.msg, msg) == 0 && strcmp(err.file, "t.yaml") == 0;
    rl_test_check(ok, msg, __FILE__, src_line);
    if (!ok) {
        fprintf(stderr, "  got rc %d, %s:%ld:%ld: %s\n", rc, err.file, err.line, err.col,
            err.msg);
    }
    rl_error_clear(&err);
}
#define REFUSED(rc, code, line, col, msg) check_refusal((rc), (code), (line), (col), (msg), __LINE__)

/* The value of key at the top level of doc. */
static const rl_yaml_node_t *
top(const rl_yaml_doc_t *doc, const char *key)
{
    return rl_yaml_lookup(doc, rl_yaml_root(doc), key, NULL);
}

/* ---------------------------------------------------------------- documents */

static void
test_load(void)
{
    rl_yaml_doc_t *doc = NULL;
    const char *text;
    int rc;

    doc = load("a: 1\n");
    CHECK(rl_yaml_kind(rl_yaml_root(doc)) == RL_YAML_MAP);
    rl_yaml_free(doc);
    doc = load(""); /* an empty text is a document without a root */
    CHECK(rl_yaml_root(doc) == NULL);
    rl_yaml_free(doc);
    rl_yaml_free(NULL);

    text = "a: [1, 2\n";
    rc = rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err);
    CHECK(doc == NULL);
    REFUSED(rc, RL_ERR_PARSE, 2, 1, "YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence on line 1)");
    text = "a: 1\n  b: 2\n";
    rc = rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err);
    REFUSED(rc, RL_ERR_PARSE, 2, 4, "YAML syntax error: mapping values are not allowed in "
        "this context");
    text = "a: 1\nb: \xff\n"; /* not UTF-8: located from libyaml's byte offset */
    rc = rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err);
    REFUSED(rc, RL_ERR_PARSE, 2, 4, "YAML syntax error: invalid leading UTF-8 octet");
    text = "a: 1\n---\nb: 2\n";
    rc = rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err);
    CHECK(doc == NULL);
    REFUSED(rc, RL_ERR_INVALID, 3, 1, "a second YAML document starts here; a test file holds "
        "one document");
    text = "a: 1\n---\nb: [\n"; /* a syntax error after the first document */
    rc = rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err);
    REFUSED(rc, RL_ERR_PARSE, 4, 1, "YAML syntax error: did not find expected node content "
        "(while parsing a flow node on line 4)");
}

static void
test_load_first(void)
{
    rl_yaml_doc_t *doc = NULL;
    const char *text = "a: 1\n---\nb: 2\n";
    int rc;

    /* later documents are ignored */
    CHECK(rl_yaml_load_first(&doc, text, strlen(text), "t.yaml", &err) == 0);
    CHECK(top(doc, "a") != NULL && top(doc, "b") == NULL);
    rl_yaml_free(doc);
    text = "a: [1, 2\n";
    rc = rl_yaml_load_first(&doc, text, strlen(text), "t.yaml", &err);
    CHECK(doc == NULL);
    REFUSED(rc, RL_ERR_PARSE, 2, 1, "YAML syntax: did not find expected ',' or ']'");
    text = "a: 1\nb: \xff\n"; /* the terse form reports libyaml's mark: 1:1 */
    rc = rl_yaml_load_first(&doc, text, strlen(text), "t.yaml", &err);
    REFUSED(rc, RL_ERR_PARSE, 1, 1, "YAML syntax: invalid leading UTF-8 octet");
}

/* text of n '[' then n ']' (n <= 200000) in buf, of at least 2n + 2 bytes */
static const char *
brackets(char *buf, size_t n, const char *prefix)
{
    size_t k = strlen(prefix), i;
    memcpy(buf, prefix, k);
    for (i = 0; i < n; i++) {
        buf[k + i] = '[';
        buf[k + n + i] = ']';
    }
    buf[k + 2 * n] = '\n';
    buf[k + 2 * n + 1] = '\0';
    return buf;
}

/* The limits (yaml_doc.h): depth 64 loads, depth 65 is refused at the 65th opening, in
** flow and in block style, by both loads; a text over the size limit is refused unread.
** The deep case of issue 14: 160 KB of '[' took 38 s in libyaml before the limit; now
** the refusal comes from a pass that stops at depth 65. */
static void
test_limits(void)
{
    static char buf[2 * 80000 + 16];
    char block[4096];
    rl_yaml_doc_t *doc = NULL;
    const char *text;
    size_t used = 0;
    int rc, i;

    text = brackets(buf, RL_YAML_MAX_DEPTH - 1, "a: ");
    doc = load(text); /* the mapping is level 1: 63 lists below it make 64 */
    rl_yaml_free(doc);
    text = brackets(buf, RL_YAML_MAX_DEPTH, "a: ");
    rc = rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err);
    CHECK(doc == NULL);
    REFUSED(rc, RL_ERR_INVALID, 1, 4 + RL_YAML_MAX_DEPTH - 1, "nesting deeper than 64");
    rc = rl_yaml_load_first(&doc, text, strlen(text), "t.yaml", &err);
    REFUSED(rc, RL_ERR_INVALID, 1, 4 + RL_YAML_MAX_DEPTH - 1, "nesting deeper than 64");
    text = brackets(buf, 80000, ""); /* 160 KB of brackets */
    rc = rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err);
    REFUSED(rc, RL_ERR_INVALID, 1, RL_YAML_MAX_DEPTH + 1, "nesting deeper than 64");
    /* block style: key i (line i + 1) at indent i, 65 mappings deep; refused at the 65th
    ** mapping's first key (line 65, column 65) */
    for (i = 0; i <= RL_YAML_MAX_DEPTH; i++) {
        used += (size_t) snprintf(block + used, sizeof block - used, "%*sk%d:\n", i, "", i);
    }
    used += (size_t) snprintf(block + used, sizeof block - used, "%*sv\n", i, "");
    rc = rl_yaml_load(&doc, block, used, "t.yaml", "a test file", &err);
    REFUSED(rc, RL_ERR_INVALID, RL_YAML_MAX_DEPTH + 1, RL_YAML_MAX_DEPTH + 1,
        "nesting deeper than 64");
    /* the first document only, for load_first: a deep second document is ignored */
    text = "a: 1\n---\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]"
           "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n";
    CHECK(rl_yaml_load_first(&doc, text, strlen(text), "t.yaml", &err) == 0);
    rl_yaml_free(doc);
    rc = rl_yaml_load(&doc, text, strlen(text), "t.yaml", "a test file", &err);
    REFUSED(rc, RL_ERR_INVALID, 3, 65, "nesting deeper than 64");
    /* size: the text is not read (the length alone decides) */
    rc = rl_yaml_load(&doc, "a: 1\n", (size_t) RL_YAML_MAX_BYTES + 1, "t.yaml", "a test file",
        &err);
    CHECK(doc == NULL);
    REFUSED(rc, RL_ERR_INVALID, 0, 0, "larger than 4 MiB (the limit of a YAML file)");
}

/* ---------------------------------------------------------------- queries */

static void
test_nodes(void)
{
    rl_yaml_doc_t *doc = load("m: {k: v}\nl: [1, x]\ns: text\nq: \"a\\0b\"\nn: ~\n"
                              "e:\nnull_word: null\nquoted_null: \"null\"\n");
    const rl_yaml_node_t *m = top(doc, "m"), *l = top(doc, "l"), *s = top(doc, "s");
    const rl_yaml_node_t *q = top(doc, "q"), *key = NULL;

    CHECK(rl_yaml_kind(m) == RL_YAML_MAP && rl_yaml_kind(l) == RL_YAML_LIST);
    CHECK(rl_yaml_kind(s) == RL_YAML_SCALAR && rl_yaml_kind(NULL) == RL_YAML_NOTHING);
    CHECK(rl_yaml_line(s) == 3 && rl_yaml_col(s) == 4);
    CHECK(rl_yaml_line(NULL) == 1 && rl_yaml_col(NULL) == 0);
    CHECK(strcmp(rl_yaml_text(s), "text") == 0 && rl_yaml_length(s) == 4);
    CHECK(rl_yaml_text(m) == NULL && rl_yaml_length(l) == 0);
    /* "a\0b": 3 bytes, of which strlen sees 1 */
    CHECK(rl_yaml_length(q) == 3 && strlen(rl_yaml_text(q)) == 1);
    CHECK(rl_yaml_is_plain(s) && !rl_yaml_is_plain(q) && !rl_yaml_is_plain(m));
    CHECK(rl_yaml_is_null(top(doc, "n")) && rl_yaml_is_null(top(doc, "e")));
    CHECK(rl_yaml_is_null(top(doc, "null_word")) && !rl_yaml_is_null(top(doc, "quoted_null")));
    CHECK(!rl_yaml_is_null(s) && !rl_yaml_is_null(m) && rl_yaml_is_null(NULL));

    CHECK(rl_yaml_count(m) == 1 && rl_yaml_count(l) == 2 && rl_yaml_count(s) == 0);
    CHECK(strcmp(rl_yaml_text(rl_yaml_key(doc, m, 0)), "k") == 0);
    CHECK(strcmp(rl_yaml_text(rl_yaml_value(doc, m, 0)), "v") == 0);
    CHECK(strcmp(rl_yaml_text(rl_yaml_item(doc, l, 1)), "x") == 0);
    CHECK(rl_yaml_key(doc, m, 1) == NULL && rl_yaml_item(doc, l, 2) == NULL);
    CHECK(rl_yaml_item(doc, m, 0) == NULL && rl_yaml_key(doc, l, 0) == NULL);
    CHECK(rl_yaml_value(doc, s, 0) == NULL);

    CHECK(rl_yaml_lookup(doc, rl_yaml_root(doc), "l", &key) == l);
    CHECK(key != NULL && rl_yaml_line(key) == 2 && rl_yaml_col(key) == 1);
    CHECK(rl_yaml_lookup(doc, rl_yaml_root(doc), "absent", NULL) == NULL);
    CHECK(rl_yaml_lookup(doc, l, "k", NULL) == NULL); /* not a mapping */
    rl_yaml_free(doc);
}

static void
test_describe(void)
{
    rl_yaml_doc_t *doc = load("m: {}\nl: []\nn:\nnum: -1.5e3\nword: ten\nq: 'ten'\n"
                              "long: abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\n");
    char buf[64];

    CHECK(strcmp(rl_yaml_describe(top(doc, "m"), buf, sizeof buf), "a mapping") == 0);
    CHECK(strcmp(rl_yaml_describe(top(doc, "l"), buf, sizeof buf), "a list") == 0);
    CHECK(strcmp(rl_yaml_describe(top(doc, "n"), buf, sizeof buf), "nothing") == 0);
    CHECK(strcmp(rl_yaml_describe(top(doc, "num"), buf, sizeof buf), "-1.5e3") == 0);
    CHECK(strcmp(rl_yaml_describe(top(doc, "word"), buf, sizeof buf), "'ten'") == 0);
    CHECK(strcmp(rl_yaml_describe(top(doc, "q"), buf, sizeof buf), "\"ten\"") == 0);
    /* cut after 40 bytes */
    CHECK(strcmp(rl_yaml_describe(top(doc, "long"), buf, sizeof buf),
              "'abcdefghijklmnopqrstuvwxyzabcdefghijklmn...'") == 0);
    rl_yaml_free(doc);
}

static void
test_words(void)
{
    static const char *const words[] = {"FR", "PR", NULL};
    static const char *const one[] = {"only", NULL};
    static const char *const none[] = {NULL};
    rl_yaml_doc_t *doc = load("a: PR\nb: \"FR\"\nc: fr\nd: \"FR\\0\"\ne: [FR]\n");
    char buf[16];

    CHECK(rl_yaml_word(top(doc, "a"), words) == 1);
    CHECK(rl_yaml_word(top(doc, "b"), words) == 0); /* any scalar style */
    CHECK(rl_yaml_word(top(doc, "c"), words) == -1); /* case matters */
    CHECK(rl_yaml_word(top(doc, "d"), words) == 0); /* compared as a C string */
    CHECK(rl_yaml_word(top(doc, "e"), words) == -1);
    CHECK(strcmp(rl_yaml_join(words, buf, sizeof buf), "FR, PR") == 0);
    CHECK(strcmp(rl_yaml_join(one, buf, sizeof buf), "only") == 0);
    CHECK(strcmp(rl_yaml_join(none, buf, sizeof buf), "") == 0);
    CHECK(strcmp(rl_yaml_join(words, buf, 4), "FR,") == 0); /* cut to fit */
    rl_yaml_free(doc);
}

static void
test_number_syntax(void)
{
    double d = 0.0;
    int i = 0;

    CHECK(rl_yaml_parse_double("-1.5e3", &d) == 0 && d == -1500.0);
    CHECK(rl_yaml_parse_double(".5", &d) == 0 && d == 0.5);
    CHECK(rl_yaml_parse_double("0x10", &d) == 1 && rl_yaml_parse_double("inf", &d) == 1);
    CHECK(rl_yaml_parse_double("nan", &d) == 1 && rl_yaml_parse_double("1_000", &d) == 1);
    CHECK(rl_yaml_parse_double("", &d) == 1 && rl_yaml_parse_double("1e", &d) == 1);
    CHECK(rl_yaml_parse_double(" 1", &d) == 1 && rl_yaml_parse_double("1e999", &d) == 2);
    CHECK(rl_yaml_parse_int("-42", &i) == 0 && i == -42);
    CHECK(rl_yaml_parse_int("2147483647", &i) == 0 && i == 2147483647);
    CHECK(rl_yaml_parse_int("2147483648", &i) == 2 && i == 2147483647); /* untouched */
    CHECK(rl_yaml_parse_int("1.0", &i) == 1 && rl_yaml_parse_int("1e3", &i) == 1);
}

/* ---------------------------------------------------------------- readers: shapes, keys */

static void
test_fail_and_expect(void)
{
    rl_yaml_doc_t *doc = load("a: [1]\nb: x\n");

    REFUSED(rl_yaml_fail(doc, NULL, RL_ERR_INVALID, "the file is %s", "empty"), RL_ERR_INVALID,
        1, 0, "the file is empty");
    REFUSED(rl_yaml_fail(doc, top(doc, "b"), RL_ERR_NOMEM, "x"), RL_ERR_NOMEM, 2, 4, "x");
    CHECK(rl_yaml_expect(doc, top(doc, "a"), RL_YAML_LIST, "ctx", "pre.", "a") == 0);
    REFUSED(rl_yaml_expect(doc, top(doc, "a"), RL_YAML_MAP, "ctx", "pre.", "a"),
        RL_ERR_INVALID, 1, 4, "ctx: pre.a must be a mapping (got a list)");
    REFUSED(rl_yaml_expect(doc, top(doc, "b"), RL_YAML_LIST, "ctx", "", "b"), RL_ERR_INVALID, 2,
        4, "ctx: b must be a list (got 'x')");
    REFUSED(rl_yaml_expect(doc, top(doc, "a"), RL_YAML_SCALAR, "ctx", "", "a"), RL_ERR_INVALID,
        1, 4, "ctx: a must be a value (got a list)");
    rl_yaml_free(doc);
}

/* Check the keys of the top-level mapping of text. */
static int
keys_of(const char *text, const char *const *allowed, const char *const *other)
{
    rl_yaml_doc_t *doc = load(text);
    rl_yaml_obj_t o;
    int rc;

    o.map = rl_yaml_root(doc);
    o.ctx = "group 'g'";
    o.pre = "limits.";
    rc = rl_yaml_check_keys(doc, &o, allowed, other, "a group");
    rl_yaml_free(doc);
    return rc;
}

static void
test_check_keys(void)
{
    static const char *const allowed[] = {"name", "n", NULL};
    static const char *const other[] = {"ratio", NULL};

    CHECK(keys_of("name: a\nn: 3\n", allowed, other) == 0);
    CHECK(keys_of("anything: 1\nelse: 2\n", NULL, NULL) == 0); /* no list: names only */
    REFUSED(keys_of("name: a\n[x]: 1\n", allowed, other), RL_ERR_INVALID, 2, 1,
        "group 'g': keys must be names (got a list)");
    REFUSED(keys_of("~: 1\n", NULL, NULL), RL_ERR_INVALID, 1, 1,
        "group 'g': keys must be names (got nothing)");
    REFUSED(keys_of("\"n\\0x\": 1\n", allowed, NULL), RL_ERR_INVALID, 1, 1,
        "group 'g': keys must be names (got \"n\")");
    REFUSED(keys_of("n: 1\nname: a\nn: 2\n", allowed, other), RL_ERR_INVALID, 3, 1,
        "group 'g': duplicate key 'limits.n' (first on line 1); each key may appear once");
    REFUSED(keys_of("n: 1\nn: 2\n", NULL, NULL), RL_ERR_INVALID, 2, 1,
        "group 'g': duplicate key 'limits.n' (first on line 1); each key may appear once");
    REFUSED(keys_of("name: a\n  \nratio: 2\n", allowed, other), RL_ERR_INVALID, 3, 1,
        "group 'g': limits.ratio is not a key of a group (allowed: name, n)");
    REFUSED(keys_of("name: a\nsex: male\n", allowed, other), RL_ERR_INVALID, 2, 1,
        "group 'g': unknown key 'limits.sex' (allowed in a group: name, n)");
}

static void
test_find(void)
{
    rl_yaml_doc_t *doc = load("x: 1\ng:\n  a: 1\n");
    rl_yaml_obj_t o = {NULL, "group 'g'", "limits."};
    const rl_yaml_node_t *n = NULL;

    o.map = top(doc, "g");
    CHECK(rl_yaml_find(doc, &o, "a", true, &n) == 0 && n != NULL);
    CHECK(rl_yaml_find(doc, &o, "b", false, &n) == 0 && n == NULL);
    REFUSED(rl_yaml_find(doc, &o, "b", true, &n), RL_ERR_INVALID, 3, 3,
        "group 'g': missing required key 'limits.b'");
    rl_yaml_free(doc);
}

/* ---------------------------------------------------------------- readers: scalars */

/* The note callback's record: the last field and line, and how many calls. */
static struct {
    const void *field;
    long line;
    int calls;
    int fail_with;
} noted;

static int
note(void *arg, const void *field, const rl_yaml_node_t *n)
{
    CHECK(arg == &noted);
    noted.field = field;
    noted.line = rl_yaml_line(n);
    noted.calls++;
    return noted.fail_with != 0 ? rl_error_set(&err, noted.fail_with, "t.yaml", 9, 9, "noted")
                                : 0;
}

static void
test_numbers(void)
{
    rl_yaml_doc_t *doc = load("a: 2.5\nb: ten\nc: \"5\"\nd: 1e999\ne: [1]\nf: 7\ng: 1.5\n"
                              "h: 3000000000\ni: 0x10\n");
    double d = -1.0;
    int i = -1;

    memset(&noted, 0, sizeof noted);
    rl_yaml_set_note(doc, note, &noted);
    CHECK(rl_yaml_num_of(doc, top(doc, "a"), "phase 'p'", "schedule.", "a", &d) == 0);
    CHECK(d == 2.5 && noted.field == &d && noted.line == 1 && noted.calls == 1);
    REFUSED(rl_yaml_num_of(doc, top(doc, "b"), "phase 'p'", "", "b", &d), RL_ERR_INVALID, 2, 4,
        "phase 'p': b must be a number (got 'ten')");
    REFUSED(rl_yaml_num_of(doc, top(doc, "c"), "phase 'p'", "", "c", &d), RL_ERR_INVALID, 3, 4,
        "phase 'p': c must be a number (got \"5\")");
    REFUSED(rl_yaml_num_of(doc, top(doc, "d"), "phase 'p'", "", "d", &d), RL_ERR_INVALID, 4, 4,
        "phase 'p': d must be a number in range (got '1e999')");
    REFUSED(rl_yaml_num_of(doc, top(doc, "e"), "phase 'p'", "", "e", &d), RL_ERR_INVALID, 5, 4,
        "phase 'p': e must be a number (got a list)");
    REFUSED(rl_yaml_num_of(doc, top(doc, "i"), "phase 'p'", "", "i", &d), RL_ERR_INVALID, 9, 4,
        "phase 'p': i must be a number (got '0x10')");
    CHECK(d == 2.5 && noted.calls == 1); /* untouched, not noted */
    CHECK(rl_yaml_int_of(doc, top(doc, "f"), "phase 'p'", "", "f", &i) == 0);
    CHECK(i == 7 && noted.field == &i && noted.line == 6 && noted.calls == 2);
    REFUSED(rl_yaml_int_of(doc, top(doc, "g"), "phase 'p'", "", "g", &i), RL_ERR_INVALID, 7, 4,
        "phase 'p': g must be an integer (got 1.5)");
    REFUSED(rl_yaml_int_of(doc, top(doc, "h"), "phase 'p'", "", "h", &i), RL_ERR_INVALID, 8, 4,
        "phase 'p': h must be an integer in range (got 3000000000)");
    CHECK(i == 7);
    /* a note callback's error is the reader's */
    noted.fail_with = RL_ERR_NOMEM;
    CHECK(rl_yaml_int_of(doc, top(doc, "f"), "phase 'p'", "", "f", &i) == RL_ERR_NOMEM);
    CHECK(err.code == RL_ERR_NOMEM && strcmp(err.msg, "noted") == 0);
    rl_error_clear(&err);
    rl_yaml_free(doc);
}

static void
test_bool_and_str(void)
{
    rl_yaml_doc_t *doc = load("t: true\nf: false\nq: \"true\"\ny: yes\ns: 'quoted ok'\nn:\n"
                              "z: \"a\\0b\"\ne: \"\"\nlong: abcdefghij\nl: [x]\n");
    bool b = false;
    char s[16] = "";

    memset(&noted, 0, sizeof noted);
    rl_yaml_set_note(doc, note, &noted);
    CHECK(rl_yaml_bool_of(doc, top(doc, "t"), "c", "", "t", &b) == 0 && b);
    CHECK(noted.field == &b && noted.calls == 1);
    CHECK(rl_yaml_bool_of(doc, top(doc, "f"), "c", "", "f", &b) == 0 && !b);
    REFUSED(rl_yaml_bool_of(doc, top(doc, "q"), "c", "p.", "q", &b), RL_ERR_INVALID, 3, 4,
        "c: p.q must be true or false (got \"true\")");
    REFUSED(rl_yaml_bool_of(doc, top(doc, "y"), "c", "", "y", &b), RL_ERR_INVALID, 4, 4,
        "c: y must be true or false (got 'yes')");

    CHECK(rl_yaml_str_of(doc, top(doc, "s"), "c", "", "s", s, sizeof s) == 0);
    CHECK(strcmp(s, "quoted ok") == 0 && noted.field == s && noted.calls == 3);
    CHECK(rl_yaml_str_of(doc, top(doc, "long"), "c", "", "long", s, 11) == 0); /* 10 + NUL */
    CHECK(strcmp(s, "abcdefghij") == 0);
    REFUSED(rl_yaml_str_of(doc, top(doc, "long"), "c", "", "long", s, 10), RL_ERR_INVALID, 9,
        7, "c: long must be at most 9 characters (got 'abcdefghij')");
    REFUSED(rl_yaml_str_of(doc, top(doc, "n"), "c", "", "n", s, sizeof s), RL_ERR_INVALID, 6,
        3, "c: n must be a string (got nothing)");
    REFUSED(rl_yaml_str_of(doc, top(doc, "l"), "c", "", "l", s, sizeof s), RL_ERR_INVALID, 10,
        4, "c: l must be a string (got a list)");
    REFUSED(rl_yaml_str_of(doc, top(doc, "z"), "c", "", "z", s, sizeof s), RL_ERR_INVALID, 7,
        4, "c: z must not contain a NUL character");
    REFUSED(rl_yaml_str_of(doc, top(doc, "e"), "c", "", "e", s, sizeof s), RL_ERR_INVALID, 8,
        4, "c: e must not be empty");
    CHECK(strcmp(s, "abcdefghij") == 0);
    rl_yaml_free(doc);
}

static void
test_enum(void)
{
    static const char *const words[] = {"FR", "PR", NULL};
    static const char *const one[] = {"criterion", NULL};
    rl_yaml_doc_t *doc = load("a: PR\nb: XR\nc: {}\nd: \"FR\"\n");
    int w = -1;

    memset(&noted, 0, sizeof noted);
    rl_yaml_set_note(doc, note, &noted);
    CHECK(rl_yaml_enum_of(doc, top(doc, "a"), "c", "schedule.", "type", words, &w) == 0);
    CHECK(w == 1 && noted.calls == 0); /* enums are not noted */
    CHECK(rl_yaml_enum_of(doc, top(doc, "d"), "c", "", "type", words, &w) == 0 && w == 0);
    REFUSED(rl_yaml_enum_of(doc, top(doc, "b"), "c", "schedule.", "type", words, &w),
        RL_ERR_INVALID, 2, 4, "c: schedule.type must be one of FR, PR (got 'XR')");
    REFUSED(rl_yaml_enum_of(doc, top(doc, "c"), "c", "", "until", one, &w), RL_ERR_INVALID, 3,
        4, "c: until must be criterion (got a mapping)");
    CHECK(w == 0);
    rl_yaml_free(doc);
}

/* ---------------------------------------------------------------- readers: keys of o */

static void
test_getters(void)
{
    static const char *const words[] = {"male", "female", NULL};
    rl_yaml_doc_t *doc = load("g:\n  n: 4\n  d: 0.5\n  b: true\n  s: WT\n  e: female\n"
                              "  m: {x: 1}\n  bad: [1]\n");
    rl_yaml_obj_t o = {NULL, "group 'g'", ""}, sub;
    double d = -1.0;
    bool b = false;
    char s[8] = "";
    int i = -1, e = -1;

    o.map = top(doc, "g");
    CHECK(rl_yaml_get_int(doc, &o, "n", true, &i) == 0 && i == 4);
    CHECK(rl_yaml_get_num(doc, &o, "d", true, &d) == 0 && d == 0.5);
    CHECK(rl_yaml_get_bool(doc, &o, "b", true, &b) == 0 && b);
    CHECK(rl_yaml_get_str(doc, &o, "s", true, s, sizeof s) == 0 && strcmp(s, "WT") == 0);
    CHECK(rl_yaml_get_enum(doc, &o, "e", true, words, &e) == 0 && e == 1);
    /* absent optional keys leave the value untouched */
    CHECK(rl_yaml_get_int(doc, &o, "none", false, &i) == 0 && i == 4);
    CHECK(rl_yaml_get_num(doc, &o, "none", false, &d) == 0 && d == 0.5);
    CHECK(rl_yaml_get_bool(doc, &o, "none", false, &b) == 0 && b);
    CHECK(rl_yaml_get_str(doc, &o, "none", false, s, sizeof s) == 0 && strcmp(s, "WT") == 0);
    CHECK(rl_yaml_get_enum(doc, &o, "none", false, words, &e) == 0 && e == 1);
    REFUSED(rl_yaml_get_int(doc, &o, "none", true, &i), RL_ERR_INVALID, 2, 3,
        "group 'g': missing required key 'none'");
    REFUSED(rl_yaml_get_num(doc, &o, "bad", true, &d), RL_ERR_INVALID, 8, 8,
        "group 'g': bad must be a number (got a list)");
    REFUSED(rl_yaml_get_enum(doc, &o, "s", true, words, &e), RL_ERR_INVALID, 5, 6,
        "group 'g': s must be one of male, female (got 'WT')");

    CHECK(rl_yaml_get_map(doc, &o, "m", true, "m.", &sub) == 0);
    CHECK(sub.map == rl_yaml_lookup(doc, o.map, "m", NULL));
    CHECK(strcmp(sub.ctx, "group 'g'") == 0 && strcmp(sub.pre, "m.") == 0);
    CHECK(rl_yaml_get_int(doc, &sub, "x", true, &i) == 0 && i == 1);
    CHECK(rl_yaml_get_map(doc, &o, "none", false, "none.", &sub) == 0 && sub.map == NULL);
    REFUSED(rl_yaml_get_map(doc, &o, "bad", false, "bad.", &sub), RL_ERR_INVALID, 8, 8,
        "group 'g': bad must be a mapping (got a list)");
    CHECK(sub.map == NULL);
    REFUSED(rl_yaml_get_map(doc, &o, "none", true, "none.", &sub), RL_ERR_INVALID, 2, 3,
        "group 'g': missing required key 'none'");
    rl_yaml_free(doc);
}

static const rl_test_case_t CASES[] = {
    {"load", test_load, 0},
    {"load_first", test_load_first, 0},
    {"limits", test_limits, 0},
    {"nodes", test_nodes, 0},
    {"describe", test_describe, 0},
    {"words", test_words, 0},
    {"number_syntax", test_number_syntax, 0},
    {"fail_and_expect", test_fail_and_expect, 0},
    {"check_keys", test_check_keys, 0},
    {"find", test_find, 0},
    {"numbers", test_numbers, 0},
    {"bool_and_str", test_bool_and_str, 0},
    {"enum", test_enum, 0},
    {"getters", test_getters, 0},
};

RL_TEST_MAIN(CASES)
