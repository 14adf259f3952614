"""What a file is, read from its own bytes: the kinds of file the desk may attach, and the ones it never may.

The standard library suffices for the short list the desk keeps: each kind has a fixed signature at its start,
Office and OpenDocument files are ZIP archives whose table of contents names what they hold, and text is text.
A name or a browser's word for the type is never trusted; the name's extension must agree with what was read.
"""

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class FileKind:
    """A kind of file: the key the settings name it by, its media type, the words shown, the extensions it takes.
    The words read in the page's language, and in English in report files (made in English)."""

    key: str
    media_type: str
    label: str
    extensions: tuple[str, ...]


KINDS = {kind.key: kind for kind in (
    FileKind("pdf", "application/pdf", _l("PDF"), (".pdf",)),
    FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _l("Word document"),
             (".docx",)),
    FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _l("Excel workbook"),
             (".xlsx",)),
    FileKind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
             _l("PowerPoint presentation"), (".pptx",)),
    # The older Office formats share one container; which program wrote it is not in its first bytes.
    FileKind("office97", "application/x-ole-storage", _l("Office 97-2003 document"), (".doc", ".xls", ".ppt")),
    FileKind("odt", "application/vnd.oasis.opendocument.text", _l("OpenDocument text"), (".odt",)),
    FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", _l("OpenDocument spreadsheet"), (".ods",)),
    FileKind("jpeg", "image/jpeg", _l("JPEG image"), (".jpg", ".jpeg")),
    FileKind("png", "image/png", _l("PNG image"), (".png",)),
    FileKind("gif", "image/gif", _l("GIF image"), (".gif",)),
    FileKind("webp", "image/webp", _l("WebP image"), (".webp",)),
    FileKind("text", "text/plain", _l("text file"), (".txt",)),
    FileKind("csv", "text/csv", _l("CSV file"), (".csv",)),
)}

#: Where the older Office formats take their media type from, once their container is read: the extension.
OFFICE97_TYPES = {".doc": "application/msword", ".xls": "application/vnd.ms-excel",
                  ".ppt": "application/vnd.ms-powerpoint"}
OFFICE97_LABELS = {"application/msword": _l("Word 97-2003 document"),
                   "application/vnd.ms-excel": _l("Excel 97-2003 workbook"),
                   "application/vnd.ms-powerpoint": _l("PowerPoint 97-2003 presentation")}

SIGNATURES = (
    (b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"),
    (b"GIF89a", "gif"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office97"),
)
#: Programs, whatever their name says: ELF (Linux), PE (Windows), Mach-O (macOS), a script with its interpreter line.
PROGRAMS = (b"\x7fELF", b"MZ", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
            b"\xca\xfe\xba\xbe", b"#!")
OOXML_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx"))
ODF_TYPES = {"application/vnd.oasis.opendocument.text": "odt",
             "application/vnd.oasis.opendocument.spreadsheet": "ods"}

def type_label(media_type: str) -> str:
    """"PDF", "Word document": the words a list shows for a stored media type."""
    found = next((kind.label for kind in KINDS.values() if kind.media_type == media_type), None)
    return str(found or OFFICE97_LABELS.get(media_type, media_type))


PROGRAM = "program"
UNKNOWN = "unknown"


def kind_of(content: bytes) -> str:
    """The key of the kind ``content`` is (a key of ``KINDS``), else ``PROGRAM`` or ``UNKNOWN``."""
    if content.startswith(PROGRAMS):
        return PROGRAM
    for signature, key in SIGNATURES:
        if content.startswith(signature):
            return key
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    if content.startswith(b"PK\x03\x04"):
        return _archive_kind(content)
    return "text" if _is_text(content) else UNKNOWN


def _archive_kind(content: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    declared = entry.read(100).decode("ascii", "replace").strip()
                return ODF_TYPES.get(declared, UNKNOWN)
            if "[Content_Types].xml" in names:
                return next((key for part, key in OOXML_PARTS if part in names), UNKNOWN)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        pass
    return UNKNOWN


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


# PDF scripts ------------------------------------------------------------------------------------------------------

#: A name in PDF syntax: a slash and the characters up to the next delimiter; #xx stands for one byte.
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
#: Names that make a PDF run something when opened or clicked: scripts, and launching another program.
SCRIPT_NAMES = {b"JS", b"JavaScript", b"Launch"}
#: The most a PDF's compressed streams may expand to, in all, while they are read for scripts.
INFLATE_BUDGET = 64 * 1024 * 1024


@dataclass(frozen=True)
class PdfFindings:
    has_script: bool
    is_encrypted: bool
    #: Its compressed streams expand past ``INFLATE_BUDGET``: the rest was not read, so it cannot be vouched for.
    is_unread: bool


def read_pdf(content: bytes) -> PdfFindings:
    """Whether a PDF carries script (in its objects, or inside its compressed object streams) or is encrypted (its
    objects could then hide script from this reading)."""
    names = set(_names(content))
    budget = INFLATE_BUDGET
    for stream in PDF_STREAM.finditer(content):
        inflated = _inflate(stream[1], budget)
        budget -= len(inflated)
        names.update(_names(inflated))
        if names & SCRIPT_NAMES or budget <= 0:
            break
    return PdfFindings(has_script=bool(names & SCRIPT_NAMES), is_encrypted=b"Encrypt" in names,
                       is_unread=budget <= 0)


def _names(content: bytes) -> Iterator[bytes]:
    for match in PDF_NAME.finditer(content):
        yield PDF_ESCAPE.sub(lambda escape: bytes([int(escape[1], 16)]), match[1])


def _inflate(data: bytes, budget: int) -> bytes:
    try:
        return zlib.decompressobj().decompress(data, max(budget, 1))
    except zlib.error:
        return b""
