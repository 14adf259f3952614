"""Matters arising as a Word document the secretariat circulates before a committee's next meeting: the follow-ups
still open, what became of the last meeting's, the status changes and activities completed since, and the proposed
agenda. Laid out as the period report is (``app.exports.word``): headings Word's navigation pane lists, captioned
tables whose header row repeats on each page, A4 with the title above each page."""

import io
from datetime import UTC, date, datetime

from docx import Document
from docx.document import Document as WordDocument

from app.common.dates import long_date
from app.common.restricted import RESTRICTED_ACTION, for_reader
from app.exports.properties import Properties, desk_name, set_word_properties
from app.exports.word import plural
from app.exports.word_pages import set_up_pages
from app.exports.word_tables import TABLE_FONT_SIZE, TABLE_GRID, add_rows, heading
from app.exports.xml_text import xml_safe
from app.meetings.arising import OWED_BY_US, MattersArising, state_text
from app.models import FollowUpAction


def _follow_up_rows(arising: MattersArising, follow_ups: list[FollowUpAction], today: date,
                    with_meeting: bool) -> tuple[list[str], list[list[str]]]:
    headings = ["Follow-up", *(["Agreed at"] if with_meeting else []), "Owner", "Due", "State", "Last chase"]
    chased = arising.last_chased
    rows = []
    for action in follow_ups:
        row = [str(for_reader(action.title, action, RESTRICTED_ACTION))]
        if with_meeting:
            row.append(action.meeting.name if action.meeting else "")
        row += [action.owner_name, long_date(action.due_on, "No due date"), state_text(action, today)]
        row.append(long_date(chased[action.id], "Not chased") if action.id in chased else str(OWED_BY_US))
        rows.append(row)
    return headings, rows


def _paragraphs(document: WordDocument, text: str) -> None:
    for line in text.splitlines():
        document.add_paragraph(line)


def arising_docx(arising: MattersArising, today: date) -> bytes:
    """The matters arising for the next meeting as a .docx, with restricted notes only for who may read them."""
    meeting = arising.last
    title = f"Matters arising for the {arising.next_name}"
    since = long_date(meeting.held_on, "date not known")
    document = Document()
    set_up_pages(document, f"{meeting.partnership.name}: {title}")
    set_word_properties(document, Properties(
        title=title, subject=f"{meeting.partnership.name}: what the {arising.last_name} left open",
        author=desk_name(), created=datetime.now(UTC).replace(microsecond=0)))
    document.styles[TABLE_GRID].font.size = TABLE_FONT_SIZE
    heading(document, xml_safe(title), level=0)
    document.add_paragraph(xml_safe(f"{meeting.partnership.name}. Since the {arising.last_name} ({since}); "
                                    f"as of {long_date(today)}."))

    heading(document, "Open follow-ups from earlier meetings", level=1)
    if not arising.earlier:
        document.add_paragraph(f"The {arising.last_name} is the first recorded meeting of this series: nothing is "
                               "carried over from earlier meetings.")
    elif arising.carried_over:
        headings, rows = _follow_up_rows(arising, arising.carried_over, today, with_meeting=True)
        caption = f"{plural(len(rows), 'follow-up')} still to do from {arising.earlier_name}"
        add_rows(document, caption, headings, xml_safe(rows))
    else:
        document.add_paragraph(f"No follow-up from {arising.earlier_name} is still open.")

    heading(document, f"Commitments of the {arising.last_name}", level=1)
    commitments = for_reader(meeting.commitments, meeting)
    _paragraphs(document, xml_safe(commitments or "No commitments were recorded."))
    if arising.last_follow_ups:
        headings, rows = _follow_up_rows(arising, arising.last_follow_ups, today, with_meeting=False)
        add_rows(document, f"Follow-ups agreed at the {arising.last_name} and what became of them", headings,
                 xml_safe(rows))
    else:
        document.add_paragraph(f"No follow-ups were recorded for the {arising.last_name}.")

    heading(document, f"Status changes since the {arising.last_name}", level=1)
    if meeting.held_on is None:
        document.add_paragraph(f"The date of the {arising.last_name} is not known, so the changes since it cannot "
                               "be told.")
    elif arising.plan is None:
        document.add_paragraph(f"{meeting.partnership.name} has no plan in force today.")
    elif arising.status_changes:
        add_rows(document, f"Areas and action lines of the {arising.plan.title}",
                 ["Area or action line", "From", "To", "Changed on"],
                 xml_safe([[f"{change.kind} {change.code} {change.name}", change.before, change.after,
                            long_date(change.changed_on)] for change in arising.status_changes]))
    else:
        document.add_paragraph(f"No area or action line of the {arising.plan.title} has changed status since "
                               f"{since}.")

    heading(document, f"Activities completed since the {arising.last_name}", level=1)
    if meeting.held_on is not None and arising.completed_activities:
        count = len(arising.completed_activities)
        add_rows(document, f"{count} {'activity' if count == 1 else 'activities'} completed since {since}",
                 ["Activity", "Kind", "Completed on"],
                 xml_safe([[item.activity.title, item.activity.kind.label, long_date(item.completed_on)]
                           for item in arising.completed_activities]))
    elif meeting.held_on is None:
        document.add_paragraph(f"The date of the {arising.last_name} is not known, so the activities completed "
                               "since it cannot be told.")
    else:
        document.add_paragraph(f"No activity was completed since {since}.")

    heading(document, f"Proposed agenda for the {arising.next_name}", level=1)
    _paragraphs(document, xml_safe(arising.agenda))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
