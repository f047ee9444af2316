/* test_subject_sheet.c -- the subject sheet reader (relapselab/subject_sheet.h).
**
** Each case is a small CSV written here; the expected rows, values and error positions
** (line:col, 1-based, columns counted in bytes from the line's start) are read off the text
** by hand.
*/
#include <stdio.h>
#include <string.h>

#include "relapselab/subject_sheet.h"
#include "testlib.h"

static int
parse(const char *text, rl_subject_sheet_t *sh, rl_error_t *err)
{
    rl_error_clear(err);
    return rl_subject_sheet_parse("s.csv", text, strlen(text), sh, err);
}

static int
value_is(const rl_subject_sheet_t *sh, size_t row, rl_sheet_column_t c, const char *want)
{
    const char *got = sh->rows[row].value[c];
    if (want == NULL ? got != NULL : got == NULL || strcmp(got, want) != 0) {
        fprintf(stderr, "  row %zu %s: '%s', expected '%s'\n", row, rl_sheet_column_name(c),
            got != NULL ? got : "(null)", want != NULL ? want : "(null)");
        return 0;
    }
    return 1;
}

static void
columns_values_and_quotes(void)
{
    rl_subject_sheet_t sh;
    rl_error_t err;
    /* BOM, columns in any order and case, CRLF, a quoted field with a comma, a doubled
    ** quote and a line break, an empty cell, a blank line, spaces trimmed */
    const char *text = "\xEF\xBB\xBFSubject, GROUP ,sex,notes\r\n"
                       "M1 , KO,F,\"a, \"\"b\"\"\nc\"\r\n"
                       "\r\n"
                       "M2,WT,male,\r\n";
    CHECK(parse(text, &sh, &err) == 0);
    CHECK(sh.n_rows == 2);
    CHECK(sh.has[RL_SHEET_SUBJECT] && sh.has[RL_SHEET_GROUP] && sh.has[RL_SHEET_SEX]);
    CHECK(sh.has[RL_SHEET_NOTES] && !sh.has[RL_SHEET_GENOTYPE] && !sh.has[RL_SHEET_DOSE]);
    CHECK(value_is(&sh, 0, RL_SHEET_SUBJECT, "M1"));
    CHECK(value_is(&sh, 0, RL_SHEET_GROUP, "KO"));
    CHECK(value_is(&sh, 0, RL_SHEET_SEX, "female"));      /* F normalised */
    CHECK(value_is(&sh, 0, RL_SHEET_NOTES, "a, \"b\"\nc"));
    CHECK(sh.rows[0].line == 2);
    CHECK(value_is(&sh, 1, RL_SHEET_SUBJECT, "M2"));
    CHECK(value_is(&sh, 1, RL_SHEET_SEX, "male"));
    CHECK(value_is(&sh, 1, RL_SHEET_NOTES, NULL));        /* empty cell: no value */
    CHECK(sh.rows[1].line == 5);  /* M1 spans lines 2-3 (quoted line break), 4 is blank */
    rl_subject_sheet_free(&sh);
    rl_subject_sheet_free(&sh);                            /* twice is safe */
}

static void
semicolons_and_tabs(void)
{
    rl_subject_sheet_t sh;
    rl_error_t err;
    CHECK(parse("subject;dose;treatment\nM1;1,5 mg/kg;naltrexone\n", &sh, &err) == 0);
    CHECK(sh.n_rows == 1 && value_is(&sh, 0, RL_SHEET_DOSE, "1,5 mg/kg"));
    CHECK(value_is(&sh, 0, RL_SHEET_TREATMENT, "naltrexone"));
    rl_subject_sheet_free(&sh);
    CHECK(parse("subject\tgenotype\nM1\tOprm1-/-\n", &sh, &err) == 0);
    CHECK(sh.n_rows == 1 && value_is(&sh, 0, RL_SHEET_GENOTYPE, "Oprm1-/-"));
    rl_subject_sheet_free(&sh);
}

/* The error is RL_ERR_PARSE at line:col and its message contains part. */
static int
fails_at(const char *text, long line, long col, const char *part)
{
    rl_subject_sheet_t sh;
    rl_error_t err;
    int ret = parse(text, &sh, &err);
    if (ret != RL_ERR_PARSE || err.line != line || err.col != col
        || strstr(err.msg, part) == NULL || sh.rows != NULL) {
        fprintf(stderr, "  %d at %ld:%ld '%s'; expected %ld:%ld '%s'\n", ret, err.line,
            err.col, err.msg, line, col, part);
        return 0;
    }
    return 1;
}

static void
errors_say_where(void)
{
    CHECK(fails_at("subject,sex,genotpye,colour\nM1,m,x,y\n", 1, 13,
        "unknown columns 'genotpye', 'colour'"));
    CHECK(fails_at("sex,group\nm,KO\n", 1, 1, "no 'subject' column"));
    CHECK(fails_at("subject,sex,Sex\n", 1, 13, "'sex' appears twice"));
    CHECK(fails_at("subject,,sex\n", 1, 9, "empty column name"));
    CHECK(fails_at("subject,sex\nM1,x\n", 2, 4, "sex 'x' is not male or female"));
    CHECK(fails_at("subject,sex\nM1,m,3\n", 2, 6, "more fields"));
    CHECK(fails_at("subject,sex\nM1\n", 2, 3, "1 fields where the header has 2"));
    CHECK(fails_at("subject,sex\nM1,m\n\"M2,f\n", 3, 1, "unterminated"));
    CHECK(fails_at("subject,sex\n\"M1\"x,m\n", 2, 5, "after a quoted field"));
    CHECK(fails_at("subject,sex\nM\"1,m\n", 2, 2, "quote inside an unquoted field"));
    CHECK(fails_at("subject,sex\nM1,m\nM1,f\n", 3, 1, "'M1' is also on line 2"));
    CHECK(fails_at("subject,sex\n,m\n", 2, 1, "empty subject"));
    CHECK(fails_at("\n  \n", 3, 1, "empty sheet"));
}

static void
nul_byte_is_not_csv(void)
{
    rl_subject_sheet_t sh;
    rl_error_t err;
    static const char text[] = "subject\nM1\n\0\x01\x02";
    rl_error_clear(&err);
    CHECK(rl_subject_sheet_parse("s.xlsx", text, sizeof text - 1, &sh, &err) == RL_ERR_PARSE);
    CHECK(err.line == 3 && strstr(err.msg, "not a text CSV") != NULL);
}

static const rl_test_case_t CASES[] = {
    {"columns_values_and_quotes", columns_values_and_quotes, 0},
    {"semicolons_and_tabs", semicolons_and_tabs, 0},
    {"errors_say_where", errors_say_where, 0},
    {"nul_byte_is_not_csv", nul_byte_is_not_csv, 0},
};
RL_TEST_MAIN(CASES)
