"""The period report's annex lists the files of the window's records, by record, restricted ones only when the
report includes restricted notes; and every download of the report carries it."""

from datetime import UTC, date, datetime

from app.extensions import db
from app.reports.period import build_period_report
from tests.attachments import samples
from tests.attachments.conftest import attach
from tests.exports.conftest import docx_text, fetch, pdf_pages, period_url, workbook

YEAR_2024 = {"window": "year", "year": "2024"}


def annex(plan, *, include_restricted=False):
    figures = build_period_report(plan, date(2024, 1, 1), date(2024, 12, 31), generated_by="Desk Officer",
                                  now=datetime(2025, 1, 10, tzinfo=UTC), include_restricted=include_restricted)
    return [(row["record"], row["file_name"], row["type"], row["size"]) for row in figures["attachments"]]


def test_the_annex_lists_the_files_of_the_windows_records_by_record(signed_in, records, make):
    partnership = records.meeting.partnership
    plan = records.activity.plan
    secret = make.meeting(partnership, held_on=date(2024, 5, 2), title="Closed session", is_restricted=True)
    later = make.meeting(partnership, held_on=date(2025, 2, 1), title="Meeting after the window")
    attach(signed_in, records.meeting, [(samples.pdf(), "minutes.pdf"), (samples.png(), "group photo.png")])
    attach(signed_in, secret, [(samples.pdf(), "restricted minutes.pdf")])
    attach(signed_in, later, [(samples.pdf(), "not in 2024.pdf")])
    attach(signed_in, records.status_update, [(b"x" * 3000, "progress.txt")], kind="status_update")
    attach(signed_in, records.follow_up, [(samples.docx(), "draft work plan.docx")], kind="follow_up")
    line = records.activity.action_lines[0]
    course = make.activity(partnership, plan, [line], title="Diplomatic course", planned_starts_on=date(2024, 9, 2),
                           planned_ends_on=date(2024, 9, 13))
    attach(signed_in, course, [(b"y" * 200, "programme.txt")], kind="activity")
    # The files of another partnership's follow-ups and activities, in the same year, are not this report's.
    other = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    other_plan = make.plan(other)
    other_line = make.action_line(make.area(other_plan, make.pillar(other_plan)), code="1.1.1")
    attach(signed_in, make.follow_up(other, opened_on=date(2024, 4, 1)), [(b"z" * 10, "theirs.txt")],
           kind="follow_up")
    attach(signed_in, make.activity(other, other_plan, [other_line], planned_starts_on=date(2024, 9, 2)),
           [(b"z" * 10, "their course.txt")], kind="activity")
    # Archived files are left out.
    attach(signed_in, records.meeting, [(samples.pdf(), "superseded.pdf")])
    from app.models import Attachment
    db.session.scalars(db.select(Attachment).where(Attachment.file_name == "superseded.pdf")).one().archive()
    db.session.commit()

    pdf_size = f"{round(len(samples.pdf()) / 1024):,} KB" if len(samples.pdf()) >= 1024 else \
        f"{len(samples.pdf())} bytes"
    call = "Meeting: Courtesy call on the Secretary-General, 25 March 2024"
    expected = [
        (call, "group photo.png", "PNG image", f"{len(samples.png())} bytes"),
        (call, "minutes.pdf", "PDF", pdf_size),
        ("Status update of 2.1 as of 30 June 2024", "progress.txt", "text file", "3 KB"),
        (f"Follow-up: Share the draft work plan, agreed {records.follow_up.opened_on.day} March 2024",
         "draft work plan.docx", "Word document", f"{len(samples.docx())} bytes"),
        ("Activity: Diplomatic course", "programme.txt", "text file", "200 bytes"),
    ]
    assert annex(plan) == expected
    assert annex(plan, include_restricted=True) == [
        *expected[:2], ("Meeting: Closed session, 2 May 2024", "restricted minutes.pdf", "PDF", pdf_size),
        *expected[2:]]


def test_every_format_of_the_report_carries_the_annex(signed_in, records):
    attach(signed_in, records.meeting, [(samples.pdf(), "บันทึก.pdf")])
    plan = records.activity.plan
    page = fetch(signed_in, period_url(plan, slug=plan.partnership.slug, **YEAR_2024)).get_data(as_text=True)
    assert "Annex: attachments" in page and "บันทึก.pdf" in page
    word = docx_text(fetch(signed_in, period_url(plan, "docx", slug=plan.partnership.slug, **YEAR_2024)).data)
    assert "Annex: attachments" in word and "บันทึก.pdf" in word
    book = workbook(fetch(signed_in, period_url(plan, "xlsx", slug=plan.partnership.slug, **YEAR_2024)).data)
    rows = list(book["Attachments"].iter_rows(values_only=True))
    assert rows[0] == ("Attached to", "File", "Type", "Size")
    assert rows[1][:3] == ("Meeting: Courtesy call on the Secretary-General, 25 March 2024", "บันทึก.pdf", "PDF")
    pdf = "\n".join(pdf_pages(fetch(signed_in, period_url(plan, "pdf", slug=plan.partnership.slug, **YEAR_2024)).data))
    assert "Annex: attachments" in pdf
