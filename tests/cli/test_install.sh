#!/bin/sh
# test_install.sh -- the library as a program outside the project sees it.
#
# Installs the build (cmake --install, into a temporary prefix), then:
#   - every installed public header compiles on its own (-Wall -Wextra -Werror);
#   - the shared library exports the public API only: every exported function is declared
#     RL_API in an installed header, and none of the internal ones (say rl_malloc_at,
#     rl_pool_run, rl_subject_simulate) is exported;
#   - examples/library/seed_study.c, built with `pkg-config --cflags --libs relapselab`
#     against the installed files only, links to the installed shared library and runs the
#     seed study (160 mice, the summary table, a results database);
#   - the installed tool runs and finds its installed MED-PC profiles.
# In the sanitizer build the installed library is instrumented, so the program is built
# with the same -fsanitize flags.
. "$(dirname "$0")/lib.sh"

build=$(dirname "$RL")
prefix="$tmp/prefix"
command -v pkg-config >/dev/null 2>&1 || skip "pkg-config not installed"
cc=${CC:-cc}
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 || {
    show_file "cmake --install" "$tmp/install.log"
    die "cmake --install failed"
}
pc=$(find "$prefix" -name relapselab.pc | head -n 1)
[ -n "$pc" ] || die "no relapselab.pc installed"
export PKG_CONFIG_PATH="$(dirname "$pc")"
libdir=$(pkg-config --variable=libdir relapselab)
[ -e "$libdir/librelapselab.so" ] || die "no shared library in $libdir"
san=""
if nm -D "$libdir/librelapselab.so" | grep -q "__asan_init"; then
    san="-fsanitize=address,undefined"
fi

# every public header on its own
n=0
for h in "$prefix"/include/relapselab/*.h; do
    n=$((n + 1))
    printf '#include <relapselab/%s>\n' "$(basename "$h")" >"$tmp/h.c"
    "$cc" -std=c11 -Wall -Wextra -Werror -fsyntax-only $(pkg-config --cflags relapselab) \
        "$tmp/h.c" 2>"$tmp/h.err" || {
        show_file "$(basename "$h")" "$tmp/h.err"
        fail "public header $(basename "$h") does not compile on its own"
    }
done
note "$n public headers compile on their own"

# exported symbols: the public API, nothing else
nm -D --defined-only "$libdir/librelapselab.so" | awk '$2 == "T" { print $3 }' |
    sort >"$tmp/exported"
cat "$prefix"/include/relapselab/*.h | tr -s ' \t' '\n\n' | grep -o '^\**rl_[A-Za-z0-9_]*(' |
    tr -d '*(' | sort -u >"$tmp/declared"
extra=$(comm -23 "$tmp/exported" "$tmp/declared" | head -n 5)
[ -z "$extra" ] || fail "exported but not in a public header: $extra"
for internal in rl_malloc_at rl_pool_run rl_subject_simulate rl_yaml_load rl_session_run; do
    grep -qx "$internal" "$tmp/exported" && fail "internal function $internal is exported"
done
note "$(wc -l <"$tmp/exported") functions exported"

# a program built against the installed library
"$cc" -std=c11 -Wall -Wextra -Werror $san examples/library/seed_study.c \
    $(pkg-config --cflags --libs relapselab) -o "$tmp/seed_study" 2>"$tmp/cc.err" || {
    show_file "cc" "$tmp/cc.err"
    die "examples/library/seed_study.c does not build against the installed library"
}
LD_LIBRARY_PATH="$libdir" ldd "$tmp/seed_study" | grep -q "$libdir/librelapselab.so" ||
    fail "seed_study is not linked to the installed shared library"
LD_LIBRARY_PATH="$libdir" "$tmp/seed_study" examples/gutierrez2014.yaml "$tmp/seed.db" \
    >"$tmp/out" 2>"$tmp/err" || {
    show_file "stderr" "$tmp/err"
    die "seed_study failed"
}
grep -q "160 mice" "$tmp/out" || fail "seed_study did not simulate the seed study's 160 mice"
grep -q "^group .*phase measures" "$tmp/out" || fail "seed_study printed no summary table"
[ -s "$tmp/seed.db" ] || fail "seed_study wrote no database"
"$RL" summary "$tmp/seed.db" >/dev/null || fail "relapselab cannot read seed_study's database"

# the installed tool and its profiles
"$prefix/bin/relapselab" version >/dev/null || fail "the installed relapselab does not run"
ls "$prefix"/share/relapselab/profiles/relapselab.yaml >/dev/null 2>&1 ||
    fail "the MED-PC profiles are not installed"
finish
