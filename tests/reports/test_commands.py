"""`flask report ...` as a scheduler would run it: files written, bad arguments refused in one line with exit 2."""

import os
import resource
import stat
from contextlib import contextmanager
from datetime import date

import pytest


def test_period_report_to_html_with_the_hand_worked_figures(history, run, tmp_path):
    output = tmp_path / "pakistan-2025.html"
    result = run("period", "--partnership", "asean-pakistan", "--plan", "2024-2028", "--from", "2025-01-01",
                 "--to", "2025-12-31", "--format", "html", "--output", str(output))
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert "ASEAN–Pakistan period report, 1 January 2025 to 31 December 2025" in html
    assert "<strong>4 of 6 (67%)</strong> at the end" in html
    assert "<link" not in html  # a file that opens anywhere: styles inside


@pytest.mark.parametrize(("args", "message"), [
    (["--partnership", "asean-nowhere"], "No partnership 'asean-nowhere'. Known: asean-pakistan"),
    (["--partnership", "asean-pakistan", "--plan", "1999-2003"], "asean-pakistan has no plan '1999-2003'"),
    (["--partnership", "asean-pakistan", "--from", "2025-02-30"], "--from must be a date written YYYY-MM-DD"),
    (["--partnership", "asean-pakistan", "--from", "2023-01-01", "--to", "2024-06-30"],
     "The window 2023-01-01 to 2024-06-30 is outside the plan 2024-2028"),
    (["--partnership", "asean-pakistan", "--from", "2025-06-30", "--to", "2025-01-01"],
     "--to (2025-01-01) is before --from (2025-06-30)"),
])
def test_bad_arguments_get_one_line_and_exit_code_2(history, run, tmp_path, args, message):
    result = run("period", *args, "--format", "html", "--output", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_all_partnerships_list_those_without_a_report_and_why(history, run, make, tmp_path):
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    make.plan(norway, label="2021-2024", starts_on=date(2021, 1, 1), ends_on=date(2024, 12, 31))  # not in 2025
    result = run("period", "--all", "--year", "2025", "--format", "html", "--output-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == ["asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.html"]
    assert "Wrote 1 report to" in result.stdout
    assert "No report for 1 partnership:\n  asean-norway: no plan covers 2025 (its plans: 2021-2024)" in result.stdout


def test_portfolio_command(history, run, tmp_path):
    output = tmp_path / "portfolio.html"
    result = run("portfolio", "--as-of", "2025-12-31", "--format", "html", "--output", str(output))
    assert result.exit_code == 0, result.output
    assert "Partnership portfolio as of 31 December 2025" in output.read_text(encoding="utf-8")
    bad = run("portfolio", "--as-of", "31/12/2025", "--format", "html", "--output", str(output))
    assert bad.exit_code == 2


PAKISTAN_2025 = "asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.html"
#: Each way a report file is written: the arguments up to the path, and the file's name in the folder given
#: (--all names its own files).
WRITERS = {
    "period": (["period", "--partnership", "asean-pakistan", "--year", "2025", "--format", "html", "--output"],
               "pakistan.html"),
    "portfolio": (["portfolio", "--as-of", "2025-12-31", "--format", "html", "--output"], "portfolio.html"),
    "period --all": (["period", "--all", "--year", "2025", "--format", "html", "--output-dir"], None),
}


def write_report(run, writer: str, folder):
    """Runs ``writer`` into ``folder``: (the result, the report file's path)."""
    args, name = WRITERS[writer]
    result = run(*args, str(folder / name if name else folder))
    return result, folder / (name or PAKISTAN_2025)


def everything_in(folder) -> dict:
    return {path.relative_to(folder).as_posix(): path.is_dir() or path.read_bytes() for path in folder.rglob("*")}


@pytest.mark.parametrize(("writer", "given", "reason"), [
    ("period", "missing/pakistan.html", "No such file or directory"),
    ("period", "reports", "Is a directory"),
    ("period", "notes.txt/pakistan.html", "Not a directory"),
    ("portfolio", "missing/portfolio.html", "No such file or directory"),
    ("portfolio", "reports", "Is a directory"),
    ("period --all", "missing", "No such file or directory"),
    ("period --all", "notes.txt", "Not a directory"),
])
def test_a_path_that_cannot_be_written_gets_one_line_and_exit_code_2(history, run, tmp_path, writer, given, reason):
    (tmp_path / "reports").mkdir()
    (tmp_path / "notes.txt").write_text("Agenda for the 9th JSCC")
    before = everything_in(tmp_path)
    args, _name = WRITERS[writer]
    result = run(*args, str(tmp_path / given))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: Cannot write {tmp_path / given}: {reason}"]
    assert "Traceback" not in result.output
    assert everything_in(tmp_path) == before


@contextmanager
def files_limited_to(size: int):
    """What `ulimit -f` does: a file written past ``size`` bytes fails there (EFBIG), part way through."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@pytest.mark.parametrize("writer", WRITERS)
def test_a_write_that_fails_part_way_leaves_the_earlier_report_as_it_was(history, run, tmp_path, writer):
    folder = tmp_path / "reports"
    folder.mkdir()
    first, path = write_report(run, writer, folder)
    assert first.exit_code == 0, first.output
    earlier = everything_in(folder)
    assert list(earlier) == [path.name] and len(earlier[path.name]) > 50 * 1024

    with files_limited_to(50 * 1024):
        result, _path = write_report(run, writer, folder)
    assert result.exit_code == 1
    assert f"Cannot write {path}: File too large" in result.stderr
    assert "Traceback" not in result.output
    assert everything_in(folder) == earlier  # byte for byte, and no temporary file left beside it


def test_a_report_is_readable_as_a_plain_file_would_be(history, run, tmp_path):
    umask = os.umask(0o022)
    try:
        result, path = write_report(run, "portfolio", tmp_path)
    finally:
        os.umask(umask)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
