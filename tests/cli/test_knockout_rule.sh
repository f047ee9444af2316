#!/bin/sh
# The knockout rule (BRIEF section 2, docs/MODEL.md "The knockout rule"), checked on the
# object files of the build, not on the sources.
#
# The rule: a genotype changes gene products only, in one table (src/biology/genotype.c), and
# a drug acts only through the numbers of one table (src/biology/drugs.c). Each table has two
# sides: its numbers (rl_genotype_get: gene products; rl_drug_get: affinities, efficacy,
# pharmacokinetics) and its names (rl_genotype_label, rl_genotype_find, rl_genotype_names;
# rl_drug_label, rl_drug_find, rl_drug_self_administrable_names), which only the readers that
# resolve names to ids may use: src/protocol, the CLI's listings, the store's labels, the
# analysis (validate names the seed study's genotypes in its claims table). The model code --
# the objects of src/biology (but genotype.c and drugs.c), src/behaviour, src/chamber,
# src/cohort, src/measures, and the simulation side of src/experiment (the pool, the cohort
# runner, the run into a store, the screen runner, traces) -- must
#   1. reference no symbol of the two tables but their numbers side (ALLOWED below): every
#      other global symbol that genotype.c.o or drugs.c.o defines is the names side, so a new
#      name function is forbidden without editing this test (nm, undefined symbols);
#   2. hold no genotype, gene or drug name or alias as a string in its data sections
#      (.rodata*, .data*; the names come from `relapselab genotypes` and `relapselab drugs`,
#      so a new row is covered; objcopy, whole strings);
# and the two tables define no global data object (their arrays are static, reached only
# through the functions).
#
# The check must be able to fail, so it compiles rule breaks -- small translation units and a
# copy of src/behaviour/mouse.c with one planted line -- with the library's own compiler and
# flags (the build's flags.make), puts them in the model code's place, and requires each one
# to be flagged, and the clean controls (a numbers-only unit, the unmodified copy) not to be.
#
# What objects cannot show: a name the model code already holds as plain data (a protocol's
# group genotype string) compared with a literal of at most three characters ("WT"), which
# gcc compiles to byte comparisons with no string and no call; and an id compared with a
# constant (genotype_id == 0). For the latter the sources are still grepped (last check).
#
# Usage: sh tests/cli/test_knockout_rule.sh BUILD_DIR/relapselab (from the repository root);
# the objects are read from BUILD_DIR/CMakeFiles/relapselab_obj.dir.
. "$(dirname "$0")/lib.sh"

build=$(dirname "$RL")
objdir=$build/CMakeFiles/relapselab_obj.dir/src
[ -d "$objdir" ] || die "no object files under $objdir"
for tool in nm objcopy readelf; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (binutils)"
done

# The numbers side of the two tables: what the model code may call.
ALLOWED='rl_genotype_count rl_genotype_get rl_drug_count rl_drug_get rl_drug_id
rl_drug_value_present rl_drug_ki_nM rl_drug_route_pk rl_drug_routes_text rl_target_name
rl_route_name rl_target_find rl_route_find'

# ---------------------------------------------------------------- what is forbidden
tables="$objdir/biology/genotype.c.o $objdir/biology/drugs.c.o"
for t in $tables; do
    [ -f "$t" ] || die "table object $t not found"
done
echo "$ALLOWED" | tr ' ' '\n' | sed '/^$/d' >"$tmp/allowed.txt"
# shellcheck disable=SC2086
nm -g --defined-only $tables | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/defined.txt"
grep -Fvx -f "$tmp/allowed.txt" "$tmp/defined.txt" >"$tmp/forbidden.txt" || true
for s in rl_genotype_find rl_genotype_label rl_genotype_names rl_drug_find rl_drug_label \
    rl_drug_self_administrable_names; do
    grep -qx "$s" "$tmp/forbidden.txt" || fail "name function $s is not on the forbidden list"
done
# shellcheck disable=SC2086
data=$(nm -g --defined-only $tables | awk 'NF == 3 && $2 !~ /^[TtWw]$/ { print $3 }')
[ -z "$data" ] || fail "a table defines global data, which the model could read directly: $data"

