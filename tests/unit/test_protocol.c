/* test_protocol.c -- the protocol loader: the seed example, defaults, every bad-input class.
**
** Three kinds of tests:
**   - known answers: examples/gutierrez2014.yaml lands in the struct as written there;
**     tests/bad/good_minimal.yaml gets the documented defaults; the Richardson-Roberts
**     series matches the published one;
**   - bad files: one file per bad-input class in tests/bad/, each with the expected code,
**     the line of the problem (also stated in the file's first comment) and a phrase of
**     the message;
**   - variants: good_minimal.yaml with one substitution, loaded from a buffer, for every
**     value rule and shape rule that has no file of its own.
** Run with the repository root as working directory.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/protocol_internal.h"
#include "relapselab/genotype.h"
#include "relapselab/protocol.h"
#include "testlib.h"

#define GOOD "tests/bad/good_minimal.yaml"

static rl_protocol_t *
new_protocol(void)
{
    rl_protocol_t *p = calloc(1, sizeof *p);
    if (p == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return p;
}

/* The whole file at path as a malloc'd string (the test aborts if it cannot be read). */
static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0
        || fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t) n + 1)) == NULL
        || fread(buf, 1, (size_t) n, f) != (size_t) n) {
        fprintf(stderr, "cannot read %s (run from the repository root)\n", path);
        exit(2);
    }
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* text with the first occurrence of from replaced by to (malloc'd), or NULL if absent. */
static char *
replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    size_t head, n;
    char *out;

    if (at == NULL) {
        return NULL;
    }
    head = (size_t) (at - text);
    n = strlen(text) - strlen(from) + strlen(to);
    out = malloc(n + 1);
    memcpy(out, text, head);
    memcpy(out + head, to, strlen(to));
    strcpy(out + head + strlen(to), at + strlen(from));
    return out;
}

/* The 1-based line on which needle starts in text (0 if absent). */
static long
line_of_text(const char *text, const char *needle)
{
    const char *at = strstr(text, needle), *c;
    long line = 1;

    if (at == NULL) {
        return 0;
    }
    for (c = text; c < at; c++) {
        line += *c == '\n';
    }
    return line;
}

/* Report an unexpected outcome in a way that shows the message. */
static void
show(const char *what, int rc, const rl_error_t *err)
{
    char buf[1024];
    fprintf(stderr, "  %s: rc %d: %s\n", what, rc, rl_error_format(err, buf, sizeof buf));
}

/* ---------------------------------------------------------------- known answers */

static void
test_richardson_roberts(void)
{
    /* Richardson & Roberts (1996) J Neurosci Methods 66:1-11, table 1: round(5 e^{0.2 j} - 5) */
    static const int want[] = {1, 2, 4, 6, 9, 12, 15, 20, 25, 32, 40, 50, 62, 77, 95, 118, 145,
        178, 219, 268, 328, 402, 492, 603, 737};
    int got[RL_MAX_PR_STEPS], i, n = (int) (sizeof want / sizeof want[0]);

    rl_pr_richardson_roberts(got, n);
    for (i = 0; i < n; i++) {
        CHECK(got[i] == want[i]);
    }
    /* the longest series the format accepts is still strictly increasing and fits an int */
    rl_pr_richardson_roberts(got, RL_MAX_PR_STEPS);
    for (i = 1; i < RL_PR_RR_MAX_STEPS; i++) {
        CHECK(got[i] > got[i - 1]);
    }
    CHECK(got[RL_PR_RR_MAX_STEPS] == 2147483647); /* step 100 saturates */
}

static void
test_enum_names(void)
{
    CHECK(strcmp(rl_phase_kind_name(RL_PHASE_ACQUISITION), "acquisition") == 0);
    CHECK(strcmp(rl_phase_kind_name(RL_PHASE_PROGRESSIVE_RATIO), "progressive_ratio") == 0);
    CHECK(strcmp(rl_phase_kind_name(RL_PHASE_EXTINCTION), "extinction") == 0);
    CHECK(strcmp(rl_phase_kind_name(RL_PHASE_REINSTATEMENT), "reinstatement") == 0);
    CHECK(strcmp(rl_phase_kind_name(RL_PHASE_OTHER), "other") == 0);
    CHECK(strcmp(rl_phase_kind_name(RL_PHASE_PLACE_CONDITIONING), "place_conditioning") == 0);
    CHECK(strcmp(rl_phase_kind_name(RL_PHASE_PLACE_TEST), "place_test") == 0);
    CHECK(strcmp(rl_schedule_type_name(RL_SCHEDULE_FR), "FR") == 0);
    CHECK(strcmp(rl_schedule_type_name(RL_SCHEDULE_PR), "PR") == 0);
    CHECK(strcmp(rl_sex_name(RL_SEX_MALE), "male") == 0);
    CHECK(strcmp(rl_sex_name(RL_SEX_FEMALE), "female") == 0);
    CHECK(strcmp(rl_sex_name(RL_SEX_UNKNOWN), "unknown") == 0);
    CHECK(strcmp(rl_reinforcer_kind_name(RL_REINFORCER_DRUG), "drug") == 0);
    CHECK(strcmp(rl_reinforcer_kind_name(RL_REINFORCER_PELLET), "pellet") == 0);
    CHECK(strcmp(rl_reinforcer_kind_name(RL_REINFORCER_LIQUID), "liquid") == 0);
    CHECK(strcmp(rl_reinforcer_kind_name(RL_REINFORCER_NONE), "none") == 0);
    CHECK(strcmp(rl_criterion_type_name(RL_CRITERION_NONE), "none") == 0);
    CHECK(strcmp(rl_criterion_type_name(RL_CRITERION_ACQUISITION), "acquisition") == 0);
    CHECK(strcmp(rl_criterion_type_name(RL_CRITERION_EXTINCTION), "extinction") == 0);
    CHECK(strcmp(rl_stress_kind_name(RL_STRESS_FOOTSHOCK), "footshock") == 0);
    CHECK(strcmp(rl_stress_kind_name(RL_STRESS_SWIM), "swim") == 0);
    CHECK(strcmp(rl_stress_kind_name(RL_STRESS_FOOD_DEPRIVATION), "food_deprivation") == 0);
    /* counts generated from the X-macro lists, and values out of range */
    CHECK(RL_PHASE_KIND_COUNT == 7 && RL_SCHEDULE_TYPE_COUNT == 2 && RL_SEX_COUNT == 3);
    CHECK(RL_CRITERION_TYPE_COUNT == 3 && RL_STRESS_KIND_COUNT == 3);
    CHECK(RL_REINFORCER_KIND_COUNT == 4);
    CHECK(strcmp(rl_phase_kind_name((rl_phase_kind_t) RL_PHASE_KIND_COUNT), "invalid") == 0);
    CHECK(strcmp(rl_criterion_type_name((rl_criterion_type_t) -1), "invalid") == 0);
    /* lookup by name */
    CHECK(rl_phase_kind_find("place_test") == RL_PHASE_PLACE_TEST);
    CHECK(rl_phase_kind_find("acquisition") == RL_PHASE_ACQUISITION);
    CHECK(rl_phase_kind_find("Place_test") == -1 && rl_phase_kind_find(NULL) == -1);
}

