"""`flask backup create` and `flask backup restore`, on the database the suite runs on (SQLite or PostgreSQL)."""

import hashlib

import pytest
import sqlalchemy as sa

from app import create_app
from app.extensions import db
from app.models import Attachment, Meeting, Organisation, User
from tests.fuzz.site import build_world


def every_row(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (Alembic's included), in primary-key order."""
    engine = sa.create_engine(url)
    try:
        metadata = sa.MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            return {
                name: [tuple(row) for row in connection.execute(
                    sa.select(table).order_by(*(table.primary_key.columns or table.columns))
                )]
                for name, table in sorted(metadata.tables.items())
            }
    finally:
        engine.dispose()


@pytest.fixture
def source_url(app):
    return app.config["SQLALCHEMY_DATABASE_URI"]


@pytest.fixture
def fresh_url(source_url, tmp_path):
    """An empty database of the same kind, with no tables at all."""
    if source_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite'}"
        return
    base = sa.make_url(source_url)
    name = f"{base.database}_restore"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def records(make):
    """One record of every kind, with text in several scripts, committed."""
    build_world()
    make.organisation(name="Đặng Thị – 中华人民共和国 – پاکستان", short_name="Ünïcödé", iso_code="VN")
    db.session.commit()
    db.session.close()  # a restore must not wait for this test's own open transaction


def cli(app, *args):
    # A command runs in the app context already pushed, if any: push this app's own.
    with app.app_context():
        return app.test_cli_runner().invoke(args=["backup", *map(str, args)])


def test_a_backup_restored_into_a_fresh_database_has_every_row(app, records, source_url, fresh_url, tmp_path,
                                                                monkeypatch):
    # Restored with each commit flushed to disk, as on a server: PostgreSQL marks no page of a transaction whose
    # commit is not yet on disk all-visible, which the vacuum after the restore is checked for below.
    monkeypatch.delenv("PGOPTIONS", raising=False)
    backup = tmp_path / "tracker.backup"
    made = cli(app, "create", backup)
    assert made.exit_code == 0, made.output
    assert f"to {backup}:" in made.output and backup.stat().st_size > 0
    before = every_row(source_url)
    assert before["organisations"] and before["meetings"] and before["alembic_version"]

    fresh = create_app("testing", SQLALCHEMY_DATABASE_URI=fresh_url)
    restored = cli(fresh, "restore", backup)
    assert restored.exit_code == 0, restored.output
    # The desk's rows: not Alembic's revision, nor the data version every save moves on, nor SQLite's full-text
    # index's own tables (restored with the rest, as the comparison below shows).
    bookkeeping = {"alembic_version", "data_version"}
    rows = sum(len(table_rows) for name, table_rows in before.items()
               if name not in bookkeeping and name in db.metadata.tables)
    assert "Restored" in restored.output and f"{rows} rows" in restored.output

    assert every_row(fresh_url) == before
    if fresh_url.startswith("postgresql"):
        # Vacuumed and analysed once restored: pg_restore brings no planner statistics and marks no page
        # all-visible, which would leave the first pages served reading every row's page on bare guesses.
        engine = sa.create_engine(fresh_url)
        with engine.connect() as connection:
            pages, visible, rows_counted = connection.execute(sa.text(
                "SELECT relpages, relallvisible, reltuples FROM pg_class WHERE relname = 'meetings'")).one()
        engine.dispose()
        assert pages > 0 and visible == pages and rows_counted == len(before["meetings"])

    # New records get ids after the restored ones (sequences and counters came back too).
    with fresh.app_context():
        added = Organisation(name="Kingdom of Norway", short_name="Norway", kind="country", iso_code="NO")
        db.session.add(added)
        db.session.commit()
        assert added.id > max(row[0] for row in before["organisations"])
        db.engine.dispose()


def test_restore_refuses_a_database_that_holds_records(app, records, source_url, tmp_path):
    backup = tmp_path / "tracker.backup"
    assert cli(app, "create", backup).exit_code == 0
    with app.app_context():
        db.session.add(Organisation(name="Added after the backup", short_name="Later", kind="country",
                                    iso_code="LA"))
        db.session.commit()
    before = every_row(source_url)

    refused = cli(app, "restore", backup)

    assert refused.exit_code == 2
    assert "already holds" in refused.output and "Run again with --force" in refused.output
    assert every_row(source_url) == before


def test_restore_with_force_puts_back_the_records_as_backed_up(app, records, source_url, tmp_path):
    backup = tmp_path / "tracker.backup"
    assert cli(app, "create", backup).exit_code == 0
    backed_up = every_row(source_url)
    with app.app_context():
        db.session.add(Organisation(name="Added after the backup", short_name="Later", kind="country",
                                    iso_code="LA"))
        db.session.scalar(sa.select(Organisation).where(Organisation.iso_code == "VN")).name = "Renamed"
        db.session.commit()
        db.session.close()

    restored = cli(app, "restore", backup, "--force")

    assert restored.exit_code == 0, restored.output
    assert every_row(source_url) == backed_up


def test_restore_refuses_a_file_that_is_not_a_backup(app, source_url, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Minutes of the 7th JSCC, 18 September 2023")
    refused = cli(app, "restore", notes)
    assert refused.exit_code == 2
    assert "is not a backup made by `flask backup create`" in refused.output

    other_kind = tmp_path / "other.backup"
    other_kind.write_bytes(b"PGDMP\x01\x0e" if source_url.startswith("sqlite") else b"SQLite format 3\x00" + bytes(84))
    refused = cli(app, "restore", other_kind)
    assert refused.exit_code == 2
    assert "backup but the database is" in refused.output


def test_a_backup_needs_an_existing_folder(app, tmp_path):
    refused = cli(app, "create", tmp_path / "no-such-folder" / "tracker.backup")
    assert refused.exit_code == 2
    assert "does not exist" in refused.output
    assert not (tmp_path / "no-such-folder").exists()


def test_an_empty_database_is_restored_without_force(app, source_url, fresh_url, tmp_path):
    """A database that only has its tables (just migrated, no records) counts as empty."""
    backup = tmp_path / "tracker.backup"
    with app.app_context():
        db.session.add(Organisation(name="Kingdom of Thailand", short_name="Thailand", kind="country",
                                    iso_code="TH"))
        db.session.commit()
        db.session.close()
    assert cli(app, "create", backup).exit_code == 0
    expected = every_row(source_url)

    fresh = create_app("testing", SQLALCHEMY_DATABASE_URI=fresh_url)
    with fresh.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    restored = cli(fresh, "restore", backup)
    assert restored.exit_code == 0, restored.output
    assert every_row(fresh_url) == expected


def test_a_restored_database_keeps_history_and_the_rules(app, records, fresh_url, tmp_path):
    """The triggers come back with the rows: the restored status history and audit log still refuse to change."""
    backup = tmp_path / "tracker.backup"
    assert cli(app, "create", backup).exit_code == 0
    fresh = create_app("testing", SQLALCHEMY_DATABASE_URI=fresh_url)
    assert cli(fresh, "restore", backup).exit_code == 0
    engine = sa.create_engine(fresh_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT COUNT(*) FROM status_updates")).scalar_one() > 0
            assert connection.execute(sa.text("SELECT COUNT(*) FROM audit_entries")).scalar_one() > 0
        for statement in ("UPDATE status_updates SET note = 'Rewritten'", "DELETE FROM audit_entries"):
            with pytest.raises(sa.exc.IntegrityError, match="cannot be edited or deleted"), \
                    engine.begin() as connection:
                connection.execute(sa.text(statement))
    finally:
        engine.dispose()


def test_attachments_come_back_byte_for_byte(app, records, source_url, fresh_url, tmp_path):
    """Files are kept in the database, so a backup holds them: restored, each has the bytes and SHA-256 it had."""
    files = {"บันทึก.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 40, "photo.png": b"\x89PNG\r\n\x1a\n" + b"\xff\x00" * 999}
    with app.app_context():
        meeting = db.session.scalars(sa.select(Meeting).order_by(Meeting.id)).first()
        officer = db.session.scalars(sa.select(User).order_by(User.id)).first()
        for name, content in files.items():
            db.session.add(Attachment(meeting=meeting, file_name=name, media_type="application/pdf", size=len(content),
                                      sha256=hashlib.sha256(content).hexdigest(), content=content,
                                      uploaded_by=officer))
        db.session.commit()
        db.session.close()
    backup = tmp_path / "tracker.backup"
    assert cli(app, "create", backup).exit_code == 0

    fresh = create_app("testing", SQLALCHEMY_DATABASE_URI=fresh_url)
    assert cli(fresh, "restore", backup).exit_code == 0
    engine = sa.create_engine(fresh_url)
    try:
        with engine.connect() as connection:
            restored = {name: (bytes(content), digest) for name, content, digest in connection.execute(
                sa.text("SELECT file_name, content, sha256 FROM attachments"))}
    finally:
        engine.dispose()
    assert {name: restored[name] for name in files} == {
        name: (content, hashlib.sha256(content).hexdigest()) for name, content in files.items()}
    # The world's own file too: every file restored has the bytes its SHA-256 was taken of.
    assert len(restored) == 3
    assert all(hashlib.sha256(content).hexdigest() == digest for content, digest in restored.values())
