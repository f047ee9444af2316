/* test_medpc_plain.c -- the MED-PC reader on the edges of the format: the non-annotated
** (numbers-only) layout with its header block, recognising a file by its content
** (rl_medpc_sniff), binary content refused in one message, a file cut in the middle of a
** number. Every file is built here from the format (docs/MEDPC.md): the header-block
** layout is the one of the two numbers-only files in mccutcheonlab/trompy tests/test_data
** (read, not copied): start month, day, year, end month, day, year, Subject, Experiment,
** Group, Box, start hour, minute, second, end hour, minute, second, two more numbers, then
** the marker 0.3.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "relapselab/medpc.h"
#include "core/sha256.h"
#include "testlib.h"

/* A numbers-only session: the 18-line header block (start 8/12/16 9:33:16, end 10:34:47,
** subject sub, box 3), the marker, 26 counts (C = 2, E = 3), the values. */
static void
plain_session(char *text, size_t n, const char *sub)
{
    int k;
    snprintf(text + strlen(text), n - strlen(text),
        "8\n12\n16\n8\n12\n16\n%s\ncas9\n0\n3\n9\n33\n16\n10\n34\n47\n24\n2\n.3\n", sub);
    for (k = 0; k < 26; k++) {
        strcat(text, k == 2 ? "2\n" : k == 4 ? "3\n" : "0\n");
    }
    strcat(text, "5\n6\n1.5\n2.25\n3600\n");
}

static void
test_header_block(void)
{
    char text[4096] = "";
    rl_medpc_file_t f;
    rl_error_t err;
    const char *v;

    plain_session(text, sizeof text, "14");
    plain_session(text, sizeof text, "dpcp1.1"); /* lines 51-100 */
    CHECK(rl_medpc_parse_buffer(text, strlen(text), "plain", &f, &err) == 0);
    CHECK(f.n_sessions == 2);
    if (f.n_sessions == 2) {
        const rl_medpc_session_t *s = &f.sessions[0];
        CHECK(s->line == 1 && f.sessions[1].line == 51);
        CHECK((v = rl_medpc_session_header(s, "Subject")) != NULL && strcmp(v, "14") == 0);
        CHECK((v = rl_medpc_session_header(s, "Experiment")) != NULL && strcmp(v, "cas9") == 0);
        CHECK((v = rl_medpc_session_header(s, "Group")) != NULL && strcmp(v, "0") == 0);
        CHECK((v = rl_medpc_session_header(s, "Box")) != NULL && strcmp(v, "3") == 0);
        CHECK((v = rl_medpc_session_header(s, "Start Date")) != NULL
            && strcmp(v, "8/12/16") == 0);
        CHECK((v = rl_medpc_session_header(s, "End Time")) != NULL
            && strcmp(v, "10:34:47") == 0);
        CHECK(rl_medpc_session_header(s, "MSN") == NULL);
        CHECK(s->start.valid && s->start.year == 2016 && s->start.month == 8
            && s->start.day == 12 && s->start.hour == 9 && s->start.second == 16);
        CHECK(s->duration_s == 3691.0); /* 9:33:16 -> 10:34:47 */
        CHECK((v = rl_medpc_session_header(&f.sessions[1], "Subject")) != NULL
            && strcmp(v, "dpcp1.1") == 0);
        CHECK(rl_medpc_session_var(s, 'E') != NULL && rl_medpc_session_var(s, 'E')->n == 3
            && rl_medpc_session_var(s, 'E')->values[2] == 3600);
        /* the header block is not junk: the only message names the format */
        CHECK(f.n_warnings == 1 && strstr(f.warnings[0].msg, "2 with a header block") != NULL);
    }
    rl_medpc_file_free(&f);

    /* a leading `\` comment and a File: line before the block are read, not junk */
    snprintf(text, sizeof text, "\\ written by MED-PC\nFile: C:\\MED-PC\\Data\\x\n");
    plain_session(text, sizeof text, "7");
    CHECK(rl_medpc_parse_buffer(text, strlen(text), "plain", &f, &err) == 0);
    CHECK(f.n_sessions == 1 && f.n_warnings == 1);
    if (f.n_sessions == 1) {
        CHECK((v = rl_medpc_session_header(&f.sessions[0], "File")) != NULL
            && strcmp(v, "C:\\MED-PC\\Data\\x") == 0);
        CHECK(f.sessions[0].line == 3 && f.sessions[0].start.valid);
    }
    rl_medpc_file_free(&f);
}