/* The loader's words are the names of the enum functions (round trip through YAML). */
static void
test_enum_words_round_trip(void)
{
    static const char *const kinds[] = {"acquisition", "progressive_ratio", "extinction",
        "reinstatement", "other"};
    char *good = slurp(GOOD), *text, *text2, from[64];
    rl_protocol_t *p = new_protocol();
    rl_error_t err;
    int k, rc;

    for (k = 0; k < 5; k++) {
        snprintf(from, sizeof from, "kind: %s", kinds[k]);
        text = replace(good, "kind: acquisition", from);
        text2 = replace(text, "n: 8}", k % 2 ? "n: 8, sex: female}" : "n: 8, sex: male}");
        rc = rl_protocol_load_buffer(p, text2, strlen(text2), "kinds", &err);
        CHECK(rc == 0);
        if (rc == 0) {
            CHECK(strcmp(rl_phase_kind_name(p->procedures[0].phases[0].kind), kinds[k]) == 0);
            CHECK(strcmp(rl_sex_name(p->groups[0].sex), k % 2 ? "female" : "male") == 0);
        }
        rl_protocol_free(p);
        free(text);
        free(text2);
    }
    free(good);
    free(p);
}

/* The cocaine procedure's four phases of examples/gutierrez2014.yaml, as written there. */
static void
check_gutierrez_phases(const rl_procedure_t *coc)
{
    static const int cocaine_pr[] = {1, 2, 3, 5, 12, 18, 27, 40, 60, 90, 135, 200, 300, 450,
        675, 1000};
    const rl_phase_t *ph;
    int i;

    ph = &coc->phases[0];
    CHECK(strcmp(ph->name, "acquisition") == 0 && ph->kind == RL_PHASE_ACQUISITION);
    CHECK(ph->schedule.type == RL_SCHEDULE_FR && ph->schedule.ratio == 1);
    CHECK_CLOSE(ph->session_min, 120, 0, 0);
    CHECK_CLOSE(ph->timeout_s, 15, 0, 0);
    CHECK_CLOSE(ph->cue_s, 4, 0, 0);
    CHECK(ph->deliver_reinforcer && ph->deliver_cue);
    CHECK(!ph->until_criterion && ph->sessions == 10 && ph->max_sessions == 10);
    CHECK(ph->criterion.type == RL_CRITERION_ACQUISITION);
    CHECK(ph->criterion.min_reinforcers == 5 && ph->criterion.consecutive == 3);
    CHECK_CLOSE(ph->criterion.min_active_fraction, 0.75, 0, 0);
    CHECK_CLOSE(ph->criterion.max_deviation, 0.20, 0, 0);

    ph = &coc->phases[1];
    CHECK(ph->kind == RL_PHASE_PROGRESSIVE_RATIO && ph->schedule.type == RL_SCHEDULE_PR);
    CHECK(ph->schedule.pr_n == 16 && !ph->schedule.pr_from_formula);
    for (i = 0; i < 16 && ph->schedule.pr_n == 16; i++) {
        CHECK(ph->schedule.pr_series[i] == cocaine_pr[i]);
    }
    CHECK_CLOSE(ph->no_reinforcer_stop_min, 60, 0, 0);
    CHECK(ph->max_reinforcers == 0);
    CHECK(ph->sessions == 1 && ph->criterion.type == RL_CRITERION_NONE);

    ph = &coc->phases[2];
    CHECK(ph->kind == RL_PHASE_EXTINCTION);
    CHECK(!ph->deliver_reinforcer && !ph->deliver_cue);
    CHECK_CLOSE(ph->timeout_s, 0, 0, 0); /* default */
    CHECK_CLOSE(ph->cue_s, 0, 0, 0);     /* default */
    CHECK(ph->until_criterion && ph->max_sessions == 40);
    CHECK(ph->sessions == 3); /* min defaults to criterion.consecutive */
    CHECK(ph->criterion.type == RL_CRITERION_EXTINCTION);
    CHECK_CLOSE(ph->criterion.max_fraction_of_reference, 0.30, 0, 0);
    CHECK(strcmp(ph->criterion.reference_phase, "acquisition") == 0);
    CHECK(ph->criterion.reference_phase_id == 0);

    ph = &coc->phases[3];
    CHECK(ph->kind == RL_PHASE_REINSTATEMENT);
    CHECK(!ph->deliver_reinforcer && ph->deliver_cue);
    CHECK(ph->sessions == 1);
}

