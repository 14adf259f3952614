"""Attaching files through each record's own form, with CSRF on: what is kept, and every refusal said beside the
file field with nothing kept."""

import io
import re
from html import unescape

import pytest

from tests.attachments import samples
from tests.attachments.conftest import PAGES, attach, stored
from tests.conftest import csrf_token

MB = 1024 * 1024


def error_beside_files(response) -> str:
    """The message beside the file field (and so in the summary at the top, with the same words)."""
    html = response.get_data(as_text=True)
    beside = re.search(r'<p id="files-error"[^>]*>\s*<span class="visually-hidden">Error:</span>(.*?)</p>', html, re.S)
    assert beside, "no message beside the file field"
    message = " ".join(unescape(beside.group(1)).split())
    assert f'href="#files">{message}</a>' in " ".join(unescape(html).split())
    return message


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_several_files_are_attached_at_once_to_each_kind_of_record(signed_in, records, kind):
    record = getattr(records, kind)
    answer = attach(signed_in, record, [(samples.pdf(), "minutes.pdf"), (samples.png(), "photo.png")],
                    description="Signed at the JSCC", kind=kind)

    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and answer.request.path == PAGES[kind][0].format(id=record.id)
    assert "2 files attached to" in page and "minutes.pdf, photo.png" in page
    assert stored() == [("minutes.pdf", "application/pdf", len(samples.pdf()), "Signed at the JSCC"),
                        ("photo.png", "image/png", len(samples.png()), "Signed at the JSCC")]
    # Listed on the record's page: name, type, size, who attached it, the description.
    assert "2 files attached to this" in page
    assert ">minutes.pdf</a>" in page and "PDF" in page and "Desk Officer" in page and "Signed at the JSCC" in page


