"""Reports issued before the version of their figures was recorded are version 1 after the upgrade, read as issued;
from then on every issue must say which version it stores."""

import json

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from app.models import IssuedReport
from app.reports.issued_figures import figures_of
from tests.reports.oldest_shape import oldest_figures
from tests.test_migrations import empty_database  # noqa: F401  (the fixture)

BEFORE = "5c4e3a1e5001"
INSERT_REPORT = (
    "INSERT INTO issued_reports (id, partnership_id, plan_id, window_starts_on, window_ends_on, title, way_forward, "
    "figures, html, issued_at, issued_by_id{version_column}) VALUES (:id, 1, 1, '2024-01-01', '2024-12-31', "
    "'ASEAN–Pakistan period report', 'Hold the 8th JSCC in 2025.', :figures, '<article>As issued</article>', "
    "'2025-01-15 10:00:00+00:00', 1{version_value})"
)


def insert_report(connection, report_id: int, version: int | None = None) -> None:
    connection.execute(
        sa.text(INSERT_REPORT.format(version_column="" if version is None else ", figures_version",
                                     version_value="" if version is None else ", :version")),
        {"id": report_id, "figures": json.dumps(oldest_figures(plan_id=1)), "version": version})


def insert_old_rows(connection) -> None:
    connection.execute(sa.text(
        "INSERT INTO organisations (id, name, short_name, kind, iso_code) VALUES (1, 'ASEAN', 'ASEAN', "
        "'regional_organisation', NULL), (2, 'Islamic Republic of Pakistan', 'Pakistan', 'country', 'PK')"))
    connection.execute(sa.text(
        "INSERT INTO partnerships (id, organisation_id, partner_id, slug) VALUES (1, 1, 2, 'asean-pakistan')"))
    connection.execute(sa.text(
        "INSERT INTO users (id, email, name, password_hash, role) VALUES "
        "(1, 'officer@asean.example', 'Desk Officer', 'x', 'editor')"))
    connection.execute(sa.text(
        "INSERT INTO plans (id, partnership_id, kind, title, label, starts_on, ends_on, state) VALUES "
        "(1, 1, 'practical_cooperation_areas', 'Practical Cooperation Areas (2024-2028)', '2024-2028', "
        "'2024-01-01', '2028-12-31', 'in_force')"))
    insert_report(connection, 1)


def stored(connection) -> list[tuple]:
    rows = connection.execute(sa.text("SELECT id, figures_version, figures FROM issued_reports ORDER BY id"))
    return [(report_id, version, figures if isinstance(figures, dict) else json.loads(figures))
            for report_id, version, figures in rows]


@pytest.mark.filterwarnings("ignore:autogenerate skipping")
def test_reports_issued_before_the_upgrade_are_version_1_and_read_as_issued(empty_database):  # noqa: F811
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            insert_old_rows(connection)
        upgrade()
        with db.engine.connect() as connection:
            assert stored(connection) == [(1, 1, oldest_figures(plan_id=1))]
        figures = figures_of(db.session.get(IssuedReport, 1))
        assert figures["window"]["counted_on"] == "2024-12-31" and figures["meetings_total"] == 2
        db.session.remove()

        # No default any more: an issue that does not say its version is refused, and so is version 0.
        for version in (None, 0):
            with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
                insert_report(connection, 2, version)

        # Stepping down keeps every report as issued; stepping up again reads it as version 1 again.
        downgrade(revision=BEFORE)
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT id, title FROM issued_reports")).all() == [
                (1, "ASEAN–Pakistan period report")]
        upgrade()
        with db.engine.connect() as connection:
            assert stored(connection) == [(1, 1, oldest_figures(plan_id=1))]
        db.engine.dispose()
