"""The words pages shared by several kinds of record say about one of them: archiving and restoring it, and the files
attached to it.

Each message is whole, one per kind of record, rather than a sentence with the kind's name slotted in: Indonesian
puts its words in another order ("Arsipkan kemitraan", "Kemitraan ini diarsipkan") and a translator needs the whole
sentence. Messages holding a name or a size take it by ``%`` (``words.archived % {"name": record}``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext


@dataclass(frozen=True)
class ArchiveWords:
    """What the archive and restore buttons, the archived notice, the confirmation page and the banners say."""

    archive: str  # the button, and the confirmation page's own
    restore: str
    question: str  # the confirmation page's heading, with %(name)s
    is_archived: str  # the notice on an archived record's page
    already_archived: str
    back: str
    archived: str  # the banners, with %(name)s
    restored: str


#: By the kind named in ``add_archive_routes`` and in the ``archive_controls`` and ``archived_notice`` macros.
ARCHIVE_WORDS = {
    "partnership": ArchiveWords(
        _l("Archive partnership"), _l("Restore partnership"), _l("Archive partnership “%(name)s”?"),
        _l("This partnership is archived"), _l("This partnership is already archived."),
        _l("Back to the partnership"), _l("Partnership archived: %(name)s"), _l("Partnership restored: %(name)s")),
    "organisation": ArchiveWords(
        _l("Archive organisation"), _l("Restore organisation"), _l("Archive organisation “%(name)s”?"),
        _l("This organisation is archived"), _l("This organisation is already archived."),
        _l("Back to the organisation"), _l("Organisation archived: %(name)s"),
        _l("Organisation restored: %(name)s")),
    "person": ArchiveWords(
        _l("Archive person"), _l("Restore person"), _l("Archive person “%(name)s”?"),
        _l("This person is archived"), _l("This person is already archived."),
        _l("Back to the person"), _l("Person archived: %(name)s"), _l("Person restored: %(name)s")),
    "plan": ArchiveWords(
        _l("Archive plan"), _l("Restore plan"), _l("Archive plan “%(name)s”?"),
        _l("This plan is archived"), _l("This plan is already archived."),
        _l("Back to the plan"), _l("Plan archived: %(name)s"), _l("Plan restored: %(name)s")),
    "cooperation area": ArchiveWords(
        _l("Archive cooperation area"), _l("Restore cooperation area"), _l("Archive cooperation area “%(name)s”?"),
        _l("This cooperation area is archived"), _l("This cooperation area is already archived."),
        _l("Back to the cooperation area"), _l("Cooperation area archived: %(name)s"),
        _l("Cooperation area restored: %(name)s")),
    "action line": ArchiveWords(
        _l("Archive action line"), _l("Restore action line"), _l("Archive action line “%(name)s”?"),
        _l("This action line is archived"), _l("This action line is already archived."),
        _l("Back to the action line"), _l("Action line archived: %(name)s"), _l("Action line restored: %(name)s")),
    "meeting": ArchiveWords(
        _l("Archive meeting"), _l("Restore meeting"), _l("Archive meeting “%(name)s”?"),
        _l("This meeting is archived"), _l("This meeting is already archived."),
        _l("Back to the meeting"), _l("Meeting archived: %(name)s"), _l("Meeting restored: %(name)s")),
    "follow-up": ArchiveWords(
        _l("Archive follow-up"), _l("Restore follow-up"), _l("Archive follow-up “%(name)s”?"),
        _l("This follow-up is archived"), _l("This follow-up is already archived."),
        _l("Back to the follow-up"), _l("Follow-up archived: %(name)s"), _l("Follow-up restored: %(name)s")),
    "activity": ArchiveWords(
        _l("Archive activity"), _l("Restore activity"), _l("Archive activity “%(name)s”?"),
        _l("This activity is archived"), _l("This activity is already archived."),
        _l("Back to the activity"), _l("Activity archived: %(name)s"), _l("Activity restored: %(name)s")),
    "attachment": ArchiveWords(
        _l("Archive attachment"), _l("Restore attachment"), _l("Archive attachment “%(name)s”?"),
        _l("This attachment is archived"), _l("This attachment is already archived."),
        _l("Back to the attachment"), _l("Attachment archived: %(name)s"),
        _l("Attachment restored: %(name)s")),
}


@dataclass(frozen=True)
class AttachmentWords:
    """What a record's attachments section and upload page say about the record."""

    none_attached: str
    attached: Callable[[int], str]  # the list's caption, for the number of files
    hint: str  # the file field's, with %(each)s and %(total)s
    too_much: str  # the refusal, with %(total)s and %(limit)s
    back: str
    saved: str  # where a form posted twice is sent: "here is the meeting with its attachments"


#: By the kind of record files are attached to (``app/attachments/services.py``'s ``RECORD_KINDS``).
ATTACHMENT_WORDS = {
    "meeting": AttachmentWords(
        _l("No files are attached to this meeting."),
        lambda num: ngettext("%(num)s file attached to this meeting", "%(num)s files attached to this meeting", num),
        _l("PDF, Word, Excel, PowerPoint, OpenDocument, image, text or CSV files, up to %(each)s each and %(total)s "
           "in all for this meeting; you can choose several at once"),
        _l("These files would bring the attachments of this meeting to %(total)s: together they must be %(limit)s "
           "or less. Archive files it no longer needs, or attach smaller ones"),
        _l("Back to the meeting"), _l("the meeting with its attachments")),
    "status update": AttachmentWords(
        _l("No files are attached to this status update."),
        lambda num: ngettext("%(num)s file attached to this status update",
                             "%(num)s files attached to this status update", num),
        _l("PDF, Word, Excel, PowerPoint, OpenDocument, image, text or CSV files, up to %(each)s each and %(total)s "
           "in all for this status update; you can choose several at once"),
        _l("These files would bring the attachments of this status update to %(total)s: together they must be "
           "%(limit)s or less. Archive files it no longer needs, or attach smaller ones"),
        _l("Back to the status update"), _l("the status update with its attachments")),
    "follow-up": AttachmentWords(
        _l("No files are attached to this follow-up."),
        lambda num: ngettext("%(num)s file attached to this follow-up", "%(num)s files attached to this follow-up",
                             num),
        _l("PDF, Word, Excel, PowerPoint, OpenDocument, image, text or CSV files, up to %(each)s each and %(total)s "
           "in all for this follow-up; you can choose several at once"),
        _l("These files would bring the attachments of this follow-up to %(total)s: together they must be "
           "%(limit)s or less. Archive files it no longer needs, or attach smaller ones"),
        _l("Back to the follow-up"), _l("the follow-up with its attachments")),
    "activity": AttachmentWords(
        _l("No files are attached to this activity."),
        lambda num: ngettext("%(num)s file attached to this activity", "%(num)s files attached to this activity",
                             num),
        _l("PDF, Word, Excel, PowerPoint, OpenDocument, image, text or CSV files, up to %(each)s each and %(total)s "
           "in all for this activity; you can choose several at once"),
        _l("These files would bring the attachments of this activity to %(total)s: together they must be "
           "%(limit)s or less. Archive files it no longer needs, or attach smaller ones"),
        _l("Back to the activity"), _l("the activity with its attachments")),
}
