"""Every visible word of the pieces pages share goes through the translations: archiving and restoring each kind of
record (its confirmation page, the buttons, the archived notice, the banners), a record's attachments (the section,
the upload page with each refusal, a status update's page) and the "Restricted" checkbox of the forms. Opened in the
pseudo-language of tests/test_translations.py, with data between ‹ and ›."""

import io
import re
from datetime import date, timedelta

import pytest

from tests.attachments import samples
from tests.conftest import FormFiller, csrf_token
from tests.test_translations import in_pseudo_indonesian, pseudo_app, pseudo_app_made, untranslated
from tests.translations import compiled_catalogues

__all__ = ["pseudo_app", "pseudo_app_made"]  # the fixtures, found by pytest by their names here

TODAY = date.today()
#: A file's name ("minutes.pdf") or a bare extension (".png"), as the attachment pages and messages show them: data,
#: put between ‹ and › here (a name must end in its extension to be attached, so it cannot be sent so marked).
FILE_NAME = re.compile(r"[^\s<>(),\"‹›⟦⟧]*\.(?:pdf|png|txt|gz|docx|xlsx|pptx|doc|xls|ppt|odt|ods|jpe?g|gif|webp|csv)\b")
#: The parts of a record's page that archiving draws: the notice, and the button that archives or restores it.
ARCHIVE_PARTS = re.compile(r'<div class="alert alert-warning" role="region" aria-labelledby="archived-title">.*?</div>'
                           r'|<form method="post" action="[^"]*/restore" class="d-inline">.*?</form>'
                           r'|<a class="btn btn-outline-secondary" href="[^"]*/archive">.*?</a>', re.DOTALL)
BANNER = re.compile(r'<div class="alert alert-success[^"]*" role="alert">.*?</div>', re.DOTALL)
#: A link inside a sentence is part of one message (the areas' "... do not archive it: %(link)s instead."): its tags
#: are taken out so the sentence reads as one.
INLINE_LINKS = re.compile(r"</?(a|span)\b[^>]*>")
ATTACHMENTS = re.compile(r'<section class="mt-5" aria-labelledby="attachments">.*?</section>', re.DOTALL)


def html_of(response) -> str:
    return FILE_NAME.sub(lambda name: f"‹{name[0]}›", response.get_data(as_text=True))


def records_of_every_kind(make, officer) -> dict[str, str]:
    """One record of each kind that can be archived, by the address of its page."""
    partner = make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›", kind="ministry")
    pakistan = make.partnership(partner, slug="asean-pakistan")
    plan = make.plan(pakistan, title="‹Practical Cooperation Areas›")
    trade = make.area(plan, make.pillar(plan, name="‹Economic›"), code="2.1", name="‹Trade›")
    line = make.action_line(trade, code="2.1.1", text="‹Customs cooperation›")
    meeting = make.meeting(pakistan, title="‹Courtesy call on the Secretary-General›")
    return {
        "/partnerships/asean-pakistan": "partnership",
        f"/organisations/{partner.id}": "organisation",
        f"/people/{make.person(full_name='‹Siti Rahman›').id}": "person",
        f"/plans/{plan.id}": "plan",
        f"/areas/{trade.id}": "cooperation area",
        f"/action-lines/{line.id}": "action line",
        f"/meetings/{meeting.id}": "meeting",
        f"/follow-ups/{make.follow_up(pakistan, title='‹Share the work plan›', owner=officer).id}": "follow-up",
        f"/activities/{make.activity(pakistan, plan, [line], title='‹Customs workshop›').id}": "activity",
    }


