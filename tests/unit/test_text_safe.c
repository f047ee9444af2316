/* test_text_safe.c -- text made safe for a terminal (src/core/text_safe.h).
**
** Expected escapes follow the header's rules, worked by hand: C0 controls and DEL as \n,
** \r, \t or \xHH; C1 controls as \u0080..\u009f when UTF-8 encoded and as \xHH when raw;
** bytes that are not well-formed UTF-8 (a lone continuation byte, an overlong form, a
** surrogate, a cut sequence) as \xHH; everything else -- ASCII, a backslash, well-formed
** UTF-8 such as "µ" (C2 B5) or "±" -- unchanged, and then the very same pointer.
*/
#include <stdio.h>
#include <string.h>

#include "core/text_safe.h"
#include "testlib.h"

static int
same(const char *in, const char *want)
{
    rl_text_buf_t b;
    const char *got = rl_text_safe(in, &b);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "  '%s' escaped to '%s', expected '%s'\n", in, got, want);
        return 0;
    }
    return 1;
}

static void
clean_text_is_kept(void)
{
    static const char *const kept[] = {"WT", "Pdyn-/-", "C:\\MED-PC IV\\DATA", "\xc2\xb5-opioid",
        "7.2 \xc2\xb1 1.1", "\xe2\x80\x94 dash", "\xf0\x9f\x90\x81 mouse", ""};
    rl_text_buf_t b;
    size_t i;
    for (i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        CHECK(rl_text_safe(kept[i], &b) == kept[i]); /* no copy */
    }
    CHECK(rl_text_safe(NULL, &b) == NULL);
}

static void
controls_are_escaped(void)
{
    CHECK(same("W\x1b[31mT", "W\\x1b[31mT"));      /* a terminal colour escape */
    CHECK(same("a\nb\rc\td", "a\\nb\\rc\\td"));
    CHECK(same("\x01\x7f", "\\x01\\x7f"));
    CHECK(same("x\xc2\x9b" "2J", "x\\u009b2J"));   /* C1 CSI, UTF-8 encoded */
    CHECK(same("x\x9b" "2J", "x\\x9b2J"));         /* C1 CSI, a raw byte */
    CHECK(same("\xc2", "\\xc2"));                  /* a cut sequence */
    CHECK(same("\xe0\x80\xaf", "\\xe0\\x80\\xaf")); /* overlong '/' */
    CHECK(same("\xed\xa0\x80", "\\xed\\xa0\\x80")); /* a surrogate */
    CHECK(same("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80")); /* beyond U+10FFFF */
    CHECK(same("\xff\xfe", "\\xff\\xfe"));
    CHECK(same("\xc2\xb5\x1b", "\xc2\xb5\\x1b"));  /* UTF-8 kept, the control escaped */
}

static void
long_text_is_cut(void)
{
    char in[400], out[16];
    rl_text_buf_t b;
    const char *got;
    memset(in, '\x1b', sizeof in - 1);
    in[sizeof in - 1] = '\0';
    got = rl_text_safe(in, &b);
    CHECK(strlen(got) < RL_TEXT_SAFE_MAX);
    CHECK(strlen(got) >= 3 && strcmp(got + strlen(got) - 3, "...") == 0);
    CHECK(strncmp(got, "\\x1b\\x1b", 8) == 0);
    /* cut at a whole escape: "ab\x1bcd" in 8 bytes keeps "ab" + "..." */
    CHECK(strcmp(rl_text_escape(out, 8, "ab\x1b" "cd"), "ab...") == 0);
    CHECK(strcmp(rl_text_escape(out, 9, "ab\x1b" "c"), "ab\\x1bc") == 0); /* just fits */
    CHECK(strcmp(rl_text_escape(out, 4, "abcdef"), "...") == 0);
}

/* rl_text_cut: a copy that fits is whole; a cut falls before a character that would not
** fit whole (2-, 3- and 4-byte UTF-8), and bytes that are not UTF-8 count one each. */
static void
cut_copy(void)
{
    char out[8];
    CHECK(rl_text_cut(out, sizeof out, "abcdefg") == 0 && strcmp(out, "abcdefg") == 0);
    CHECK(rl_text_cut(out, sizeof out, "abcdefgh") == 1 && strcmp(out, "abcdefg") == 0);
    /* "abcdef" + mu (2 bytes): 8 bytes do not fit in 7, the whole mu goes */
    CHECK(rl_text_cut(out, sizeof out, "abcdef\xc2\xb5") == 1 && strcmp(out, "abcdef") == 0);
    /* "abcde" + mu fits exactly (7 bytes) */
    CHECK(rl_text_cut(out, sizeof out, "abcde\xc2\xb5") == 0
        && strcmp(out, "abcde\xc2\xb5") == 0);
    /* an em dash (3 bytes) from byte 5: cut after 5 */
    CHECK(rl_text_cut(out, sizeof out, "abcde\xe2\x80\x94x") == 1 && strcmp(out, "abcde") == 0);
    /* a mouse emoji (4 bytes) from byte 4: cut after 4 */
    CHECK(rl_text_cut(out, sizeof out, "abcd\xf0\x9f\x90\x81x") == 1 && strcmp(out, "abcd") == 0);
    /* stray continuation bytes are not a character: cut at the byte count */
    CHECK(rl_text_cut(out, sizeof out, "abcdef\x80\x80\x80") == 1
        && strcmp(out, "abcdef\x80") == 0);
    CHECK(rl_text_cut(out, 1, "abc") == 1 && out[0] == '\0');
}

static const rl_test_case_t CASES[] = {
    {"cut_copy", cut_copy, 0},
    {"clean_text_is_kept", clean_text_is_kept, 0},
    {"controls_are_escaped", controls_are_escaped, 0},
    {"long_text_is_cut", long_text_is_cut, 0},
};

RL_TEST_MAIN(CASES)
