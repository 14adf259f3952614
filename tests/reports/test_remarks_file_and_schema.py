"""Remarks on areas and action lines in `flask report period --remarks FILE`, and the rules of the drafts' table."""

from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from app.models import ActionLine, CooperationArea
from app.reports.drafts import RemarkAnswer, save_remarks
from tests.test_migrations import empty_database, table_names  # noqa: F401  (a database of its own)

PAKISTAN_2025 = ("period", "--partnership", "asean-pakistan", "--year", "2025")
HEAD_WAY_FORWARD = 'way_forward = "Hold the 9th JSCC in 2026."\n'


def named(model, **where):
    return db.session.scalar(db.select(model).filter_by(**where))


def make_report(run, tmp_path, text):
    path = tmp_path / "remarks.toml"
    path.write_text(text, encoding="utf-8")
    output = tmp_path / "report.html"
    return run(*PAKISTAN_2025, "--format", "html", "--output", str(output), "--remarks", str(path)), path, output


def test_a_remarks_file_gives_remarks_on_areas_and_lines_over_the_drafts(history, run, tmp_path):
    line = named(ActionLine, code="2.1.1")
    save_remarks(history, date(2025, 1, 1), date(2025, 12, 31), [
        RemarkAnswer(None, line, "Drafted on the page", "Drafted way forward"),
        RemarkAnswer(named(CooperationArea, code="3.1"), None, "Education drafted", ""),
    ])
    db.session.commit()
    result, _path, output = make_report(run, tmp_path, HEAD_WAY_FORWARD + (
        '[area."2.1"]\nremarks = "Trade dialogue resumed."\nway_forward = "Propose the forum\'s dates."\n'
        '[action_line."2.1.1"]\nremarks = """\n  From the file.\n"""\n'
    ))
    assert result.exit_code == 0, result.output
    html = output.read_text()
    for text in ("Remarks:</span> Trade dialogue resumed.", "Way forward:</span> Propose the forum&#39;s dates.",
                 # The file's text replaces the draft it names, trimmed; what it leaves out stays as drafted.
                 "Remarks:</span> From the file.", "Way forward:</span> Drafted way forward",
                 "Remarks:</span> Education drafted"):
        assert text in html, text
    assert "Drafted on the page" not in html


@pytest.mark.parametrize(("content", "message"), [
    ('[area."9.9"]\nremarks = "x"',
     'The remarks file {path} has [area."9.9"], which is not an area of this report: its codes are 2.1, 2.2, 3.1'),
    ('[action_line."2.1.9"]\nremarks = "x"',
     'The remarks file {path} has [action_line."2.1.9"], which is not an action line of this report: its codes are '
     '2.1.1, 2.1.2, 2.1.3, 2.2.1, 3.1.1, 3.1.2'),
    ('[area."2.1"]\ncolour = "red"',
     "The remarks file {path} has 'colour' under [area.\"2.1\"], which is not a remark: give remarks or way_forward"),
    ('[area."2.1"]\nremarks = 3', 'The remarks under [area."2.1"] in {path} is not text: write remarks = "..."'),
    (f'[action_line."2.1.1"]\nway_forward = "{"y" * 2_001}"',
     'The way forward under [action_line."2.1.1"] in {path} is 2,001 characters long: it must be 2,000 characters '
     'or less'),
    ('area = "2.1"', 'The remarks file {path} has area as a value: write a table for each area, [area."CODE"]'),
])
def test_a_remarks_file_with_bad_remarks_on_an_area_or_line_is_refused(history, run, tmp_path, content, message):
    result, path, output = make_report(run, tmp_path, HEAD_WAY_FORWARD + content)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line == f"Error: {message.format(path=path)}"
    assert not output.exists()


def test_a_line_code_two_areas_use_is_refused_rather_than_given_to_both(run, history, tmp_path):
    """Codes are unique within an area: with 3.1.2 renumbered "2.1.1", [action_line."2.1.1"] names two lines."""
    named(ActionLine, code="3.1.2").code = "2.1.1"
    db.session.commit()
    result, path, output = make_report(run, tmp_path, HEAD_WAY_FORWARD + '[action_line."2.1.1"]\nremarks = "x"')
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f'Error: The remarks file {path} has [action_line."2.1.1"], which is the code of 2 action lines of this '
        f'report (in areas 2.1, 3.1): write their remarks on the report page']
    assert not output.exists()


def test_the_table_of_drafts_keeps_its_rules(history, app, make):
    trade, investment = named(CooperationArea, code="2.1"), named(CooperationArea, code="2.2")
    line = named(ActionLine, code="2.1.1")
    other_plan = make.plan(history.partnership, label="2030-2034", starts_on=date(2030, 1, 1),
                           ends_on=date(2034, 12, 31))
    values = {"plan": history.id, "other": other_plan.id, "area": trade.id, "line": line.id}
    columns = "INSERT INTO report_remarks (plan_id, window_starts_on, window_ends_on, area_id, action_line_id, remarks)"
    allowed = f"{columns} VALUES (:plan, '2025-01-01', '2025-12-31', :area, NULL, 'Fine')"
    with db.engine.begin() as connection:
        connection.execute(sa.text(allowed), values)
    refused = [
        allowed,  # a second draft of the same subject and window
        f"{columns} VALUES (:plan, '2025-01-01', '2025-12-31', :area, :line, 'Both')",
        f"{columns} VALUES (:plan, '2025-01-01', '2025-12-31', NULL, NULL, 'Neither')",
        f"{columns} VALUES (:plan, '2025-12-31', '2025-01-01', NULL, :line, 'Ends before it starts')",
        f"{columns} VALUES (:other, '2030-01-01', '2030-12-31', :area, NULL, 'Area of another plan')",
        f"{columns} VALUES (:other, '2030-01-01', '2030-12-31', NULL, :line, 'Line of another plan')",
        f"{columns} VALUES (:plan, '2025-01-01', '2025-06-30', NULL, :line, '{'z' * 2_001}')",
    ]
    for statement in refused:
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(sa.text(statement), values)
    with db.engine.begin() as connection:
        connection.execute(sa.text(f"{columns} VALUES (:plan, '2025-01-01', '2025-12-31', NULL, :line, 'Line')"),
                           values)
    # A line with remarks keeps its plan: moving it to an area of another plan is refused.
    elsewhere = make.area(other_plan, make.pillar(other_plan, "Economic", 1), "9.1", "Elsewhere")
    with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE action_lines SET area_id = :to WHERE id = :line"),
                           {"to": elsewhere.id, "line": line.id})
    with db.engine.begin() as connection:  # within its own plan it moves freely
        connection.execute(sa.text("UPDATE action_lines SET area_id = :to WHERE id = :line"),
                           {"to": investment.id, "line": line.id})


def test_the_drafts_table_comes_and_goes_with_its_migration(empty_database):  # noqa: F811
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade()
        assert "report_remarks" in table_names(db.engine)
        indexes = {index["name"] for index in sa.inspect(db.engine).get_indexes("cooperation_areas")}
        assert "uq_cooperation_areas_id_plan_id" in indexes
        downgrade(revision="ac71e1a0c001")
        assert "report_remarks" not in table_names(db.engine)
        indexes = {index["name"] for index in sa.inspect(db.engine).get_indexes("cooperation_areas")}
        assert "uq_cooperation_areas_id_plan_id" not in indexes
        upgrade()
        assert "report_remarks" in table_names(db.engine)
        downgrade(revision="base")
        db.engine.dispose()
