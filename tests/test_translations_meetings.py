"""Every visible word of the meetings pages goes through the translations: the list, a meeting, the forms that log
and change one or add a participant (with their messages after a bad post), removing a participant, the history of
the texts, the import page and the matters arising. Data is between ‹ and ›, as in tests/test_translations.py."""

import re
from datetime import date, timedelta

import pytest

from app.meetings import revisions, services
from app.models import MeetingType
from app.models.meeting import meeting_name
from tests.conftest import csrf_token
from tests.test_translations import (  # noqa: F401  # the fixtures, found by pytest by their names here
    in_pseudo_indonesian,
    pseudo_app,
    pseudo_app_made,
    untranslated,
)

#: A committee meeting's name is made of its number and its committee ("7th Joint Sectoral Cooperation Committee
#: (JSCC)", "8th JSCC"), as the stored names of meetings are: a name, the same in every language.
COMMITTEE_NAME = re.compile(r"\b\d+(st|nd|rd|th) (Joint Sectoral Cooperation Committee \(JSCC\)|JSCC)")


#: The secretariat's name as the tests' factories give it, and the number a template row of the participants and
#: follow-ups forms holds in place of its own (replaced by the script).
OTHER_PARTS = re.compile("|".join(re.escape(words) for words in (
    "Association of Southeast Asian Nations", "__NUMBER__",
)))
#: A proposed agenda stays in English on purpose: it is saved with the meeting and sent in the Word file.
AGENDA = re.compile(r'(<textarea[^>]*agenda[^>]*>|<pre class="app-agenda[^>]*>).*?(</textarea>|</pre>)', re.DOTALL)
#: A link or a span inside a sentence is part of one message: its tags are taken out so the sentence reads as one.
INLINE_TAGS = re.compile(r"</?(a|span)\b[^>]*>")


def visible_words(html: str) -> list[str]:
    for pattern in (AGENDA, COMMITTEE_NAME, OTHER_PARTS, INLINE_TAGS):
        html = pattern.sub("", html)
    return untranslated(html)


def meetings_of_a_desk(make, officer):
    """A JSCC held with a participant, a follow-up, an area discussed and texts changed once; the JSCC before it
    with a follow-up still open; an area whose status changed since."""
    today = date.today()
    partner = make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›")
    pakistan = make.partnership(partner, slug="asean-pakistan")
    plan = make.plan(pakistan, title="‹Practical Cooperation Areas›", starts_on=today - timedelta(days=800),
                     ends_on=today + timedelta(days=700))
    trade = make.area(plan, make.pillar(plan, name="‹Economic›"), code="2.1", name="‹Trade›")
    earlier = make.meeting(pakistan, type=MeetingType.JSCC, number=6, title="‹Sixth JSCC›",
                           held_on=today - timedelta(days=400))
    make.follow_up(pakistan, title="‹Send the list›", meeting=earlier, owner=officer,
                   due_on=today - timedelta(days=100))
    meeting = make.meeting(pakistan, type=MeetingType.JSCC, number=7, held_on=today - timedelta(days=30),
                           venue="‹Jakarta›", summary="‹Talks›", asks="‹Visas›", commitments="‹Training›",
                           agenda="‹1. Opening›")
    meeting.areas.append(trade)
    make.status_update(officer, area=trade, status="at_risk", as_of=today - timedelta(days=10), note="‹Slow›")
    make.follow_up(pakistan, title="‹Share the work plan›", meeting=meeting, owner=officer,
                   due_on=today - timedelta(days=5))
    ambassador = make.person(full_name="‹Ameer Rathore›")
    make.position(ambassador, partner, title="‹Ambassador›", starts_on=today - timedelta(days=900))
    participant = services.add_participant(meeting, side="partner", role="head_of_delegation", person=ambassador)
    services.add_participant(meeting, side="other", role="observer", organisation=partner)
    revisions.record_text_revisions(meeting, {text: "" for text in revisions.texts_of(meeting)})
    before = revisions.texts_of(meeting)
    meeting.summary = "‹Talks, longer›"
    revisions.record_text_revisions(meeting, before)
    make.db.session.commit()
    return pakistan, meeting, participant


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_every_word_of_the_meetings_list_a_meeting_its_history_and_matters_arising_is_translated(
        pseudo_app, make, role):  # noqa: F811  # the imported fixture
    visitor = in_pseudo_indonesian(pseudo_app, make, role)
    _, meeting, participant = meetings_of_a_desk(make, visitor.user)
    paths = ["/meetings/", "/meetings/?q=nothing-matches", f"/meetings/{meeting.id}",
             f"/meetings/{meeting.id}/history", f"/meetings/{meeting.id}/history?text=summary&earlier=1&later=2",
             f"/meetings/{meeting.id}/history?text=summary&earlier=9", f"/meetings/{meeting.id}/matters-arising"]
    for path in paths:
        page = visitor.get(path).get_data(as_text=True)
        assert visible_words(page) == [], path


def test_every_word_of_the_meeting_forms_and_their_messages_is_translated(pseudo_app, make):  # noqa: F811
    visitor = in_pseudo_indonesian(pseudo_app, make)
    pakistan, meeting, participant = meetings_of_a_desk(make, visitor.user)
    paths = [f"/meetings/new?partnership={pakistan.slug}", f"/meetings/new?partnership={pakistan.slug}&type=jscc",
             f"/meetings/{meeting.id}/edit", f"/meetings/{meeting.id}/participants/new",
             f"/meetings/{meeting.id}/participants/{participant.id}/remove"]
    for path in paths:
        page = visitor.get(path).get_data(as_text=True)
        assert visible_words(page) == [], path
    # The import page is the imports' own, with its columns named as the file's headings: only its own words here.
    page = visitor.get(f"/meetings/import/{pakistan.slug}").get_data(as_text=True)
    assert "⟦Import past meetings⟧" in page and "⟦one row per meeting of ASEAN–‹Pakistan›⟧" in page
    for path in (f"/meetings/new?partnership={pakistan.slug}", f"/meetings/{meeting.id}/participants/new"):
        token = csrf_token(visitor.get(path).get_data(as_text=True))
        # Nothing chosen: every required field says so, beside it and in the summary.
        refused = visitor.client.post(path, data={"csrf_token": token, "action": "save", "number": "x"})
        page = refused.get_data(as_text=True)
        assert "⟦" in page and visible_words(page) == [], path


def test_the_meetings_pages_read_in_indonesian_through_the_real_catalogue(app, make, signed_in):
    signed_in.user.language = "id"
    _, meeting, _ = meetings_of_a_desk(make, signed_in.user)
    listing = signed_in.get("/meetings/").get_data(as_text=True)
    assert "Catat pertemuan" in listing and "Semua kemitraan" in listing
    detail = signed_in.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Bidang yang dibahas" in detail and "Komite Kerja Sama Sektoral Bersama (JSCC)" in detail
    # The meeting's name is a name: its words stay as the meeting was named.
    assert "<h1 class=\"mt-1\">7th Joint Sectoral Cooperation Committee (JSCC)</h1>" in detail


def test_a_meeting_is_named_and_indexed_in_the_same_words_whatever_the_language_of_the_page(app):
    with app.test_request_context("/", headers={"Accept-Language": "id"}):
        assert MeetingType.COURTESY_CALL.label == "Kunjungan kehormatan"  # what the page shows
        # What is stored (a call's name, the search index) and what a meeting is called stay as they are written.
        assert MeetingType.COURTESY_CALL.english_label == "Courtesy call"
        assert meeting_name(MeetingType.JSCC, 8, None) == "8th Joint Sectoral Cooperation Committee (JSCC)"