def test_archiving_and_restoring_every_kind_of_record_reads_in_whole_translated_messages(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    for page, kind in records_of_every_kind(make, editor.user).items():
        before = html_of(editor.get(page))
        button = ARCHIVE_PARTS.findall(before)
        assert button and f"⟦Archive {kind}⟧" in button[0]
        confirm = html_of(editor.get(f"{page}/archive"))
        assert untranslated(INLINE_LINKS.sub("", confirm)) == [], kind
        assert re.search(f"<h1[^>]*>⟦Archive {kind} “[^”]*‹[^›]*›”\\?⟧</h1>", confirm), kind
        archived = editor.submit(f"{page}/archive", page=f"{page}/archive")
        after = html_of(archived)
        assert archived.status_code == 200 and BANNER.search(after), kind
        assert f"⟦{kind.capitalize()} archived: " in BANNER.search(after)[0]
        parts = "".join(ARCHIVE_PARTS.findall(after) + BANNER.findall(after))
        assert f"⟦This {kind} is archived⟧" in parts and f"⟦Restore {kind}⟧" in parts
        assert untranslated(parts) == [], kind
        again = html_of(editor.get(f"{page}/archive"))  # archived already: nothing to confirm
        assert f"⟦This {kind} is already archived.⟧" in again and f"⟦Back to the {kind}⟧" in again
        assert untranslated(again) == [], kind
        token = csrf_token(after)
        restored = editor.client.post(f"{page}/restore", data={"csrf_token": token}, follow_redirects=True)
        assert f"⟦{kind.capitalize()} restored: " in BANNER.search(html_of(restored))[0]
        assert untranslated(BANNER.search(html_of(restored))[0]) == []


def a_meeting_with_files(make, officer, *, restricted=False):
    partnership = make.partnership(make.organisation(name="‹Islamic Republic of Pakistan›", short_name="‹Pakistan›"),
                                   slug="asean-pakistan")
    return make.meeting(partnership, title="‹Courtesy call on the Secretary-General›", is_restricted=restricted,
                        summary="‹Talks›")


def attach(visitor: FormFiller, upload_page: str, files, description="‹Signed at the JSCC›"):
    token = csrf_token(visitor.get(upload_page).get_data(as_text=True))
    data = {"csrf_token": token, "description": description,
            "files": [(io.BytesIO(content), name) for content, name in files]}
    return visitor.client.post(upload_page, data=data, content_type="multipart/form-data", follow_redirects=True)


def test_the_attachments_of_a_record_empty_with_files_and_archived_read_in_the_page_language(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    meeting = a_meeting_with_files(make, editor.user)
    page = f"/meetings/{meeting.id}"
    empty = ATTACHMENTS.search(html_of(editor.get(page)))[0]
    assert "⟦No files are attached to this meeting.⟧" in empty
    assert "⟦You can also drop files onto this area⟧" in empty  # given to attachments.js, which shows it
    done = attach(editor, f"{page}/attachments", [(samples.pdf(), "minutes.pdf"), (samples.png(), "photo.png"),
                                                  (b"a" * 3000, "notes.txt")])
    banner = BANNER.search(html_of(done))[0]
    assert ("⟦3 files attached to ‹Courtesy call on the Secretary-General›: ‹minutes.pdf›, ‹photo.png›, "
            "‹notes.txt›⟧") in banner
    archive = re.search(r'href="(/attachments/\d+/archive)"', done.get_data(as_text=True))[1]
    confirm = html_of(editor.get(archive))
    editor.submit(archive, page=archive)
    listed = ATTACHMENTS.search(html_of(editor.get(page)))[0]
    assert "⟦2 files attached to this meeting⟧" in listed and "⟦Archived files (1)⟧" in listed
    assert "⟦PDF⟧" in listed and "⟦3 KB⟧" in listed and "⟦PNG image⟧" in listed
    for html in (empty, banner, confirm, listed):
        assert untranslated(html) == []

    status_update = make.status_update(editor.user, area=make.area(make.plan(meeting.partnership), code="2.1",
                                                                  name="‹Trade›"),
                                       status="on_track", note="‹Talks resumed›", as_of=TODAY - timedelta(days=3))
    corrected = make.status_update(editor.user, area=status_update.area, status="at_risk", progress=30,
                                   note="‹Slower›", as_of=status_update.as_of, corrects=status_update)
    for update in (status_update, corrected):
        whole = html_of(editor.get(f"/status-updates/{update.id}"))
        assert "⟦No files are attached to this status update.⟧" in whole
        assert untranslated(whole) == []


def test_a_restricted_records_files_read_as_placeholders_to_a_viewer_in_the_page_language(pseudo_app, make):
    editor = in_pseudo_indonesian(pseudo_app, make)
    meeting = a_meeting_with_files(make, editor.user, restricted=True)
    attach(editor, f"/meetings/{meeting.id}/attachments", [(samples.pdf(), "minutes.pdf")])
    assert "⟦Restricted⟧" in ATTACHMENTS.search(html_of(editor.get(f"/meetings/{meeting.id}")))[0]
    viewer = FormFiller(pseudo_app.test_client())
    viewer.sign_in(make.user(role="viewer", email="‹reader@asean.example›", name="‹Reader›", language="id"))
    section = ATTACHMENTS.search(html_of(viewer.get(f"/meetings/{meeting.id}")))[0]
    assert "⟦Restricted attachment⟧" in section and "minutes" not in section
    assert untranslated(section) == []


@pytest.mark.parametrize(("files", "message"), [
    ([], "⟦Select one or more files to attach⟧"),
    ([(b"", "empty.pdf")], "⟦‹empty.pdf› is empty: choose the file again, or another copy of it⟧"),
    ([(samples.ELF, "minutes.pdf")], "⟦‹minutes.pdf› is a program, not a document"),
    ([(samples.pdf(script="app.alert('opened')"), "statement.pdf")], "⟦‹statement.pdf› contains JavaScript"),
    ([(samples.png(), "minutes.pdf")], "⟦‹minutes.pdf› is a ⟦PNG image⟧ but its name ends in ‹.pdf›"),
    ([(b"\x1f\x8b\x08\x00" + bytes(20), "archive.gz")], "⟦a ⟦PDF⟧ (‹.pdf›)⟧, ⟦a ⟦Word document⟧ (‹.docx›)⟧"),
    ([(b"a" * 3000, "long.txt")], "⟦‹long.txt› is larger than ⟦2 KB⟧: each file must be ⟦2 KB⟧ or smaller⟧"),
    ([(b"a" * 1500, "one.txt"), (b"b" * 1500, "two.txt"), (b"c" * 1500, "three.txt")],
     "⟦These files would bring the attachments of this follow-up to ⟦4 KB⟧: together they must be ⟦3 KB⟧ or less"),
], ids=["nothing chosen", "empty", "program", "script", "name disagrees", "kind not allowed", "file too large",
        "record full"])
def test_every_refusal_of_an_upload_reads_in_the_page_language(pseudo_app, make, monkeypatch, files, message):
    monkeypatch.setitem(pseudo_app.config, "ATTACHMENT_MAX_BYTES", 2048)
    monkeypatch.setitem(pseudo_app.config, "ATTACHMENT_RECORD_MAX_BYTES", 3072)
    editor = in_pseudo_indonesian(pseudo_app, make)
    meeting = a_meeting_with_files(make, editor.user)
    follow_up = make.follow_up(meeting.partnership, title="‹Share the work plan›", owner=editor.user, meeting=meeting)
    refused = attach(editor, f"/follow-ups/{follow_up.id}/attachments", files)
    html = html_of(refused)
    assert refused.status_code == 200 and message in html
    assert "⟦No files are attached to this follow-up.⟧" in html and "⟦Back to the follow-up⟧" in html
    assert untranslated(html) == []


def test_files_past_what_the_server_reads_are_refused_in_the_page_language(pseudo_app, make, monkeypatch):
    monkeypatch.setitem(pseudo_app.config, "ATTACHMENT_RECORD_MAX_BYTES", 4096)
    editor = in_pseudo_indonesian(pseudo_app, make)
    meeting = a_meeting_with_files(make, editor.user)
    refused = attach(editor, f"/meetings/{meeting.id}/attachments", [(b"a" * (4096 + 1024 * 1024), "big.txt")])
    html = html_of(refused)
    assert refused.status_code == 413
    assert "⟦The files chosen are larger than ⟦4 KB⟧ together: attach fewer or smaller files at a time⟧" in html
    assert untranslated(html) == []


#: Each form with a "Restricted" checkbox, the id of the box, and what its label says it hides.
RESTRICTED_BOXES = [
    ("/follow-ups/new", "is_restricted", "see this follow-up action, and it is"),
    ("/meetings/{meeting}/edit", "is_restricted", "see the summary, asks and commitments, and they are"),
    ("/areas/{area}/status/new", "is_restricted", "see this note, and it is"),
    ("/activities/new", "is_restricted", "see the notes, and they are"),
]


@pytest.mark.parametrize(("form", "box", "hides"), RESTRICTED_BOXES, ids=["follow-up", "meeting", "status", "activity"])
def test_the_restricted_checkbox_says_what_it_hides_in_one_translated_sentence(pseudo_app, make, form, box, hides):
    editor = in_pseudo_indonesian(pseudo_app, make)
    meeting = a_meeting_with_files(make, editor.user)
    area = make.area(make.plan(meeting.partnership), code="2.1", name="‹Trade›")
    html = editor.get(form.format(meeting=meeting.id, area=area.id)).get_data(as_text=True)
    label = re.search(f'<label class="form-check-label" for="{box}">(.*?)</label>', html)[1]
    assert label == f"⟦Restricted: only editors and admins can {hides} left out of reports unless included⟧"


def test_archiving_and_attaching_read_in_indonesian(app, make, tmp_path):
    """Through the committed catalogue: the words an Indonesian reader finds on a partnership's confirmation page
    and a meeting's attachments."""
    from app import create_app

    indonesian = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                            BABEL_TRANSLATION_DIRECTORIES=str(compiled_catalogues(tmp_path)))
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer", language="id")
    visitor = FormFiller(indonesian.test_client())
    visitor.sign_in(officer)
    make.partnership(make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan"),
                     slug="asean-pakistan")
    confirm = visitor.get("/partnerships/asean-pakistan/archive").get_data(as_text=True)
    assert "<h1 class=\"mt-2\">Arsipkan kemitraan “ASEAN–Pakistan”?</h1>" in confirm
    assert '<button type="submit" class="btn btn-primary">Arsipkan kemitraan</button>' in confirm
    archived = visitor.submit("/partnerships/asean-pakistan/archive", page="/partnerships/asean-pakistan/archive")
    assert "Kemitraan ini diarsipkan" in archived.get_data(as_text=True)
    india = make.partnership(make.organisation(name="Republic of India", short_name="India"), slug="asean-india")
    meeting = make.meeting(india, title="Courtesy call")
    page = visitor.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Tidak ada berkas yang dilampirkan pada pertemuan ini." in page
    assert 'data-drop-note="Anda juga dapat menyeret dan melepaskan berkas ke area ini"' in page