# The names: genotypes, genes (a genotype without its -/- or +/-), drugs and their aliases.
"$RL" genotypes >"$tmp/genotypes.txt" || die "relapselab genotypes exited $?"
awk 'NR > 2 && NF == 0 { exit } NR > 2 { print $1 }' "$tmp/genotypes.txt" >"$tmp/g.txt"
sed 's|[-+]/-$||' "$tmp/g.txt" >>"$tmp/g.txt.genes"
"$RL" drugs >"$tmp/drugs.txt" || die "relapselab drugs exited $?"
awk '!/^#/ && $1 != "drug" { print $1 }' "$tmp/drugs.txt" >"$tmp/d.txt"
while read -r d; do
    "$RL" drugs "$d" | sed -n 's/^  aliases: //p' | awk -F', ' '{ for (i = 1; i <= NF; i++) print $i }'
done <"$tmp/d.txt" >"$tmp/aliases.txt"
cat "$tmp/g.txt" "$tmp/g.txt.genes" "$tmp/d.txt" "$tmp/aliases.txt" | sort -u >"$tmp/names.txt"
for n in WT Oprm1-/- Pdyn+/- Oprk1 Slc6a3 cocaine naloxone nor-BNI norBNI; do
    grep -qxF "$n" "$tmp/names.txt" || fail "name '$n' missing from the list of names"
done
[ "$(wc -l <"$tmp/names.txt")" -gt 50 ] || fail "too few names: $(wc -l <"$tmp/names.txt")"

# ---------------------------------------------------------------- the checker
# violations OBJECT...: one line per rule break (nothing if the objects keep the rule).
violations() {
    for obj in "$@"; do
        nm -u "$obj" | awk '{ print $NF }' | grep -Fx -f "$tmp/forbidden.txt" |
            sed "s|^|$obj: references the names side: |"
        for sec in $(readelf -S -W "$obj" |
            awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\.(rodata|data)/) print $i }'); do
            objcopy -O binary --only-section="$sec" "$obj" "$tmp/section.bin" 2>/dev/null ||
                continue
            tr '\000' '\n' <"$tmp/section.bin" | grep -a -Fx -f "$tmp/names.txt" |
                sed "s|^|$obj: name in $sec: |"
        done
    done
}

# ---------------------------------------------------------------- the model code keeps it
model=$(ls "$objdir"/biology/*.c.o "$objdir"/behaviour/*.c.o "$objdir"/chamber/*.c.o \
    "$objdir"/cohort/*.c.o "$objdir"/measures/*.c.o "$objdir"/experiment/pool.c.o \
    "$objdir"/experiment/runner.c.o "$objdir"/experiment/run_store.c.o \
    "$objdir"/experiment/screen_run.c.o "$objdir"/experiment/trace.c.o 2>/dev/null |
    grep -v -e '/genotype\.c\.o$' -e '/drugs\.c\.o$')
for f in behaviour/mouse.c.o chamber/session.c.o chamber/place.c.o cohort/subject.c.o \
    biology/opioid.c.o biology/drug_pk.c.o; do
    echo "$model" | grep -q "/$f\$" || fail "model object $f not found: is the build complete?"
done
# shellcheck disable=SC2086
violations $model >"$tmp/model.txt"
if [ -s "$tmp/model.txt" ]; then
    fail "model code breaks the knockout rule:"
    show_file "violations" "$tmp/model.txt"
fi

# ---------------------------------------------------------------- the checker can fail
flags=$build/CMakeFiles/relapselab_obj.dir/flags.make
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)
[ -n "$cc" ] || cc=cc
if [ -f "$flags" ]; then
    cflags="$(sed -n 's/^C_FLAGS = //p' "$flags") $(sed -n 's/^C_INCLUDES = //p' "$flags")"
else
    cflags="-O2 -g -std=c11 -Iinclude -Isrc"
fi

# compile NAME: $tmp/NAME.c -> $tmp/NAME.o as the library's own files are compiled.
compile() {
    # shellcheck disable=SC2086
    "$cc" $cflags -iquote src/behaviour -c "$tmp/$1.c" -o "$tmp/$1.o" 2>"$tmp/$1.err" || {
        fail "planted unit $1 does not compile"
        show_file "$1.c" "$tmp/$1.c"
        show_file "compiler" "$tmp/$1.err"
        return 1
    }
}

# must_flag NAME WHY: the checker flags the planted object.
must_flag() {
    compile "$1" || return 0
    if [ -z "$(violations "$tmp/$1.o")" ]; then
        fail "the checker misses a planted rule break: $2 ($1.c)"
    fi
}

# must_pass NAME WHY: the checker does not flag the control.
must_pass() {
    compile "$1" || return 0
    violations "$tmp/$1.o" >"$tmp/$1.found"
    if [ -s "$tmp/$1.found" ]; then
        fail "the checker flags a control that keeps the rule: $2 ($1.c)"
        show_file "violations" "$tmp/$1.found"
    fi
}

cat >"$tmp/reads_names.c" <<'EOF'
#include "relapselab/genotype.h"
double planted_gain(int genotype_id);
double
planted_gain(int genotype_id)
{
    const rl_genotype_label_t *l = rl_genotype_label(genotype_id);
    return l != NULL && l->name[0] == 'P' ? 2.0 : 1.0; /* branches on a genotype's name */
}
EOF
must_flag reads_names "reads the genotype name table"

