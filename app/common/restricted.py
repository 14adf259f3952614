"""Restricted notes on pages: editors and admins read them, viewers see a placeholder in their place.

Meetings (summary, asks, commitments), follow-up actions (title, description) and status updates (note) carry
``is_restricted``. Pages ask ``for_reader`` or the ``restricted_text`` macro rather than checking roles
themselves, so a new page cannot forget the rule; both read only the record already loaded (no query). Outside a
request (an e-mail sent by a command) the ``*_for`` variants name the reader.
"""

from typing import Literal, TypeVar

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField

from app.models import IssuedReport, Role, User

T = TypeVar("T")

#: What a viewer reads in place of a restricted note.
RESTRICTED_NOTE = "Restricted note: visible to editors and admins"
#: What a viewer reads in place of a restricted follow-up's title; the follow-up is still listed and counted.
RESTRICTED_ACTION = "Restricted follow-up action"
#: What a viewer reads in place of the name of a file attached to a restricted record.
RESTRICTED_ATTACHMENT = "Restricted attachment"
#: The same words on pages, in the page's language, and in e-mails, in their reader's. The English ones above go
#: where text is kept or sent on (the search index, calendar feeds, report files), which must not change with the
#: language of whoever saved.
PAGE_PLACEHOLDERS = {
    "RESTRICTED_NOTE": _l("Restricted note: visible to editors and admins"),
    "RESTRICTED_ACTION": _l("Restricted follow-up action"),
    "RESTRICTED_ATTACHMENT": _l("Restricted attachment"),
}


def may_read_restricted(reader: object) -> bool:
    """Whether ``reader`` (a user, or the visitor who has not signed in) may read restricted notes."""
    return isinstance(reader, User) and reader.is_authenticated and reader.can(Role.EDITOR)


def can_read_restricted() -> bool:
    return may_read_restricted(current_user)


def may_open(record: object) -> bool:
    """Whether the person reading may open ``record``'s page, and so its history.

    A record is open to every signed-in reader, its restricted notes replaced by placeholders; but an issued report
    is frozen with its notes in its document, so one that includes restricted notes is for editors and admins only.
    """
    if isinstance(record, IssuedReport):
        return not (record.figures or {}).get("include_restricted") or can_read_restricted()
    return True


def hidden_from(reader: object, record: object) -> bool:
    """True when ``record`` is restricted and ``reader`` may not see its notes."""
    return bool(getattr(record, "is_restricted", False)) and not may_read_restricted(reader)


def hidden_from_reader(record: object) -> bool:
    """True when ``record`` is restricted and the person reading the page may not see its notes."""
    return hidden_from(current_user, record)


def for_user(reader: object, value: T, record: object, placeholder: str = RESTRICTED_NOTE) -> T | str:
    """``value`` as plain text for ``reader``: the placeholder when it is hidden from them."""
    return placeholder if hidden_from(reader, record) else value


def for_reader(value: T, record: object, placeholder: str = RESTRICTED_NOTE) -> T | str:
    """``value`` as plain text for the person reading: the placeholder when it is hidden from them."""
    return for_user(current_user, value, record, placeholder)


#: The "Restricted" checkbox's words, by what it hides: whole sentences, one for each.
RESTRICTED_CHECKBOX_LABELS = {
    "note": _l("Restricted: only editors and admins can see this note, and it is left out of reports unless "
               "included"),
    "follow-up": _l("Restricted: only editors and admins can see this follow-up action, and it is left out of "
                    "reports unless included"),
    "activity notes": _l("Restricted: only editors and admins can see the notes, and they are left out of reports "
                         "unless included"),
    "meeting notes": _l("Restricted: only editors and admins can see the summary, asks and commitments, and they "
                        "are left out of reports unless included"),
}


def restricted_checkbox(hides: Literal["note", "follow-up", "activity notes", "meeting notes"]) -> BooleanField:
    """The "Restricted" checkbox of a form, saying what it hides (a key of ``RESTRICTED_CHECKBOX_LABELS``)."""
    return BooleanField(RESTRICTED_CHECKBOX_LABELS[hides], false_values=("", "0", "false"))
