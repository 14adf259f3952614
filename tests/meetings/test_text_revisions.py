"""Every version of a meeting's summary, asks and commitments is kept, and two of them can be compared word by word
on the meeting's history of its texts."""

import re
from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from app.meetings.revisions import word_difference
from app.models import Meeting, MeetingTextRevision
from app.models.rules import append_only_message
from tests.conflicts.editors import open_form, send
from tests.meetings.test_log_meeting_form import one_form, the_call
from tests.test_migration_steps import MIGRATIONS
from tests.test_migrations import empty_database, table_names  # noqa: F401  (the fixture)

FIRST_SUMMARY = "The ambassador raised trade and tourism."
SECOND_SUMMARY = "The ambassador raised trade, investment and tourism."
COMMITMENTS = "ASEAN to circulate the work plan."


def log_and_change(signed_in, desk) -> Meeting:
    """Logged with a summary and commitments; then the summary changed and asks added; then the commitments emptied;
    then only the venue changed."""
    signed_in.submit("/meetings/new", one_form(desk, the_call(desk), summary=FIRST_SUMMARY, commitments=COMMITMENTS))
    meeting_id = db.session.scalar(sa.select(Meeting.id))
    url = f"/meetings/{meeting_id}/edit"
    for change in ({"summary": SECOND_SUMMARY, "asks": "Pakistan asked for scholarships."}, {"commitments": ""},
                   {"venue": "Jakarta"}):
        response = send(signed_in, url, open_form(signed_in, url), action="save", **change)
        assert "Meeting saved" in response.get_data(as_text=True)
    return db.session.get_one(Meeting, meeting_id)


def revisions() -> list[tuple[str, str | None, int | None]]:
    db.session.expire_all()
    return [(r.field.value, r.text, r.revised_by_id) for r in db.session.scalars(
        sa.select(MeetingTextRevision).order_by(MeetingTextRevision.id))]


def test_a_version_is_written_whenever_a_text_is_set(signed_in, desk):
    log_and_change(signed_in, desk)
    me = signed_in.user.id
    # The first log writes the two texts given (asks was left empty); the first change the two it changed, in the
    # order the form shows them; emptying a text is a version; a change of the venue alone writes none.
    assert revisions() == [
        ("summary", FIRST_SUMMARY, me), ("commitments", COMMITMENTS, me),
        ("summary", SECOND_SUMMARY, me), ("asks", "Pakistan asked for scholarships.", me),
        ("commitments", None, me),
    ]


def test_the_history_lists_each_texts_versions_and_compares_two(signed_in, desk):
    meeting = log_and_change(signed_in, desk)
    detail = signed_in.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f'href="/meetings/{meeting.id}/history"' in detail
    page = signed_in.get(f"/meetings/{meeting.id}/history").get_data(as_text=True)
    assert "2 versions of the summary, oldest first" in page
    assert "1 version of the asks, oldest first" in page
    assert "2 versions of the commitments, oldest first" in page and "Emptied" in page
    assert page.count("Desk Officer") >= 5

    compared = signed_in.get(f"/meetings/{meeting.id}/history?text=summary&earlier=1&later=2")
    page = compared.get_data(as_text=True)
    assert "Summary: version 1 compared with version 2" in page
    words = lambda tag: [re.sub(r"<[^>]+>", "", marked) for marked in re.findall(rf"<{tag}>(.*?)</{tag}>", page)]  # noqa: E731
    assert words("del") == ["[removed: trade]"]
    assert words("ins") == ["[added: trade, investment]"]
    assert "raised <del>" in page and "</ins> and tourism." in page
    # Chosen the other way round, it still reads from the older version to the newer.
    backwards = signed_in.get(f"/meetings/{meeting.id}/history?text=summary&earlier=2&later=1").get_data(as_text=True)
    assert "Summary: version 1 compared with version 2" in backwards
    assert "[added: trade, investment]" in re.sub(r"<[^>]+>", "", backwards)
    same = signed_in.get(f"/meetings/{meeting.id}/history?text=summary&earlier=2&later=2").get_data(as_text=True)
    assert "This is the same version twice: choose two different versions to see what changed." in same
    assert "<del>" not in same and "<ins>" not in same


def test_two_versions_not_offered_are_an_error_beside_the_lists(signed_in, desk):
    meeting = log_and_change(signed_in, desk)
    page = signed_in.get(f"/meetings/{meeting.id}/history?text=summary&earlier=1&later=9").get_data(as_text=True)
    assert "<title>Error: " in page
    assert "Select two versions of the summary from the lists" in page
    assert "<del>" not in page and "<ins>" not in page