static void
test_example_gutierrez(void)
{
    /* expected values: as written in examples/gutierrez2014.yaml */
    rl_protocol_t *p = new_protocol();
    const rl_procedure_t *coc, *food;
    rl_error_t err;
    int rc, i;

    rc = rl_protocol_load_file(p, "examples/gutierrez2014.yaml", &err);
    CHECK(rc == 0);
    if (rc != 0) {
        show("gutierrez2014", rc, &err);
        goto out;
    }
    CHECK(strcmp(p->path, "examples/gutierrez2014.yaml") == 0);
    CHECK(p->source_text != NULL && p->source_len > 1000);
    CHECK(p->source_text != NULL && strlen(p->source_text) == p->source_len);
    CHECK(strncmp(p->study, "Gutierrez-Cuesta et al. 2014", 28) == 0);
    CHECK_CLOSE(p->intersession_h, 24.0, 0, 0);

    CHECK(p->n_reinforcers == 2);
    CHECK(strcmp(p->reinforcers[0].name, "cocaine") == 0);
    CHECK(p->reinforcers[0].kind == RL_REINFORCER_DRUG);
    CHECK(strcmp(p->reinforcers[0].drug, "cocaine") == 0);
    CHECK_CLOSE(p->reinforcers[0].dose_mg_per_kg, 1.0, 0, 0);
    CHECK_CLOSE(p->reinforcers[0].infusion_s, 2.0, 0, 0);
    CHECK_CLOSE(p->reinforcers[0].volume_ul, 23.5, 0, 0);
    CHECK(p->reinforcers[0].src_line == line_of_text(p->source_text, "\n  cocaine:\n") + 1);
    CHECK(strcmp(p->reinforcers[1].name, "chocolate") == 0);
    CHECK(p->reinforcers[1].kind == RL_REINFORCER_PELLET);
    CHECK_CLOSE(p->reinforcers[1].pellet_mg, 20.0, 0, 0);
    CHECK_CLOSE(p->reinforcers[1].palatability, 1.0, 0, 0);

    CHECK(p->n_procedures == 2);
    coc = &p->procedures[0];
    food = &p->procedures[1];
    CHECK(strcmp(coc->name, "cocaine") == 0 && strcmp(food->name, "food") == 0);
    CHECK(coc->n_phases == 4 && food->n_phases == 4);

    check_gutierrez_phases(coc);
    CHECK(coc->phases[0].src_line
        == line_of_text(p->source_text, "\n    - name: acquisition") + 1);

    CHECK(food->phases[1].schedule.pr_n == 35);
    CHECK(food->phases[1].schedule.pr_series[34] == 5500);
    CHECK_CLOSE(food->phases[1].session_min, 300, 0, 0);
    CHECK(food->phases[2].criterion.reference_phase_id == 0);

    CHECK(p->n_groups == 16);
    CHECK(rl_protocol_n_subjects(p) == 160);
    for (i = 0; i < p->n_groups; i++) {
        const rl_group_t *g = &p->groups[i];
        CHECK(g->n == 10 && g->sex == RL_SEX_MALE);
        CHECK(g->reinforcer == (i < 8 ? 0 : 1) && g->procedure == (i < 8 ? 0 : 1));
        CHECK(g->genotype_id == rl_genotype_find(g->genotype) && g->genotype_id >= 0);
        CHECK(strcmp(g->genotype, i % 2 ? rl_genotype_label(g->genotype_id)->name : "WT") == 0);
    }
    CHECK(strcmp(p->groups[1].name, "Oprm1-KO-cocaine") == 0);
    CHECK(strcmp(p->groups[1].line, "Oprm1") == 0);
    CHECK(strcmp(p->groups[1].genotype, "Oprm1-/-") == 0);
    CHECK(strcmp(p->groups[15].genotype, "Pdyn-/-") == 0);
out:
    rl_protocol_free(p);
    rl_protocol_free(p);
    free(p);
}

static void
test_good_minimal_defaults(void)
{
    rl_protocol_t *p = new_protocol();
    const rl_phase_t *ph;
    rl_error_t err;
    int rc = rl_protocol_load_file(p, GOOD, &err);

    CHECK(rc == 0);
    if (rc != 0) {
        show(GOOD, rc, &err);
        goto out;
    }
    CHECK(p->study[0] == '\0');
    CHECK_CLOSE(p->intersession_h, 24.0, 0, 0);          /* default */
    CHECK_CLOSE(p->reinforcers[0].volume_ul, 0.0, 0, 0); /* default */
    CHECK(p->n_procedures == 1 && strcmp(p->procedures[0].name, "main") == 0);
    ph = &p->procedures[0].phases[0];
    CHECK_CLOSE(ph->timeout_s, 0, 0, 0);
    CHECK_CLOSE(ph->cue_s, 0, 0, 0);
    CHECK(ph->deliver_reinforcer && !ph->deliver_cue);
    CHECK(ph->max_reinforcers == 0);
    CHECK_CLOSE(ph->no_reinforcer_stop_min, 0, 0, 0);
    CHECK(ph->criterion.type == RL_CRITERION_NONE);
    CHECK(p->n_groups == 1 && p->groups[0].procedure == 0 && p->groups[0].reinforcer == 0);
    CHECK(p->groups[0].sex == RL_SEX_MALE && p->groups[0].line[0] == '\0');
    CHECK(p->groups[0].genotype_id == rl_genotype_find("WT"));
    CHECK(p->groups[0].src_line == 17);
out:
    rl_protocol_free(p);
    free(p);
}

/* ---------------------------------------------------------------- bad files */

typedef struct bad_case {
    const char *file;   /* in tests/bad/ */
    int code;
    long line;          /* the line of the problem (also in the file's first comment) */
    const char *phrase; /* must occur in err.msg */
} bad_case_t;

