"""`flask report ...` as a scheduler would run it: files written, bad arguments refused in one line with exit 2."""

from datetime import date

import pytest


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        return runner.invoke(args=["report", *args])

    return invoke


def test_period_report_to_html_with_the_hand_worked_figures(run, history, tmp_path):
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
def test_bad_arguments_get_one_line_and_exit_code_2(run, history, tmp_path, args, message):
    result = run("period", *args, "--format", "html", "--output", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_all_partnerships_continue_past_a_failure(run, history, make, tmp_path):
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    make.plan(norway, label="2021-2024", starts_on=date(2021, 1, 1), ends_on=date(2024, 12, 31))  # not in 2025
    result = run("period", "--all", "--year", "2025", "--format", "html", "--output-dir", str(tmp_path))
    assert result.exit_code == 1
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == ["asean-pakistan_2024-2028_2025-01-01_to_2025-12-31.html"]
    output = result.stdout + result.stderr
    assert "Wrote 1 report to" in output
    assert "asean-norway: 2025 is outside its plan 2021-2024" in output


def test_portfolio_command(run, history, tmp_path):
    output = tmp_path / "portfolio.html"
    result = run("portfolio", "--as-of", "2025-12-31", "--format", "html", "--output", str(output))
    assert result.exit_code == 0, result.output
    assert "Partnership portfolio as of 31 December 2025" in output.read_text(encoding="utf-8")
    bad = run("portfolio", "--as-of", "31/12/2025", "--format", "html", "--output", str(output))
    assert bad.exit_code == 2
