"""docmeta.py -- what the scripts that regenerate docs/VALIDATION.md state about the run
(update-validation-doc.sh, update-literature-doc.sh, sensitivity.sh and
update-calibration-doc.sh import it): the commit of the checkout and the machine's CPU.
Standard library only; git is read, never written."""
import subprocess


def commit():
    """Short commit hash, with a note when tracked files differ from it (read-only git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, check=True).stdout.decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    dirty = subprocess.run(["git", "diff-index", "--quiet", "HEAD", "--"],
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