static const bad_case_t bad_files[] = {
    {"syntax", RL_ERR_PARSE, 5, "YAML syntax error: did not find expected key"},
    {"empty", RL_ERR_INVALID, 1, "the file is empty"},
    {"not_mapping", RL_ERR_INVALID, 3, "the top level must be a mapping (got a list)"},
    {"unknown_key_top", RL_ERR_INVALID, 2, "unknown key 'studdy' (allowed in the top level: "
        "study, intersession_h, reinforcers, procedures, phases, groups)"},
    {"unknown_key_reinforcer", RL_ERR_INVALID, 6, "unknown key 'dose' (allowed in a drug "
        "reinforcer: type, drug, dose_mg_per_kg"},
    {"unknown_key_phase", RL_ERR_INVALID, 13, "unknown key 'timout_s' (allowed in a phase:"},
    {"unknown_key_schedule", RL_ERR_INVALID, 11, "unknown key 'schedule.rate' (allowed in an "
        "FR schedule: type, ratio)"},
    {"unknown_key_limits", RL_ERR_INVALID, 15, "unknown key 'limits.max_infusions'"},
    {"unknown_key_criterion", RL_ERR_INVALID, 17, "unknown key 'criterion.window'"},
    {"unknown_key_group", RL_ERR_INVALID, 17, "unknown key 'strain' (allowed in a group:"},
    {"other_type_key", RL_ERR_INVALID, 8, "pellet_mg is not a key of a drug reinforcer"},
    {"missing_required", RL_ERR_INVALID, 9, "missing required key 'session_min'"},
    {"wrong_type_string", RL_ERR_INVALID, 12, "session_min must be a number (got 'two hours')"},
    {"wrong_type_list", RL_ERR_INVALID, 16, "groups must be a list (got a mapping)"},
    {"n_not_integer", RL_ERR_INVALID, 16, "n must be an integer (got 1.5)"},
    {"number_garbage", RL_ERR_INVALID, 6, "dose_mg_per_kg must be a number (got '1.0abc')"},
    {"negative_dose", RL_ERR_INVALID, 6, "dose_mg_per_kg must be > 0 (got -1)"},
    {"implausible_dose", RL_ERR_INVALID, 6, "implausible (got 50)"},
    {"fraction_above_one", RL_ERR_INVALID, 18, "criterion.min_active_fraction must be <= 1 "
        "(got 1.5)"},
    {"ratio_zero", RL_ERR_INVALID, 11, "schedule.ratio must be >= 1 (got 0)"},
    {"pr_not_increasing", RL_ERR_INVALID, 13, "schedule.series must be strictly increasing "
        "(got 4 after 5)"},
    {"until_no_criterion", RL_ERR_INVALID, 14, "{until: criterion} but the phase has no "
        "criterion to wait for"},
    {"until_no_max", RL_ERR_INVALID, 14, "{until: criterion} needs max"},
    {"ext_ref_missing", RL_ERR_INVALID, 22, "criterion.reference_phase 'training' is not a "
        "phase of procedure 'main'"},
    {"ext_ref_later", RL_ERR_INVALID, 22, "criterion.reference_phase 'relapse' must be an "
        "earlier phase"},
    {"unknown_genotype", RL_ERR_INVALID, 16, "unknown genotype 'Oprm1-KO' (valid: WT, "
        "Oprm1-/-"},
    {"unknown_reinforcer", RL_ERR_INVALID, 16, "unknown reinforcer 'heroin' (defined: "
        "cocaine)"},
    {"unknown_procedure", RL_ERR_INVALID, 17, "unknown procedure 'food' (defined: cocaine)"},
    {"duplicate_group", RL_ERR_INVALID, 17, "duplicate group name 'wt' (first on line 16)"},
    {"duplicate_phase", RL_ERR_INVALID, 15, "duplicate phase name 'acquisition'"},
    {"duplicate_key", RL_ERR_INVALID, 20, "duplicate key 'n' (first on line 17)"},
};

static void
test_bad_files(void)
{
    rl_protocol_t *p = new_protocol();
    size_t i;

    for (i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
        const bad_case_t *c = &bad_files[i];
        char path[256];
        rl_error_t err;
        int rc;
        bool ok;

        snprintf(path, sizeof path, "tests/bad/%s.yaml", c->file);
        rc = rl_protocol_load_file(p, path, &err);
        ok = rc == c->code && err.code == c->code && err.line == c->line
            && strcmp(err.file, path) == 0 && strstr(err.msg, c->phrase) != NULL;
        CHECK(ok);
        if (!ok) {
            show(path, rc, &err);
            fprintf(stderr, "  expected code %d, line %ld, phrase \"%s\"\n", c->code, c->line,
                c->phrase);
        }
        rl_protocol_free(p); /* safe after a failed load, and twice */
        rl_protocol_free(p);
        CHECK(p->source_text == NULL);
    }
    free(p);
}

static void
test_io_errors(void)
{
    rl_protocol_t *p = new_protocol();
    rl_error_t err;
    char buf[1024];

    CHECK(rl_protocol_load_file(p, "tests/bad/no_such_file.yaml", &err) == RL_ERR_IO);
    CHECK(err.code == RL_ERR_IO && strstr(err.msg, "tests/bad/no_such_file.yaml") != NULL);
    CHECK(strstr(err.msg, "No such file or directory") != NULL);
    CHECK(strcmp(err.file, "tests/bad/no_such_file.yaml") == 0);
    CHECK(strncmp(rl_error_format(&err, buf, sizeof buf), "tests/bad/no_such_file.yaml: ",
              29) == 0);
    rl_protocol_free(p);
    CHECK(rl_protocol_load_file(p, "tests/bad", &err) == RL_ERR_IO);
    CHECK(strstr(err.msg, "tests/bad") != NULL);
    rl_protocol_free(p);
    rl_protocol_free(p);
    free(p);
}

/* ---------------------------------------------------------------- variants */

/* Applied to tests/bad/good_minimal.yaml, whose lines are: 3 reinforcers, 5 type, 6 drug,
** 7 dose_mg_per_kg, 8 infusion_s, 9 phases, 10 - name, 11 kind, 12 schedule,
** 13 session_min, 14 active_response, 15 sessions, 16 groups, 17 the group. */
typedef struct variant {
    const char *from;
    const char *to;
    int code;           /* 0: must load */
    long line;
    const char *phrase;
} variant_t;

#define ACQ_CRIT "criterion: {type: acquisition, min_reinforcers: 5, min_active_fraction: 0.75, "
#define FR1 "{type: FR, ratio: 1}"
#define INV RL_ERR_INVALID

