"""What a record's page shows of its files, loaded by the route (templates never query)."""

from dataclasses import dataclass

from app.attachments import services
from app.attachments.forms import AttachmentForm
from app.attachments.records import upload_url
from app.common.record_words import ATTACHMENT_WORDS, AttachmentWords
from app.models import Attachment
from app.models.attachment import Record


@dataclass(frozen=True)
class AttachmentSection:
    """What a record's page shows of its files: the list, and the form to attach more (for editors)."""

    record: Record
    words: AttachmentWords  # what the section says about the record
    attachments: list[Attachment]
    form: AttachmentForm
    upload_url: str


def attachment_section(record: Record, form: AttachmentForm | None = None) -> AttachmentSection:
    return AttachmentSection(record, ATTACHMENT_WORDS[services.noun_of(record)], services.attachments_of(record),
                             form or AttachmentForm(formdata=None), upload_url(record))
