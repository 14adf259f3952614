"""The versions of a meeting's summary, asks and commitments: written as a text is set, read for the meeting's history
of its texts, and two of them compared word by word.

A version is written in the same transaction as the meeting, whenever one of its texts is set to something new: the
first when the meeting is logged (a text left empty then has no version), so that version 1 is the original.
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.orm import joinedload

from app.auth.sessions import acting_user_id
from app.common.restricted import can_read_restricted
from app.extensions import db
from app.models import Meeting, MeetingText, MeetingTextRevision

#: What each text is called on the page, in the order the meeting page shows them.
TEXT_LABELS = {
    MeetingText.SUMMARY: _l("Summary"), MeetingText.ASKS: _l("Asks"), MeetingText.COMMITMENTS: _l("Commitments"),
}


def texts_of(meeting: Meeting) -> dict[MeetingText, str]:
    """The meeting's texts as they stand, empty ones as ""."""
    return {field: getattr(meeting, field.value) or "" for field in MeetingText}


def record_text_revisions(meeting: Meeting, before: dict[MeetingText, str]) -> list[MeetingTextRevision]:
    """Add a version of each text of ``meeting`` that differs from ``before`` (its texts when it was loaded)."""
    written = []
    for field, text in texts_of(meeting).items():
        if text != before[field]:
            revision = MeetingTextRevision(meeting=meeting, field=field, text=text or None,
                                           is_restricted=meeting.is_restricted, revised_by_id=acting_user_id())
            db.session.add(revision)
            written.append(revision)
    return written


@dataclass
class Version:
    """One version of a text as the history page shows it: numbered from 1, the original."""

    number: int
    revision: MeetingTextRevision
    #: The reader may not see what it says.
    hidden: bool

    @property
    def who(self) -> str:
        return self.revision.revised_by.name if self.revision.revised_by else gettext("System")

    @property
    def text(self) -> str:
        return self.revision.text or ""


@dataclass
class TextHistory:
    field: MeetingText
    versions: list[Version]

    @property
    def label(self) -> str:
        return str(TEXT_LABELS[self.field])

    def version(self, number: int | None) -> Version | None:
        return self.versions[number - 1] if number is not None and 0 < number <= len(self.versions) else None


def text_histories(meeting: Meeting) -> list[TextHistory]:
    """Every version of each of the meeting's texts, oldest first: one query."""
    revisions = db.session.scalars(
        sa.select(MeetingTextRevision).where(MeetingTextRevision.meeting_id == meeting.id)
        .options(joinedload(MeetingTextRevision.revised_by)).order_by(MeetingTextRevision.id)
    ).all()
    sees = can_read_restricted()
    histories = {field: TextHistory(field, []) for field in TEXT_LABELS}
    for revision in revisions:
        versions = histories[revision.field].versions
        hidden = not sees and (revision.is_restricted or meeting.is_restricted)
        versions.append(Version(len(versions) + 1, revision, hidden))
    return list(histories.values())


#: A word with the spaces after it: the unit compared, so that a changed word is marked, not the letters in it.
WORD = re.compile(r"\S+\s*|\s+")


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _marked(tag: str, said: str, words: Sequence[str]) -> tuple[Markup, str]:
    """The words in ``tag``, with the space after the last one left outside it (so that "[removed: cat]" reads as
    such), and that space."""
    text = "".join(words)
    core = text.rstrip()
    # The visible word is for those who cannot tell the colours apart, and for screen readers, which often say
    # nothing of <ins> and <del>.
    marked = Markup('<{tag}><span class="app-diff-said">[{said}:</span> {core}<span class="app-diff-said">]</span>'
                    '</{tag}>').format(tag=Markup(tag), said=said, core=core)
    return marked, text[len(core):]


def word_difference(before: str, after: str) -> Markup:
    """``after`` compared with ``before`` word by word, every piece escaped: words taken out in <del>, words put in
    in <ins>, each also said in words ("removed", "added")."""
    old, new = _words(before), _words(after)
    pieces: list[Markup | str] = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if operation == "equal":
            pieces.append("".join(old[i1:i2]))
            continue
        if operation in ("delete", "replace"):
            removed, space = _marked("del", gettext("removed"), old[i1:i2])
            pieces += [removed, space or " "] if operation == "replace" else [removed, space]
        if operation in ("insert", "replace"):
            pieces += _marked("ins", gettext("added"), new[j1:j2])
    # Markup.join escapes every piece that is plain text.
    return Markup("").join(pieces)