static const variant_t variants[] = {
    /* numbers: strict syntax, finite, plain */
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: \"0.5\"", INV, 7, "dose_mg_per_kg must be a number "
        "(got \"0.5\")"},
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: inf", INV, 7, "must be a number (got 'inf')"},
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: .nan", INV, 7, "must be a number (got '.nan')"},
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: 0x1p-1", INV, 7, "must be a number"},
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: 1e999", INV, 7, "must be a number in range"},
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg:", INV, 7, "must be a number (got nothing)"},
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: [0.5]", INV, 7, "must be a number (got a list)"},
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: 5e-1", 0, 0, NULL},
    /* reinforcers */
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: 0", INV, 7, "dose_mg_per_kg must be > 0 (got 0)"},
    {"dose_mg_per_kg: 0.5", "dose_mg_per_kg: 10", 0, 0, NULL},
    {"infusion_s: 2", "infusion_s: 0", INV, 8, "infusion_s must be > 0 (got 0)"},
    {"infusion_s: 2", "infusion_s: 61", INV, 8, "infusion_s must be <= 60"},
    {"infusion_s: 2", "infusion_s: 2\n    volume_ul: -1", INV, 9, "volume_ul must be >= 0 "
        "(got -1)"},
    {"drug: cocaine", "drug: heroin", INV, 6, "drug 'heroin' is not supported (supported: "
        "cocaine)"},
    /* a drug reinforcer is a self-administrable drug of the drug table, named as a treatment */
    {"drug: cocaine", "drug: naloxone", INV, 6, "drug 'naloxone' is not supported (supported: "
        "cocaine)"},
    {"drug: cocaine", "drug: cocaine HCl", 0, 0, NULL},
    {"type: drug", "type: water", INV, 5, "type must be one of drug, pellet, liquid, none (got "
        "'water')"},
    {"    type: drug\n", "", INV, 5, "missing required key 'type'"},
    {"    type: drug\n", "    type: pellet\n", INV, 6, "drug is not a key of a pellet "
        "reinforcer"},
    {"    type: drug\n    drug: cocaine\n    dose_mg_per_kg: 0.5\n    infusion_s: 2\n",
        "    type: pellet\n    pellet_mg: 20\n    palatability: 0\n", INV, 7,
        "palatability must be > 0 (got 0)"},
    {"    type: drug\n    drug: cocaine\n    dose_mg_per_kg: 0.5\n    infusion_s: 2\n",
        "    type: pellet\n    pellet_mg: -20\n", INV, 6, "pellet_mg must be > 0 (got -20)"},
    {"  cocaine:\n", "  cocaine: {type: drug, drug: cocaine, dose_mg_per_kg: 1, infusion_s: 2}\n"
        "  cocaine:\n", INV, 5, "reinforcers: duplicate key 'cocaine' (first on line 4)"},
    {"reinforcers:\n  cocaine:\n    type: drug\n    drug: cocaine\n    dose_mg_per_kg: 0.5\n"
        "    infusion_s: 2\n", "reinforcers: {}\n", INV, 3, "reinforcers must define at least "
        "one reinforcer"},
    {"reinforcers:\n  cocaine:\n    type: drug\n    drug: cocaine\n    dose_mg_per_kg: 0.5\n"
        "    infusion_s: 2\n", "reinforcers: [cocaine]\n", INV, 3, "reinforcers must be a "
        "mapping (got a list)"},
    /* the top level */
    {"reinforcers:\n", "intersession_h: 0\nreinforcers:\n", INV, 3, "intersession_h must be > 0 "
        "(got 0)"},
    {"reinforcers:\n", "intersession_h: 1\nreinforcers:\n", INV, 14, "session_min must be <= "
        "intersession_h x 60 = 60, or sessions would overlap (got 120)"},
    {"reinforcers:\n", "study: [a]\nreinforcers:\n", INV, 3, "study must be a string (got a "
        "list)"},
    {"reinforcers:\n", "study: one\nstudy: two\nreinforcers:\n", INV, 4, "protocol: duplicate key "
        "'study' (first on line 3)"},
    {"reinforcers:\n", "? [a, b]\n: 1\nreinforcers:\n", INV, 3, "keys must be names (got a "
        "list)"},
    {"phases:\n", "procedures: {}\nphases:\n", INV, 10, "give either procedures"},
    {"phases:\n  - name: acquisition\n    kind: acquisition\n    schedule: {type: FR, ratio: 1}"
        "\n    session_min: 120\n    active_response: [reinforcer]\n    sessions: 5\n", "", INV,
        3, "missing required key 'procedures' (or 'phases' for a single procedure)"},
    {"phases:\n  - name: acquisition\n    kind: acquisition\n    schedule: {type: FR, ratio: 1}"
        "\n    session_min: 120\n    active_response: [reinforcer]\n    sessions: 5\n",
        "phases: []\n", INV, 9, "phases must list at least one phase"},
    {"groups:\n  - {name: wt, genotype: WT, reinforcer: cocaine, n: 8}\n", "", INV, 3,
        "missing required key 'groups'"},
    {"groups:\n  - {name: wt, genotype: WT, reinforcer: cocaine, n: 8}\n", "groups: []\n", INV,
        16, "groups must list at least one group"},
    {"n: 8}\n", "n: 8}\n---\nstudy: again\n", INV, 19, "a second YAML document"},
    /* YAML syntax */
    {FR1, "{type: FR, ratio: 1", RL_ERR_PARSE, 13, "YAML syntax error"},
    {"    kind: acquisition", "\tkind: acquisition", RL_ERR_PARSE, 11, "YAML syntax error"},
    {"reinforcers:\n", "study: \"\xff\"\nreinforcers:\n", RL_ERR_PARSE, 3, "invalid leading "
        "UTF-8 octet"},
    {"reinforcer: cocaine", "reinforcer: *nothing", RL_ERR_PARSE, 17, "undefined alias"},
    /* phases */
    {"kind: acquisition", "kind: training", INV, 11, "kind must be one of acquisition, "
        "progressive_ratio, extinction, reinstatement, other, place_conditioning, place_test "
        "(got 'training')"},
    {"    kind: acquisition\n", "", INV, 10, "missing required key 'kind'"},
    {"  - name: acquisition\n", "  - kind: other\n", INV, 10, "phase 1 of procedure 'main': "
        "missing required key 'name'"},
    {"name: acquisition", "name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        INV, 10, "name must be at most 63 characters"},
    {"session_min: 120", "session_min: 0", INV, 13, "session_min must be > 0 (got 0)"},
    {"session_min: 120", "session_min: 1441", INV, 13, "session_min must be <= 1440"},
    {"session_min: 120", "session_min: 120\n    timeout_s: -1", INV, 14, "timeout_s must be >= 0 "
        "(got -1)"},
    {"session_min: 120", "session_min: 120\n    cue_s: -4", INV, 14, "cue_s must be >= 0 (got -4)"},
    {"session_min: 120", "session_min: 120\n    limits: {no_reinforcer_stop_min: 0}", INV, 14,
        "limits.no_reinforcer_stop_min must be > 0 (got 0)"},
    {"session_min: 120", "session_min: 120\n    limits: {max_reinforcers: -1}", INV, 14,
        "limits.max_reinforcers must be >= 0 (got -1)"},
    {"session_min: 120", "session_min: 120\n    limits: [30]", INV, 14, "limits must be a mapping "
        "(got a list)"},
    {"session_min: 120", "session_min: 120\n    limits: {max_reinforcers: 30}", 0, 0, NULL},
    {"active_response: [reinforcer]", "active_response: [reinforcer, reinforcer]", INV, 14,
        "active_response lists 'reinforcer' twice"},
    {"active_response: [reinforcer]", "active_response: [drug]", INV, 14,
        "active_response entries must be one of reinforcer, cue (got 'drug')"},
    {"active_response: [reinforcer]", "active_response: reinforcer", INV, 14,
        "active_response must be a list (got 'reinforcer')"},
    {"active_response: [reinforcer]", "active_response: []", 0, 0, NULL},
    /* schedules */
    {FR1, "{type: VR, ratio: 1}", INV, 12, "schedule.type must be one of FR, PR (got 'VR')"},
    {FR1, "{type: FR}", INV, 12, "missing required key 'schedule.ratio'"},
    {FR1, "{type: FR, ratio: 1, series: [1, 2]}", INV, 12, "schedule.series is not a key of an "
        "FR schedule"},
    {FR1, "{type: FR, ratio: 1.5}", INV, 12, "schedule.ratio must be an integer (got 1.5)"},
    {FR1, "[FR, 1]", INV, 12, "schedule must be a mapping (got a list)"},
    {FR1, "{type: PR}", INV, 12, "needs schedule.series"},
    {FR1, "{type: PR, series: [1, 2], formula: richardson_roberts, steps: 5}", INV, 12,
        "not both"},
    {FR1, "{type: PR, series: [1, 2], steps: 5}", INV, 12, "schedule.steps is only used with "
        "schedule.formula"},
    {FR1, "{type: PR, ratio: 2, series: [1, 2]}", INV, 12, "schedule.ratio is not a key of a PR "
        "schedule"},
    {FR1, "{type: PR, formula: richardson_roberts}", INV, 12, "missing required key "
        "'schedule.steps'"},
    {FR1, "{type: PR, formula: linear, steps: 5}", INV, 12, "schedule.formula must be "
        "richardson_roberts (got 'linear')"},
    {FR1, "{type: PR, formula: richardson_roberts, steps: 0}", INV, 12, "schedule.steps must be "
        ">= 1 (got 0)"},
    {FR1, "{type: PR, formula: richardson_roberts, steps: 100}", INV, 12, "schedule.steps must "
        "be <= 99, later Richardson-Roberts ratios exceed the integer range (got 100)"},
    {FR1, "{type: PR, formula: richardson_roberts, steps: 129}", INV, 12, "schedule.steps must "
        "be <= 99"},
    {FR1, "{type: PR, series: []}", INV, 12, "schedule.series must have at least 1 entry"},
    {FR1, "{type: PR, series: {a: 1}}", INV, 12, "schedule.series must be a list (got a "
        "mapping)"},
    {FR1, "{type: PR, series: [0, 1]}", INV, 12, "schedule.series entries must be >= 1 (got 0)"},
    {FR1, "{type: PR, series: [1, 1]}", INV, 12, "strictly increasing (got 1 after 1)"},
    {FR1, "{type: PR, series: [1, 2.5]}", INV, 12, "schedule.series entries must be an integer "
        "(got 2.5)"},
    {FR1, "{type: PR, series: [1, 99999999999]}", INV, 12, "must be an integer in range"},
    /* sessions */
    {"sessions: 5", "sessions: 0", INV, 15, "sessions must be >= 1 (got 0)"},
    {"sessions: 5", "sessions: 1001", INV, 15, "sessions must be <= 1000"},
    {"sessions: 5", "sessions: 5.0", INV, 15, "sessions must be an integer (got 5.0)"},
    {"sessions: 5", "sessions: [5]", INV, 15, "sessions must be a number of sessions or {until: "
        "criterion, max: N} (got a list)"},
    {"sessions: 5", "sessions:", INV, 15, "sessions must be a number of sessions"},
    {"sessions: 5", "sessions: {until: extinction, max: 5}", INV, 15, "sessions.until must be "
        "criterion (got 'extinction')"},
    {"sessions: 5", "sessions: {until: criterion, max: 10, min: 11}\n    " ACQ_CRIT
        "max_deviation: 0.2, consecutive: 3}", INV, 15, "sessions.min must be <= sessions.max "
        "(got min 11, max 10)"},
    {"sessions: 5", "sessions: {until: criterion, max: 0}\n    " ACQ_CRIT
        "max_deviation: 0.2, consecutive: 3}", INV, 15, "sessions.max must be >= 1 (got 0)"},
    {"sessions: 5", "sessions: {until: criterion, max: 2}\n    " ACQ_CRIT
        "max_deviation: 0.2, consecutive: 3}", INV, 16, "criterion.consecutive must be <= the "
        "phase's maximum of 2 sessions, or the criterion can never be met (got 3)"},
    {"sessions: 5", "sessions: 2\n    " ACQ_CRIT "max_deviation: 0.2, consecutive: 3}", INV, 16,
        "criterion.consecutive must be <= the phase's 2 sessions"},
    {"sessions: 5", "sessions: {until: criterion, max: 20, min: 5}\n    " ACQ_CRIT
        "max_deviation: 0.2, consecutive: 3}", 0, 0, NULL},
    /* criteria */
    {"active_response: [reinforcer]\n    sessions: 5", "active_response: [cue]\n    sessions: 5\n"
        "    " ACQ_CRIT "max_deviation: 0.2, consecutive: 3}", INV, 16, "active_response does "
        "not deliver the reinforcer: the criterion can never be met"},
    {"sessions: 5", "sessions: 5\n    " ACQ_CRIT "max_deviation: 1.2, consecutive: 3}", INV, 16,
        "criterion.max_deviation must be <= 1 (got 1.2)"},
    {"sessions: 5", "sessions: 5\n    criterion: {type: acquisition, min_reinforcers: -1, "
        "min_active_fraction: 0.7, max_deviation: 0.2, consecutive: 3}", INV, 16,
        "criterion.min_reinforcers must be >= 0 (got -1)"},
    {"sessions: 5", "sessions: 5\n    " ACQ_CRIT "max_deviation: 0.2, consecutive: 0}", INV, 16,
        "criterion.consecutive must be >= 1 (got 0)"},
    {"sessions: 5", "sessions: 5\n    criterion: {type: stable}", INV, 16, "criterion.type must "
        "be one of acquisition, extinction (got 'stable')"},
    {"sessions: 5", "sessions: 5\n    criterion: {type: acquisition, consecutive: 3}", INV, 16,
        "missing required key 'criterion.min_reinforcers'"},
    {"sessions: 5", "sessions: 5\n    " ACQ_CRIT "max_deviation: 0.2, consecutive: 3, "
        "reference_phase: x}", INV, 16, "criterion.reference_phase is not a key of an "
        "acquisition criterion"},
    {"sessions: 5", "sessions: 5\n    criterion: {type: extinction, max_fraction_of_reference: "
        "0.3, reference_phase: acquisition, consecutive: 3}", INV, 16, "must be an earlier phase "
        "(it is phase 1, this is phase 1)"},
    {"sessions: 5", "sessions: 5\n    criterion: {type: extinction, max_fraction_of_reference: "
        "0, reference_phase: acquisition, consecutive: 3}", INV, 16,
        "criterion.max_fraction_of_reference must be > 0 (got 0)"},
    {"sessions: 5", "sessions: 5\n    criterion: [acquisition]", INV, 16, "criterion must be a "
        "mapping (got a list)"},
    /* groups */
    {"n: 8}", "n: 0}", INV, 17, "n must be >= 1 (got 0)"},
    {"n: 8}", "n: 1001}", INV, 17, "n must be <= 1000 (got 1001)"},
    {"n: 8}", "n: eight}", INV, 17, "n must be an integer (got 'eight')"},
    {"n: 8}", "n: 99999999999}", INV, 17, "n must be an integer in range"},
    {"n: 8}", "n: 8, sex: hermaphrodite}", INV, 17, "sex must be one of male, female (got "
        "'hermaphrodite')"},
    {"n: 8}", "n: 8, procedure: main, line: Oprm1}", 0, 0, NULL},
    {"n: 8}", "n: 8, procedure: other}", INV, 17, "unknown procedure 'other' (defined: main)"},
    {"genotype: WT, ", "", INV, 17, "group 'wt': missing required key 'genotype'"},
    {"name: wt, ", "", INV, 17, "group 1: missing required key 'name'"},
    {"name: wt,", "name: \"\",", INV, 17, "name must not be empty"},
    {"name: wt,", "name: ~,", INV, 17, "group 1: name must be a string (got nothing)"},
    {"  - {name: wt, genotype: WT, reinforcer: cocaine, n: 8}", "  - [wt, WT, cocaine, 8]", INV, 17, "groups: group 1 must be a mapping (got a list)"},
    {"genotype: WT,", "genotype: wt,", INV, 17, "unknown genotype 'wt'"},
    /* YAML features that are fine: anchors, aliases, block style, comments, quoting */
    {FR1, "&fr1 {type: FR, ratio: 1}", 0, 0, NULL},
    {"name: wt,", "name: 'wt',", 0, 0, NULL},
};