static void
test_sniff(void)
{
    char text[4096] = "";
    size_t at = 99;

    plain_session(text, sizeof text, "14");
    CHECK(rl_medpc_sniff(text, strlen(text), &at) == RL_MEDPC_SNIFF_PLAIN && at == 0);
    CHECK(rl_medpc_sniff("File: x\n\nStart Date: 01/02/24\n", 30, NULL)
        == RL_MEDPC_SNIFF_ANNOTATED);
    CHECK(rl_medpc_sniff("\xef\xbb\xbfStart Date: 01/02/24\n", 24, NULL)
        == RL_MEDPC_SNIFF_ANNOTATED);
    CHECK(rl_medpc_sniff("# README\nSome notes: about the data\n", 36, NULL)
        == RL_MEDPC_SNIFF_OTHER);
    CHECK(rl_medpc_sniff("subject,active\nB1,12\n", 21, NULL) == RL_MEDPC_SNIFF_OTHER);
    CHECK(rl_medpc_sniff("1\n2\n3\n", 6, NULL) == RL_MEDPC_SNIFF_OTHER);
    CHECK(rl_medpc_sniff("", 0, NULL) == RL_MEDPC_SNIFF_OTHER);
    /* a NUL at byte 5 (1-based) */
    CHECK(rl_medpc_sniff("PK\x03\x04\0\0rest", 10, &at) == RL_MEDPC_SNIFF_BINARY && at == 5);
    CHECK(rl_medpc_sniff("abcd\0", 5, &at) == RL_MEDPC_SNIFF_BINARY && at == 5);
    /* one form feed or DOS end-of-file mark in text is text */
    CHECK(rl_medpc_sniff("Start Date: 01/02/24\n\f\x1a", 23, NULL) == RL_MEDPC_SNIFF_ANNOTATED);
    /* Latin-1 text is text */
    CHECK(rl_medpc_sniff("Subject: M\xfcller\nStart Date: 01/02/24\n", 37, NULL)
        == RL_MEDPC_SNIFF_ANNOTATED);
}

static void
test_binary_refused(void)
{
    static const char bin[] = "Start Date: 01/02/24\n\x01\x02\0\x7f";
    rl_medpc_file_t f;
    rl_error_t err;

    rl_error_clear(&err);
    CHECK(rl_medpc_parse_buffer(bin, sizeof bin - 1, "x.bin", &f, &err) == RL_ERR_PARSE);
    CHECK(f.n_sessions == 0 && f.name == NULL);
    CHECK(strcmp(err.msg, "not a MED-PC text file (binary content at byte 24)") == 0);
    CHECK(err.line == 0);
    rl_medpc_file_free(&f);
}

/* A file whose last line has no line end: a number MED-PC prints whole (3 decimals, or an
** overflow at least 12 wide) is kept; anything shorter is a cut, an error at its line and
** column. */
static void
test_cut_number(void)
{
    static const char head[] = "Start Date: 05/06/24\nSubject: B1\nE:\n"
                               "     0:        1.000        2.000";
    static const struct {
        const char *tail;
        int ok;
        int col;
    } cases[] = {
        {"        3.000", 1, 0},
        {"        3.000\n", 1, 0},
        {"        3.0", 0, 42},
        {"        12.", 0, 42},
        {"        1.2e", 0, 42},
        {"        3", 0, 42},
        {"  10000000000.", 1, 0},
        {"\n     3:        3.0\n", 1, 0}, /* mid-file: an ordinary value */
        {"\nG:       3.00", 0, 10},
    };
    char text[512];
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rl_medpc_file_t f;
        rl_error_t err;
        int rc;
        snprintf(text, sizeof text, "%s%s", head, cases[i].tail);
        rl_error_clear(&err);
        rc = rl_medpc_parse_buffer(text, strlen(text), "cut.txt", &f, &err);
        if (cases[i].ok) {
            CHECK(rc == 0 && f.n_sessions == 1);
        } else {
            CHECK(rc == RL_ERR_PARSE && err.line == (strchr(cases[i].tail, '\n') ? 5 : 4));
            CHECK(err.col == cases[i].col);
            CHECK(strstr(err.msg, "the file was cut here") != NULL);
        }
        if (rc != (cases[i].ok ? 0 : RL_ERR_PARSE)) {
            fprintf(stderr, "  case %zu: rc %d, %s\n", i, rc, err.msg);
        }
        rl_medpc_file_free(&f);
    }
}

/* The content hash kept for provenance: the FIPS 180-4 examples (one block, two blocks),
** the empty message, a 1,000-byte message (several blocks and a two-block tail), and the
** hash of a parsed buffer. Known answers: FIPS 180-4 appendix / `sha256sum`. */
static void
test_sha256(void)
{
    char hex[65], big[1000];
    rl_medpc_file_t f;
    rl_error_t err;

    rl_sha256_hex("abc", 3, hex);
    CHECK(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0);
    rl_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
    CHECK(strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0);
    rl_sha256_hex(NULL, 0, hex);
    CHECK(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0);
    memset(big, 'a', sizeof big);
    rl_sha256_hex(big, sizeof big, hex); /* `head -c 1000 /dev/zero | tr '\0' a | sha256sum` */
    CHECK(strcmp(hex, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3") == 0);
    CHECK(rl_medpc_parse_buffer("abc", 3, "abc", &f, &err) == 0);
    CHECK(strcmp(f.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        == 0);
    rl_medpc_file_free(&f);
}

static const rl_test_case_t CASES[] = {
    {"sha256", test_sha256, 0},
    {"medpc_plain_header_block", test_header_block, 0},
    {"medpc_sniff", test_sniff, 0},
    {"medpc_binary_refused", test_binary_refused, 0},
    {"medpc_cut_number", test_cut_number, 0},
};

RL_TEST_MAIN(CASES)