def test_the_difference_is_by_word_and_escapes_every_piece():
    marked = str(word_difference("Send <b>the</b> draft MoU", "Send the final <script>x</script> MoU"))
    assert "<script>" not in marked and "<b>" not in marked
    removed = [re.sub(r"<[^>]+>", "", piece) for piece in re.findall(r"<del>(.*?)</del>", marked)]
    added = [re.sub(r"<[^>]+>", "", piece) for piece in re.findall(r"<ins>(.*?)</ins>", marked)]
    assert removed == ["[removed: &lt;b&gt;the&lt;/b&gt; draft]"]
    assert added == ["[added: the final &lt;script&gt;x&lt;/script&gt;]"]
    assert marked.startswith("Send <del>") and marked.endswith("</ins> MoU")


def test_a_restricted_meetings_versions_are_for_editors_only(signed_in, desk, make):
    meeting = log_and_change(signed_in, desk)
    url = f"/meetings/{meeting.id}/edit"
    send(signed_in, url, open_form(signed_in, url), action="save", is_restricted="y")
    editor_page = signed_in.get(f"/meetings/{meeting.id}/history?text=summary&earlier=1&later=2").get_data(
        as_text=True)
    assert FIRST_SUMMARY in editor_page and "<ins>" in editor_page
    viewer = make.user(role="viewer", email="viewer@asean.example", name="Viewer")
    signed_in.sign_in(viewer)
    page = signed_in.get(f"/meetings/{meeting.id}/history?text=summary&earlier=1&later=2").get_data(as_text=True)
    assert "Restricted note: visible to editors and admins" in page
    assert "ambassador raised" not in page and "<ins>" not in page and "Pakistan asked" not in page


def test_a_version_cannot_be_changed_or_deleted_even_in_sql(signed_in, desk):
    log_and_change(signed_in, desk)
    first = db.session.scalar(sa.select(sa.func.min(MeetingTextRevision.id)))
    db.session.commit()
    message = append_only_message("meeting_text_revisions")
    for statement in ("UPDATE meeting_text_revisions SET text = 'Rewritten' WHERE id = :id",
                      "DELETE FROM meeting_text_revisions WHERE id = :id"):
        with pytest.raises(sa.exc.IntegrityError) as refusal, db.engine.begin() as connection:
            connection.execute(sa.text(statement), {"id": first})
        assert message in str(refusal.value)
    assert revisions()[0][1] == FIRST_SUMMARY


#: The revision just before the one that adds the text revisions.
BEFORE = MIGRATIONS.get_revision("a4e6c8d0f2b3").down_revision


@pytest.mark.filterwarnings("ignore:autogenerate skipping")
def test_upgrade_writes_the_texts_of_meetings_already_recorded_as_their_first_versions(empty_database):  # noqa: F811
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO organisations (id, name, short_name, kind, iso_code) VALUES (1, 'ASEAN', 'ASEAN', "
                "'regional_organisation', NULL), (2, 'Islamic Republic of Pakistan', 'Pakistan', 'country', 'PK')"))
            connection.execute(sa.text(
                "INSERT INTO partnerships (id, organisation_id, partner_id, slug) VALUES (1, 1, 2, 'asean-pakistan')"))
            meetings = sa.table("meetings", *(sa.column(name) for name in (
                "id", "partnership_id", "type", "held_on", "format", "outcome_document", "summary", "asks",
                "commitments", "is_restricted", "created_at")))
            connection.execute(meetings.insert(), [
                {"id": 1, "partnership_id": 1, "type": "courtesy_call", "held_on": date(2024, 3, 25),
                 "format": "in_person", "outcome_document": "none", "summary": FIRST_SUMMARY, "asks": "  ",
                 "commitments": COMMITMENTS, "is_restricted": False, "created_at": "2024-03-26 08:00:00+00:00"},
                {"id": 2, "partnership_id": 1, "type": "courtesy_call", "held_on": date(2024, 5, 2),
                 "format": "in_person", "outcome_document": "none", "summary": None, "asks": "Scholarships",
                 "commitments": "", "is_restricted": True, "created_at": "2024-05-03 09:30:00+00:00"},
            ])
        upgrade()
        # A text that says something is its meeting's first version, by nobody, on the day the meeting was logged;
        # one empty or blank has none.
        expected = [
            (1, "summary", FIRST_SUMMARY, False, "2024-03-26", None),
            (1, "commitments", COMMITMENTS, False, "2024-03-26", None),
            (2, "asks", "Scholarships", True, "2024-05-03", None),
        ]
        assert first_versions() == expected

        downgrade(revision=BEFORE)  # the first versions are made again on the way up: nothing to refuse
        assert "meeting_text_revisions" not in table_names(db.engine)
        upgrade()
        assert first_versions() == expected
        db.engine.dispose()


def first_versions() -> list[tuple]:
    with db.engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT meeting_id, field, text, is_restricted, revised_at, revised_by_id FROM meeting_text_revisions "
            "ORDER BY id"))
        return [(m, f, t, bool(r), str(at)[:10], by) for m, f, t, r, at, by in rows]