cat >"$tmp/name_table.c" <<'EOF'
#include <string.h>
#include "relapselab/protocol.h"
static const char *const slow_learners[] = {"Pdyn-/-", "Oprk1+/-"};
double planted_alpha(const rl_group_t *g);
double
planted_alpha(const rl_group_t *g)
{
    size_t i;
    for (i = 0; i < sizeof slow_learners / sizeof slow_learners[0]; i++) {
        if (strcmp(g->genotype, slow_learners[i]) == 0) {
            return 0.5; /* a learning rate that depends on the genotype */
        }
    }
    return 1.0;
}
EOF
must_flag name_table "compares the protocol's genotype with a table of names"

cat >"$tmp/gene_macro.c" <<'EOF'
#include <string.h>
#include "relapselab/protocol.h"
#define IS_KNOCKOUT_OF(g, gene) (strstr((g)->genotype, gene) != NULL)
int planted_is_mor_line(const rl_group_t *g);
int
planted_is_mor_line(const rl_group_t *g)
{
    return IS_KNOCKOUT_OF(g, "Oprm1"); /* a gene name behind a macro */
}
EOF
must_flag gene_macro "matches a gene name through a macro"

cat >"$tmp/drug_lookup.c" <<'EOF'
#include "relapselab/drugs.h"
int planted_is_antagonist(const rl_drug_t *d);
int
planted_is_antagonist(const rl_drug_t *d)
{
    const rl_drug_t *nlx = NULL;
    return rl_drug_find("naloxone", &nlx, NULL) == 0 && d == nlx; /* a drug by name */
}
EOF
must_flag drug_lookup "looks a drug up by name"

cat >"$tmp/numbers_only.c" <<'EOF'
#include "relapselab/drugs.h"
#include "relapselab/genotype.h"
double planted_numbers(int genotype_id, int drug);
double
planted_numbers(int genotype_id, int drug)
{
    const rl_genotype_t *g = rl_genotype_get(genotype_id);
    const rl_drug_t *d = rl_drug_get(drug);
    return g != NULL && d != NULL ? g->products.oprm1 / rl_drug_ki_nM(d, RL_TARGET_MOR) : 0.0;
}
EOF
must_pass numbers_only "gene products and drug numbers only"

# A copy of the mouse: as it is (must pass), and with one planted line that makes the
# reinforcer's value depend on the drug's name (must be flagged).
cp src/behaviour/mouse.c "$tmp/mouse_copy.c"
must_pass mouse_copy "an unmodified copy of src/behaviour/mouse.c"
# (The planted line must have an effect, or the compiler drops it: rl_mouse_init sets n_hat
# once, and nothing after it in rl_mouse_init sets it again.)
anchor='    self->n_hat = 1.0;'
[ "$(grep -cxF "$anchor" src/behaviour/mouse.c)" = 1 ] ||
    fail "anchor line for the planted break not found once in src/behaviour/mouse.c"
awk -v a="$anchor" '{ print } $0 == a {
    print "    if (strcmp(reinforcer->drug, \"cocaine\") == 0) { self->n_hat = 2.0; }" }' \
    src/behaviour/mouse.c >"$tmp/mouse_planted.c"
cmp -s src/behaviour/mouse.c "$tmp/mouse_planted.c" && fail "the planted line was not inserted"
must_flag mouse_planted "src/behaviour/mouse.c comparing its reinforcer's drug name"

# ---------------------------------------------------------------- ids compared with constants
# (not visible in objects): no code outside the tables compares a genotype or drug id with a
# number or switches on one.
hits=$(grep -rnE '(genotype|drug)_id *(==|!=) *[0-9]|switch *\([^)]*(genotype|drug)_id' src include |
    grep -v -e '^src/biology/genotype.c:' -e '^src/biology/drugs.c:' || true)
[ -z "$hits" ] || fail "code compares a genotype or drug id with a constant: $hits"

finish
