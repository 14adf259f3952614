"""Names and codes the services compare without regard to case are unique the same way in the database: a row that
differs only in case is refused however it arrives, and the migration that adds the rule first lists the rows
already in its way."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from app import create_app
from app.common.clashes import constraint_refused
from app.extensions import db
from app.models import ActionLine, CooperationArea, Organisation, Pillar, Plan
from tests.conftest import database_beside_the_tests, database_url


def copy_with(model, record_id: int, column: str, value: str) -> None:
    """INSERT, in SQL, a copy of a row with one column changed: what a script or a bulk load could do."""
    table = model.__table__
    row = dict(db.session.execute(sa.select(table).where(table.c.id == record_id)).mappings().one())
    row.pop("id")
    row[column] = value
    db.session.execute(table.insert().values(row))


@pytest.mark.parametrize(("model", "column", "kept", "copied", "index"), [
    (Organisation, "name", "Mekong River Commission", "MEKONG RIVER COMMISSION", "uq_organisations_lower_name"),
    (Plan, "label", "Phase-one", "PHASE-ONE", "uq_plans_partnership_id_lower_label"),
    (Pillar, "name", "Economic", "economic", "uq_pillars_plan_id_lower_name"),
    (CooperationArea, "code", "EDU-1", "edu-1", "uq_cooperation_areas_plan_id_lower_code"),
    (ActionLine, "code", "EDU-1.1", "Edu-1.1", "uq_action_lines_area_id_lower_code"),
], ids=["organisation name", "plan label", "pillar name", "area code", "action line code"])
def test_a_row_differing_only_in_case_is_refused_by_the_database(make, model, column, kept, copied, index):
    mekong = make.organisation(name="Mekong River Commission", kind="international_organisation", iso_code=None)
    plan = make.plan(make.partnership(), label="Phase-one")
    pillar = make.pillar(plan, "Economic")
    area = make.area(plan, pillar, code="EDU-1")
    line = make.action_line(area, code="EDU-1.1")
    record = {Organisation: mekong, Plan: plan, Pillar: pillar, CooperationArea: area, ActionLine: line}[model]
    assert getattr(record, column) == kept

    with pytest.raises(sa.exc.IntegrityError) as refused:
        copy_with(model, record.id, column, copied)
    assert constraint_refused(refused.value) == index
    db.session.rollback()

    copy_with(model, record.id, column, copied + "-2")  # a different value still goes in: only the case is ruled
    db.session.rollback()


#: The migration that adds the case-blind rule.
THE_RULE = "9a7ed0f0c001"


def revision_before_the_rule() -> str:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parents[2] / "migrations"))
    return ScriptDirectory.from_config(config).get_revision(THE_RULE).down_revision


@pytest.fixture
def database_before_the_rule():
    """A database of its own, migrated to the revision before the case-blind rule."""
    url = database_url()
    if url.startswith("postgresql"):
        with database_beside_the_tests("case_rule") as empty:
            yield empty
    else:
        yield url.replace("test.sqlite", "case_rule.sqlite")


def test_the_migration_lists_the_rows_that_differ_only_in_case_and_adds_the_rule_once_one_is_renamed(
        database_before_the_rule, capsys):
    before = revision_before_the_rule()
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_before_the_rule)
    with app.app_context():
        upgrade(revision=before)
        organisations = sa.table("organisations", sa.column("id"), sa.column("name"), sa.column("short_name"),
                                 sa.column("kind"), sa.column("version"))
        with db.engine.begin() as connection:
            connection.execute(organisations.insert(), [
                {"id": 1, "name": "Mekong River Commission", "short_name": "MRC", "kind": "other", "version": 1},
                {"id": 2, "name": "MEKONG RIVER COMMISSION", "short_name": "Mekong", "kind": "other", "version": 1},
                {"id": 3, "name": "Mekong Institute", "short_name": "MI", "kind": "other", "version": 1},
            ])

        with pytest.raises(SystemExit):  # how ``flask db upgrade`` stops, after printing the reason
            upgrade()
        reason = capsys.readouterr().err
        assert "Rename one of each, then upgrade again" in reason
        assert ("organisations: organisation name 'Mekong River Commission' (id 1) and "
                "'MEKONG RIVER COMMISSION' (id 2)") in reason
        assert "Mekong Institute" not in reason
        with db.engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT version_num FROM alembic_version")) == before

        with db.engine.begin() as connection:
            connection.execute(organisations.update().where(organisations.c.id == 2).values(name="Mekong Council"))
        upgrade()
        downgrade(revision=before)
        with db.engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT count(*) FROM organisations")) == 3  # the step down keeps them
        db.engine.dispose()