static void
test_variants(void)
{
    char *good = slurp(GOOD);
    rl_protocol_t *p = new_protocol();
    size_t i;

    for (i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        const variant_t *v = &variants[i];
        char *text = replace(good, v->from, v->to);
        rl_error_t err;
        int rc;
        bool ok;

        CHECK(text != NULL);
        if (text == NULL) {
            fprintf(stderr, "  variant %zu: '%s' not found in %s\n", i, v->from, GOOD);
            continue;
        }
        rc = rl_protocol_load_buffer(p, text, strlen(text), "variant", &err);
        if (v->code == 0) {
            ok = rc == 0;
        } else {
            ok = rc == v->code && err.line == v->line && strcmp(err.file, "variant") == 0
                && strstr(err.msg, v->phrase) != NULL;
        }
        CHECK(ok);
        if (!ok) {
            fprintf(stderr, "  variant %zu: '%s' -> '%s'\n", i, v->from, v->to);
            show("variant", rc, &err);
            if (v->code != 0) {
                fprintf(stderr, "  expected code %d, line %ld, phrase \"%s\"\n", v->code,
                    v->line, v->phrase);
            }
        }
        rl_protocol_free(p);
        free(text);
    }
    free(good);
    free(p);
}

/* ---------------------------------------------------------------- more special cases */

