"""Attaching files to a record: each file read and checked, then all of them kept, or none when one is refused."""

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_decimal, gettext, ngettext
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value
from werkzeug.datastructures import FileStorage

from app.attachments.kinds import KINDS, OFFICE97_TYPES, PROGRAM, UNKNOWN, FileKind, kind_of, read_pdf
from app.common.errors import DomainError
from app.common.numbers import page_number
from app.common.record_words import ATTACHMENT_WORDS
from app.extensions import db
from app.models import Activity, Attachment, FollowUpAction, Meeting, StatusUpdate, User
from app.models.attachment import Record

FIELD = "files"
#: What RFC 5987 lets stand unquoted in a header's extended value, beside letters and digits.
RFC5987_SAFE = "!#$&+-.^_`|~"
#: The longest file name kept (the column's length); a longer one is shortened before its extension.
NAME_LIMIT = 255
DESCRIPTION_LIMIT = 500
#: Characters never kept in a file name: path separators, and what a header or a file system would trip on.
UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|;]')


@dataclass(frozen=True)
class Limits:
    """The settings: bytes per file, bytes per record (its attachments in use together), the kinds allowed."""

    per_file: int
    per_record: int
    kinds: tuple[FileKind, ...]

    @classmethod
    def from_settings(cls) -> "Limits":
        config = current_app.config
        return cls(config["ATTACHMENT_MAX_BYTES"], config["ATTACHMENT_RECORD_MAX_BYTES"],
                   tuple(KINDS[key] for key in config["ATTACHMENT_TYPES"]))


@dataclass(frozen=True)
class Upload:
    """A file read from the request and found fit to keep."""

    file_name: str
    media_type: str
    content: bytes


def size_text(size: int) -> str:
    """"512 bytes", "13 KB", "2.4 MB": sizes as the desk reads them (1 KB = 1,024 bytes), in the page's language
    ("2,4 MB"); in English in report files."""
    if size < 1024:
        return ngettext("%(num)s byte", "%(num)s bytes", size)
    if size < 1024 * 1024:
        return gettext("%(size)s KB", size=page_number(round(size / 1024)))
    megabytes = size / (1024 * 1024)
    if megabytes >= 10:
        return gettext("%(size)s MB", size=page_number(round(megabytes)))
    # Rounded as English rounds it, then written with the language's decimal sign.
    return gettext("%(size)s MB", size=format_decimal(Decimal(f"{megabytes:.1f}"), "0.0"))


