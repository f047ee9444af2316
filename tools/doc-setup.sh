# doc-setup.sh -- the common start of the scripts that regenerate docs/VALIDATION.md from a
# run of the tool (update-validation-doc.sh, update-literature-doc.sh, sensitivity.sh,
# update-calibration-doc.sh).
# Sourced, not run:
#
#   doc_name=NAME doc_bin=${1:-}; . "$(dirname "$0")/doc-setup.sh"
#
# (POSIX sh passes no arguments to a sourced file, so the caller sets doc_name, its name
# in messages, and doc_bin, the binary it was given or empty.)
# Sets bin (the binary, absolute; default build/relapselab), root (the repository root, made
# the working directory) and shown (the binary as the document shows it: relative to the
# root when inside it). Exits 1, saying so as NAME, when the binary is not executable or
# python3 (which writes the document) is missing.
bin=${doc_bin:-build/relapselab}
case $bin in
    /*) ;;
    *) bin=$(pwd)/$bin ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -x "$bin" ]; then
    echo "$doc_name: '$bin' is not an executable (build first, or pass the binary)" >&2
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "$doc_name: python3 is required" >&2
    exit 1
fi
case $bin in
    "$root"/*) shown=${bin#"$root"/} ;;
    *) shown=$bin ;;
esac
