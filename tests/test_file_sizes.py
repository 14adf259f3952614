"""Every file of code, page or style stays under 400 lines, so each can be read whole: a file that grows past it is
split by purpose (the meeting form's script into the person picker, the "add another" rows and the rest)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400
#: What is written by hand and read as code; data (the demo files, lock files, benchmark results) is not.
KINDS = {".py", ".js", ".css", ".html"}
FOLDERS = ("app", "tests", "seed", "scripts", "benchmarks", "migrations", "typings")


def test_no_file_reaches_400_lines():
    files = [path for folder in FOLDERS for path in (ROOT / folder).rglob("*") if path.suffix in KINDS]
    files += list(ROOT.glob("*.py"))
    assert len(files) > 100  # the folders were found
    too_long = {str(path.relative_to(ROOT)): lines for path in files
                if (lines := len(path.read_text(encoding="utf-8").splitlines())) >= LIMIT}
    assert too_long == {}