def clean_name(name: str | None) -> str:
    """The file name as uploaded, safe to show and to send back: no folders, no control or unsafe characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in name)
    name = " ".join(UNSAFE_IN_NAME.sub("_", name).split()).strip(" .")
    stem, extension = os.path.splitext(name)
    if len(name) > NAME_LIMIT:
        stem = stem[:NAME_LIMIT - len(extension[:20])]
        name = stem + extension[:20]
    return name if stem else f"attachment{extension}"


def content_disposition(name: str) -> str:
    """``attachment`` with the file's name (RFC 6266): an ASCII fallback for old clients, and when the name is not
    ASCII, the name itself in UTF-8 (RFC 5987), which every current browser uses."""
    stem, extension = os.path.splitext(name)
    plain = " ".join(unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().split()).strip(" .")
    fallback = (plain or "attachment") + extension.encode("ascii", "ignore").decode()
    header = f'attachment; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=UTF-8''{quote(name, safe=RFC5987_SAFE)}"
    return header


def read_uploads(files: Sequence[object], limits: Limits) -> list[Upload]:
    """Each file read and checked; the first refusal raises ``DomainError`` naming the file and what to do. What
    is not a file (text posted under the field's name) is no file chosen."""
    chosen = [file for file in files if isinstance(file, FileStorage) and file.filename]
    if not chosen:
        raise DomainError(FIELD, gettext("Select one or more files to attach"))
    return [_checked(file, limits) for file in chosen]


def _checked(file: FileStorage, limits: Limits) -> Upload:
    name = clean_name(file.filename)
    # One byte past the limit tells a file over it from one exactly at it, without reading the rest.
    content = file.stream.read(limits.per_file + 1)
    if not content:
        raise DomainError(FIELD, gettext("%(name)s is empty: choose the file again, or another copy of it", name=name))
    if len(content) > limits.per_file:
        raise DomainError(FIELD, gettext("%(name)s is larger than %(limit)s: each file must be %(limit)s or smaller",
                                         name=name, limit=size_text(limits.per_file)))
    key = kind_of(content)
    if key == PROGRAM:
        raise DomainError(FIELD, gettext("%(name)s is a program, not a document: only documents and images can be "
                                         "attached", name=name))
    kind = KINDS.get(key)
    if kind is None or key == UNKNOWN or kind not in limits.kinds:
        raise DomainError(FIELD, gettext("%(name)s is not a kind of file that can be attached: attach %(kinds)s",
                                         name=name, kinds=_kinds_text(limits.kinds)))
    extension = os.path.splitext(name)[1].lower()
    if kind.key == "text" and extension == ".csv" and KINDS["csv"] in limits.kinds:
        kind = KINDS["csv"]
    if extension not in kind.extensions:
        raise DomainError(FIELD, gettext(
            "%(name)s is a %(kind)s but its name ends in %(extension)s: rename it to end in %(extensions)s",
            name=name, kind=kind.label, extension=extension or gettext("no extension"),
            extensions=_either(kind.extensions)))
    if kind.key == "pdf":
        _check_pdf(name, content)
    media_type = OFFICE97_TYPES[extension] if kind.key == "office97" else kind.media_type
    return Upload(name, media_type, content)


def _check_pdf(name: str, content: bytes) -> None:
    findings = read_pdf(content)
    if findings.has_script:
        raise DomainError(FIELD, gettext("%(name)s contains JavaScript or starts another program: save it again "
                                         "without scripts (for example, print it to PDF) and attach that copy",
                                         name=name))
    if findings.is_encrypted:
        raise DomainError(FIELD, gettext("%(name)s is encrypted or password-protected: save a copy without a password "
                                         "and attach that", name=name))
    if findings.is_unread:
        raise DomainError(FIELD, gettext("%(name)s could not be read through to its end: save it again as a plain PDF "
                                         "and attach that copy", name=name))


def _kinds_text(kinds: Iterable[FileKind]) -> str:
    """"a PDF (.pdf), a Word document (.docx) or a CSV file (.csv)": each kind whole, for the article English puts
    before it and Indonesian does not."""
    return _either([gettext("a %(kind)s (%(extensions)s)", kind=kind.label, extensions=", ".join(kind.extensions))
                    for kind in kinds])


def _either(choices: Sequence[str]) -> str:
    """"A, B or C", in the page's language."""
    if len(choices) < 2:
        return "".join(choices)
    return gettext("%(choices)s or %(last)s", choices=", ".join(choices[:-1]), last=choices[-1])


def attach_files(record: Record, uploads: Sequence[Upload], description: str | None, officer: User,
                 limits: Limits) -> list[Attachment]:
    """Attach ``uploads`` to ``record``, each with ``description``; refused whole when together with the files the
    record already has in use they pass the limit per record."""
    held = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Attachment.size), 0))
                             .where(record_column(record) == record.id, Attachment.archived_at.is_(None))) or 0
    total = held + sum(len(upload.content) for upload in uploads)
    if total > limits.per_record:
        raise DomainError(FIELD, ATTACHMENT_WORDS[noun_of(record)].too_much % {
            "total": size_text(total), "limit": size_text(limits.per_record)})
    attachments = [
        Attachment(**{record_key(record): record.id}, file_name=upload.file_name, media_type=upload.media_type,
                   size=len(upload.content), sha256=hashlib.sha256(upload.content).hexdigest(),
                   content=upload.content, description=description, uploaded_by=officer)
        for upload in uploads
    ]
    db.session.add_all(attachments)
    db.session.flush()
    return attachments


#: Per kind of record: its attachment column, and the noun the desk uses for it (in English: the key of its words in
#: ``ATTACHMENT_WORDS``).
RECORD_KINDS: dict[type[Record], tuple[str, str]] = {
    Meeting: ("meeting_id", "meeting"), StatusUpdate: ("status_update_id", "status update"),
    FollowUpAction: ("follow_up_id", "follow-up"), Activity: ("activity_id", "activity"),
}


def record_key(record: Record) -> str:
    return RECORD_KINDS[type(record)][0]


def record_column(record: Record) -> sa.orm.InstrumentedAttribute[int | None]:
    column: sa.orm.InstrumentedAttribute[int | None] = getattr(Attachment, record_key(record))
    return column


def noun_of(record: Record) -> str:
    return RECORD_KINDS[type(record)][1]


def attachments_of(record: Record) -> list[Attachment]:
    """The record's attachments, in use first then archived, oldest first; their bytes are not read."""
    attachments = list(db.session.scalars(
        sa.select(Attachment).where(record_column(record) == record.id)
        .options(selectinload(Attachment.uploaded_by))
        .order_by(Attachment.archived_at.is_not(None), Attachment.uploaded_at, Attachment.id)
    ))
    relationship = RECORD_KINDS[type(record)][0].removesuffix("_id")
    for attachment in attachments:
        # Their record is the one at hand: asking an attachment for it reads nothing more.
        set_committed_value(attachment, relationship, record)
    return attachments


def attachment_with_record(attachment_id: int) -> Attachment | None:
    """The attachment with its record and uploader loaded, its bytes not yet read."""
    return db.session.scalar(
        sa.select(Attachment).where(Attachment.id == attachment_id)
        .options(*(selectinload(getattr(Attachment, name)) for name in
                   ("meeting", "status_update", "follow_up", "activity", "uploaded_by")))
    )