def test_names_in_any_script_are_kept_and_documents_of_each_kind_are_recognised(signed_in, records):
    attach(signed_in, records.meeting, [(samples.docx(), "บันทึก.docx"), (samples.MINUTES_TEXT, "minutes.csv"),
                                        (samples.MINUTES_TEXT, "../../etc/notes.txt")])
    assert [row[:2] for row in stored()] == [
        ("บันทึก.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("minutes.csv", "text/csv"),
        ("notes.txt", "text/plain"),  # no folders: only the file's own name is kept
    ]


REFUSALS = [
    ([], "Select one or more files to attach"),
    ([(samples.pdf(), "minutes.pdf"), (b"", "empty.pdf")], "empty.pdf is empty: choose the file again, or another "
                                                          "copy of it"),
    ([(samples.ELF, "minutes.pdf")], "minutes.pdf is a program, not a document: only documents and images can be "
                                     "attached"),
    ([(samples.WINDOWS_PROGRAM, "letter.docx")], "letter.docx is a program, not a document: only documents and "
                                                 "images can be attached"),
    ([(samples.SHELL_SCRIPT, "minutes.pdf")], "minutes.pdf is a program, not a document: only documents and images "
                                              "can be attached"),
    ([(samples.pdf(script="app.alert('opened')"), "statement.pdf")],
     "statement.pdf contains JavaScript or starts another program: save it again without scripts (for example, "
     "print it to PDF) and attach that copy"),
    ([(samples.pdf_with_script_in_object_stream(), "statement.pdf")],
     "statement.pdf contains JavaScript or starts another program: save it again without scripts (for example, "
     "print it to PDF) and attach that copy"),
    ([(samples.png(), "minutes.pdf")], "minutes.pdf is a PNG image but its name ends in .pdf: rename it to end in "
                                       ".png"),
    ([(b"\x1f\x8b\x08\x00" + bytes(20), "archive.gz")], "archive.gz is not a kind of file that can be attached: "
                                                        "attach a PDF (.pdf), a Word document (.docx)"),
]


@pytest.mark.parametrize(("files", "message"), REFUSALS, ids=[
    "nothing chosen", "empty file", "ELF program", "Windows program", "shell script", "PDF with JavaScript",
    "script in object stream", "name disagrees", "kind not allowed"])
def test_a_refused_upload_says_why_beside_the_field_and_keeps_nothing(signed_in, records, files, message):
    answer = attach(signed_in, records.meeting, files, description="Kept as typed")
    assert answer.status_code == 200
    assert error_beside_files(answer).startswith(message)
    page = answer.get_data(as_text=True)
    assert page.startswith("<!doctype html>") and "<title>Error: Attach files to" in page
    assert 'value="Kept as typed"' in page
    assert stored() == []


def test_a_file_over_the_limit_is_refused(app, signed_in, records, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 2048)
    answer = attach(signed_in, records.meeting, [(samples.MINUTES_TEXT, "notes.txt"),
                                                 (b"a" * 2049, "long.txt")])
    assert error_beside_files(answer) == "long.txt is larger than 2 KB: each file must be 2 KB or smaller"
    assert stored() == []
    attach(signed_in, records.meeting, [(b"a" * 2048, "exactly.txt")])
    assert [row[0] for row in stored()] == ["exactly.txt"]


def test_files_past_the_total_for_a_record_are_refused_counting_those_it_holds(app, signed_in, records,
                                                                               monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_RECORD_MAX_BYTES", 5000)
    attach(signed_in, records.meeting, [(b"a" * 3000, "first.txt")])
    answer = attach(signed_in, records.meeting, [(b"b" * 1000, "second.txt"), (b"c" * 1100, "third.txt")])
    # 3,000 + 1,000 + 1,100 = 5,100 bytes: 5 KB rounded, over the 5,000 allowed (also shown as 5 KB).
    assert error_beside_files(answer) == (
        "These files would bring the attachments of this meeting to 5 KB: together they must be 5 KB or less. "
        "Archive files it no longer needs, or attach smaller ones")
    assert [row[0] for row in stored()] == ["first.txt"]


def test_a_request_past_the_size_the_server_reads_gets_the_form_with_a_message(app, signed_in, records,
                                                                               monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_RECORD_MAX_BYTES", 4096)
    # The form may carry what a record may hold and a megabyte more: past that, the body is not read at all.
    answer = attach(signed_in, records.meeting, [(b"a" * (4096 + 1024 * 1024), "big.txt")])
    assert answer.status_code == 413
    assert error_beside_files(answer) == ("The files chosen are larger than 4 KB together: attach fewer or smaller "
                                          "files at a time")
    assert stored() == []


def test_files_larger_than_other_forms_may_send_can_be_attached(app, signed_in, records, monkeypatch):
    """Other forms keep MAX_CONTENT_LENGTH; the forms that attach files take as much as a record may hold."""
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 4096)
    attach(signed_in, records.meeting, [(b"a" * 3000, "one.txt"), (b"b" * 3000, "two.txt")])
    assert [row[:3] for row in stored()] == [("one.txt", "text/plain", 3000), ("two.txt", "text/plain", 3000)]


def test_viewers_read_the_list_but_cannot_attach(as_role, records, make):
    viewer = as_role("viewer")
    page = viewer.get(f"/meetings/{records.meeting.id}").get_data(as_text=True)
    assert "No files are attached to this meeting." in page and "Attach files" not in page
    refused = viewer.client.post(f"/meetings/{records.meeting.id}/attachments", content_type="multipart/form-data",
                                 data={"csrf_token": csrf_token(page), "files": [(io.BytesIO(samples.pdf()), "a.pdf")]})
    assert refused.status_code == 403
    assert stored() == []


def test_a_request_too_large_from_someone_not_signed_in_names_no_record(app, client, records, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_RECORD_MAX_BYTES", 4096)
    answer = client.post(f"/meetings/{records.meeting.id}/attachments", content_type="multipart/form-data",
                         data={"files": [(io.BytesIO(b"a" * (4096 + 1024 * 1024)), "big.txt")]})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 413 and "What you sent is too large" in page
    assert "Courtesy call on the Secretary-General" not in page
    assert stored() == []


def test_text_posted_in_place_of_files_is_no_file_chosen(signed_in, records):
    page = signed_in.get(f"/meetings/{records.meeting.id}").get_data(as_text=True)
    answer = signed_in.client.post(f"/meetings/{records.meeting.id}/attachments",
                                   data={"csrf_token": csrf_token(page), "files": "minutes.pdf", "description": ""})
    assert error_beside_files(answer) == "Select one or more files to attach"
    assert stored() == []