/* The formula form fills the series; a series over capacity is refused at its entry. */
static void
test_pr_forms(void)
{
    char *good = slurp(GOOD), *text, series[2048];
    rl_protocol_t *p = new_protocol();
    rl_error_t err;
    int i, rc, want[12];
    size_t len;

    text = replace(good, FR1, "{type: PR, formula: richardson_roberts, steps: 12}");
    rc = rl_protocol_load_buffer(p, text, strlen(text), NULL, &err);
    CHECK(rc == 0);
    if (rc == 0) {
        const rl_schedule_t *s = &p->procedures[0].phases[0].schedule;
        rl_pr_richardson_roberts(want, 12);
        CHECK(s->type == RL_SCHEDULE_PR && s->pr_from_formula && s->pr_n == 12);
        for (i = 0; i < 12; i++) {
            CHECK(s->pr_series[i] == want[i]);
        }
        CHECK(s->pr_series[11] == 50);
        CHECK(p->path[0] == '\0'); /* loaded from a buffer */
    }
    rl_protocol_free(p);
    free(text);

    len = (size_t) snprintf(series, sizeof series, "{type: PR, series: [1");
    for (i = 2; i <= RL_MAX_PR_STEPS + 1; i++) {
        len += (size_t) snprintf(series + len, sizeof series - len, ", %d", i);
    }
    snprintf(series + len, sizeof series - len, "]}");
    text = replace(good, FR1, series);
    rc = rl_protocol_load_buffer(p, text, strlen(text), "long", &err);
    CHECK(rc == RL_ERR_INVALID && err.line == 12
        && strstr(err.msg, "schedule.series must have at most 128 entries") != NULL);
    rl_protocol_free(p);
    free(text);
    free(good);
    free(p);
}

