"""docmeta.py -- what the scripts that regenerate docs/VALIDATION.md state about the run
(update-validation-doc.sh, update-literature-doc.sh, sensitivity.sh and
update-calibration-doc.sh import it): the commit of the checkout and the machine's CPU.
Standard library only; git is read, never written."""
import os
import subprocess
import sys
import tempfile


def commit():
    """Short commit hash, with a note when tracked files differ from it (read-only git).
    The documents these scripts write (docs/VALIDATION.md, docs/validation.json) and
    Markdown files do not count: update-validation-doc.sh writes its section before the
    literature panel's run, and prose cannot change a run (its binary and inputs, the
    claims and protocol YAML files, are still the commit's)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, check=True).stdout.decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    dirty = subprocess.run(["git", "diff-index", "--quiet", "HEAD", "--", ".",
                            ":(exclude)*.md", ":(exclude)docs/validation.json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return head + (" + uncommitted changes" if dirty else "")


def cpu_model():
    """The CPU's model name from /proc/cpuinfo, or None."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def run_tool(binary, args):
    """Run `binary args`: (exit status, standard output, standard error), both decoded."""
    proc = subprocess.run([binary] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")


def cell(s):
    """s as the text of a Markdown table cell (a '|' escaped)."""
    return str(s).replace("|", "\\|")


def line_offsets(text):
    """(character offset, line) of every line of text."""
    starts, offs = [], 0
    for line in text.split("\n"):
        starts.append((offs, line))
        offs += len(line) + 1
    return starts


def marker_span(text, begin, end, complain):
    """(start, end) character offsets of the block from the `begin` line to the `end` line
    (its newline included), or None when neither marker is there; complain(message) is
    called (and must not return) when the markers are not one `begin` line followed by one
    `end` line."""
    starts = line_offsets(text)
    b = [(o, l) for o, l in starts if l.strip() == begin]
    e = [(o, l) for o, l in starts if l.strip() == end]
    if not b and not e:
        return None
    if len(b) != 1 or len(e) != 1 or e[0][0] < b[0][0]:
        complain("expected one '%s' line followed by one '%s' line; fix the markers by hand"
                 % (begin, end))
    return b[0][0], min(len(text), e[0][0] + len(e[0][1]) + 1)


def read_doc(path, die):
    """The text of the document at path (UTF-8, newlines kept as they are); die(message) is
    called (and must not return) when it does not exist."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        die("%s not found (run tools/update-validation-doc.sh first, or set OUT_DIR)" % path)


def write_atomically(path, text):
    """Replace the file at path by text (UTF-8), through a temporary file in its folder and a
    rename, keeping its permission bits: the file is whole before or after, never half."""
    fd, tmp = tempfile.mkstemp(prefix=".VALIDATION.md.", dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, os.stat(path).st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def messages(prog):
    """die(msg) and say(msg) for script prog: "prog: msg" on stderr; die exits 1."""
    def say(msg):
        sys.stderr.write("%s: %s\n" % (prog, msg))
        sys.stderr.flush()

    def die(msg):
        say(msg)
        sys.exit(1)
    return die, say
