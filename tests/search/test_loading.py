"""Every way records arrive ends with them searchable: the migration over records already there, the demo load,
the bulk synthetic load, and ``flask search rebuild``."""

from contextlib import nullcontext
from datetime import date

import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.models import SearchEntry, SearchKind
from app.search.documents import BUILDERS
from app.search.schema import FTS_TABLE, POSTGRESQL_INDEXES, WORDS_TABLE
from seed.loader import load_demo
from seed.synthetic import SCALES, load_synthetic
from tests.conftest import database_beside_the_tests, database_url
from tests.search.helpers import titles

BEFORE_SEARCH = "3e8f2a6c4b17"


def entries_by_kind() -> dict[str, int]:
    rows = db.session.execute(sa.select(SearchEntry.kind, sa.func.count()).group_by(SearchEntry.kind))
    return {kind.value: count for kind, count in rows}


def records_by_kind() -> dict[str, int]:
    counts = {kind.value: db.session.scalar(sa.select(sa.func.count(column))) for kind, (_, column) in BUILDERS.items()}
    return {kind: count for kind, count in counts.items() if count}


def test_records_from_before_the_search_are_searchable_after_the_upgrade(tmp_path):
    url = database_url()
    with database_beside_the_tests("search") if url.startswith("postgresql") else _sqlite_file(tmp_path) as empty:
        app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty)
        with app.app_context():
            upgrade(revision=BEFORE_SEARCH)
            with db.engine.begin() as connection:
                for statement in (
                    "INSERT INTO organisations (id, name, short_name, kind, iso_code, version) VALUES "
                    "(1, 'Association of Southeast Asian Nations', 'ASEAN', 'regional_organisation', NULL, 1), "
                    "(2, 'Socialist Republic of Viet Nam', 'Viet Nam', 'country', 'VN', 1)",
                    "INSERT INTO partnerships (id, organisation_id, partner_id, slug, version) "
                    "VALUES (1, 1, 2, 'asean-viet-nam', 1)",
                    "INSERT INTO people (id, full_name, version) VALUES (1, 'Nguyễn Văn Đức', 1)",
                    "INSERT INTO meetings (id, partnership_id, type, title, held_on, format, outcome_document, "
                    "is_restricted, version) VALUES (1, 1, 'courtesy_call', 'Courtesy call in Hà Nội', "
                    "'2024-03-25', 'in_person', 'none', false, 1)",
                ):
                    connection.exec_driver_sql(statement)
            upgrade()
            with app.test_request_context():
                assert titles("duc") == {"person": ["Nguyễn Văn Đức"]}
                assert titles("ha noi") == {"meeting": ["Courtesy call in Hà Nội"]}
                assert titles("viet nam") == {"partnership": ["ASEAN–Viet Nam"],
                                              "organisation": ["Socialist Republic of Viet Nam"]}
            _has_its_text_indexes()
            db.session.remove()
            db.engine.dispose()


def _sqlite_file(tmp_path):
    return nullcontext(f"sqlite:///{tmp_path / 'before-search.sqlite'}")


def _has_its_text_indexes():
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            names = set(connection.scalars(
                sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'search_entries'")))
            assert names >= set(POSTGRESQL_INDEXES)
        else:
            indexed = connection.scalar(sa.text(f"SELECT count(*) FROM {FTS_TABLE}"))
            assert indexed == connection.scalar(sa.text("SELECT count(*) FROM search_entries")) == 5


def test_the_demo_load_ends_with_every_record_indexed(app_context):
    load_demo()
    db.session.commit()
    assert entries_by_kind() == records_by_kind()
    assert titles("Ameer Khurram")["person"] == ["Ameer Khurram Rathore"]


def test_the_bulk_load_ends_with_every_record_indexed(app_context):
    load_synthetic(SCALES["tiny"], seed=1, until=date(2026, 11, 28))
    db.session.commit()
    found = entries_by_kind()
    assert found == records_by_kind()
    assert found[SearchKind.MEETING.value] == 100 and found[SearchKind.FOLLOW_UP.value] == 400


def test_the_rebuild_command_indexes_every_record(app, app_context, make):
    make.partnership()
    with db.engine.begin() as connection:
        connection.execute(sa.delete(SearchEntry))
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "Indexed 3 records" in result.output
    assert entries_by_kind() == {"partnership": 1, "organisation": 2}


def test_the_text_indexes_write_each_new_entry_in_place(app_context):
    """PostgreSQL: no pending list that every search would read in full until a vacuum (searches took two and a half
    times as long after a few dozen meetings logged). SQLite: both FTS5 tables, of trigrams and of words."""
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            options = dict(connection.execute(sa.text(
                "SELECT relname, array_to_string(reloptions, ',') FROM pg_class WHERE relname = ANY(:names)"),
                {"names": list(POSTGRESQL_INDEXES)}).all())
            assert set(options) == set(POSTGRESQL_INDEXES)
            assert set(options.values()) == {"fastupdate=off"}
        else:
            tables = set(connection.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'table'")))
            assert {FTS_TABLE, WORDS_TABLE} <= tables