/* Over capacity: 65 groups; NUL bytes in the text; an empty buffer. */
static void
test_capacity_and_bytes(void)
{
    char *good = slurp(GOOD), *text, *groups;
    rl_protocol_t *p = new_protocol();
    rl_error_t err;
    size_t len = 0, cap = 80 * (RL_MAX_GROUPS + 2);
    int i, rc;

    groups = malloc(cap);
    for (i = 0; i <= RL_MAX_GROUPS; i++) {
        len += (size_t) snprintf(groups + len, cap - len,
            "  - {name: g%d, genotype: WT, reinforcer: cocaine, n: 1}\n", i);
    }
    text = replace(good, "  - {name: wt, genotype: WT, reinforcer: cocaine, n: 8}\n", groups);
    rc = rl_protocol_load_buffer(p, text, strlen(text), "many", &err);
    CHECK(rc == RL_ERR_INVALID && err.line == 17 + RL_MAX_GROUPS
        && strstr(err.msg, "too many groups (at most 64)") != NULL);
    rl_protocol_free(p);
    free(text);
    free(groups);

    /* a NUL byte inside the text (length given explicitly) is a syntax error */
    len = strlen(good);
    text = malloc(len + 1);
    memcpy(text, good, len + 1);
    text[strstr(good, "session_min") - good] = '\0';
    rc = rl_protocol_load_buffer(p, text, len, "nul", &err);
    CHECK(rc == RL_ERR_PARSE && err.line == 13);
    rl_protocol_free(p);
    free(text);

    rc = rl_protocol_load_buffer(p, "", 0, "empty", &err);
    CHECK(rc == RL_ERR_INVALID && strstr(err.msg, "empty") != NULL);
    rl_protocol_free(p);
    rc = rl_protocol_load_buffer(p, "42\n", 3, "scalar", &err);
    CHECK(rc == RL_ERR_INVALID && err.line == 1
        && strstr(err.msg, "the top level must be a mapping (got 42)") != NULL);
    rl_protocol_free(p);
    free(good);
    free(p);
}

/* The procedures form: a group must name its procedure. */
static void
test_procedures_form(void)
{
    char *good = slurp(GOOD), *text;
    rl_protocol_t *p = new_protocol();
    rl_error_t err;
    int rc;

    text = replace(good, "phases:\n  - name", "procedures:\n  cocaine:\n  - name");
    rc = rl_protocol_load_buffer(p, text, strlen(text), "procs", &err);
    CHECK(rc == RL_ERR_INVALID && err.line == 18
        && strstr(err.msg, "group 'wt': missing required key 'procedure'") != NULL);
    rl_protocol_free(p);
    free(text);
    text = replace(good, "phases:\n  - name", "procedures:\n  cocaine: []\n  food:\n  - name");
    rc = rl_protocol_load_buffer(p, text, strlen(text), "procs", &err);
    CHECK(rc == RL_ERR_INVALID && err.line == 10
        && strstr(err.msg, "procedure 'cocaine' must list at least one phase") != NULL);
    rl_protocol_free(p);
    free(text);
    free(good);
    free(p);
}

/* rl_protocol_validate() on a protocol built in code: no source map, object lines. */
static void
test_validate_code_built(void)
{
    rl_protocol_t *p = new_protocol();
    rl_phase_t *ph;
    rl_error_t err;

    p->intersession_h = 24;
    p->n_reinforcers = 1;
    snprintf(p->reinforcers[0].name, RL_NAME_MAX, "cocaine");
    snprintf(p->reinforcers[0].drug, RL_NAME_MAX, "cocaine");
    p->reinforcers[0].dose_mg_per_kg = 0.5;
    p->reinforcers[0].infusion_s = 2;
    p->n_procedures = 1;
    snprintf(p->procedures[0].name, RL_NAME_MAX, "main");
    p->procedures[0].n_phases = 1;
    ph = &p->procedures[0].phases[0];
    snprintf(ph->name, RL_NAME_MAX, "fr1");
    ph->schedule.ratio = 1;
    ph->session_min = 60;
    ph->deliver_reinforcer = true;
    ph->sessions = ph->max_sessions = 3;
    ph->src_line = 42;
    p->n_groups = 1;
    snprintf(p->groups[0].name, RL_NAME_MAX, "wt");
    snprintf(p->groups[0].genotype, RL_NAME_MAX, "Penk+/-");
    p->groups[0].n = 4;
    CHECK(rl_protocol_validate(p, NULL, NULL, &err) == 0);
    CHECK(p->groups[0].genotype_id == rl_genotype_find("Penk+/-"));
    ph->schedule.ratio = 0;
    CHECK(rl_protocol_validate(p, NULL, "code", &err) == RL_ERR_INVALID);
    CHECK(err.line == 42 && err.col == 0 && strcmp(err.file, "code") == 0);
    CHECK(strstr(err.msg, "schedule.ratio must be >= 1 (got 0)") != NULL);
    ph->schedule.ratio = 1;
    ph->max_sessions = 4; /* fixed sessions: max must equal the number */
    CHECK(rl_protocol_validate(p, NULL, NULL, &err) == RL_ERR_INVALID);
    rl_protocol_free(p); /* nothing owned: still safe */
    free(p);
}

/* The complete example of docs/PROTOCOL.md loads (the documentation stays true). */
static void
test_docs_example(void)
{
    char *doc = slurp("docs/PROTOCOL.md");
    const char *sec = strstr(doc, "## A complete example"), *start, *end;
    rl_protocol_t *p = new_protocol();
    rl_error_t err;
    int rc;

    start = sec ? strstr(sec, "```yaml\n") : NULL;
    end = start ? strstr(start + 8, "```") : NULL;
    CHECK(end != NULL);
    if (end != NULL) {
        start += 8;
        rc = rl_protocol_load_buffer(p, start, (size_t) (end - start), "PROTOCOL.md", &err);
        CHECK(rc == 0);
        if (rc != 0) {
            show("docs example", rc, &err);
        } else {
            CHECK(p->procedures[0].n_phases == 4 && p->n_groups == 2);
            CHECK(p->procedures[0].phases[1].schedule.pr_n == 30);
            CHECK(p->procedures[0].phases[0].sessions == 5);
        }
    }
    rl_protocol_free(p);
    free(p);
    free(doc);
}

static const rl_test_case_t CASES[] = {
    {"richardson_roberts", test_richardson_roberts, 0},
    {"enum_names", test_enum_names, 0},
    {"enum_words_round_trip", test_enum_words_round_trip, 0},
    {"example_gutierrez2014", test_example_gutierrez, 0},
    {"good_minimal_defaults", test_good_minimal_defaults, 0},
    {"bad_files", test_bad_files, 0},
    {"io_errors", test_io_errors, 0},
    {"variants", test_variants, 0},
    {"pr_forms", test_pr_forms, 0},
    {"capacity_and_bytes", test_capacity_and_bytes, 0},
    {"procedures_form", test_procedures_form, 0},
    {"validate_code_built", test_validate_code_built, 0},
    {"docs_example", test_docs_example, 0},
};

RL_TEST_MAIN(CASES)
