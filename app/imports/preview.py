"""Preview, then confirm: the journey every import of records from a table shares.

An import is an ``Importer``: its template's columns, a row reader (a spreadsheet row to the values a service
takes, or the row's problems), a matcher (the record a row names already, by code or name: importing the same file
again changes nothing) and a creator (through the service the forms use, so the same rules apply); optionally an
updater, for a matched record whose values differ ("will change").

``preview_import`` only reads: row by row, what the import would create, change or find already there, and what is
wrong. ``confirm_import`` writes all or nothing, after checking that the preview the person confirmed (its
fingerprint) is still what the import would do now; every record it writes is audited as coming from the import.
The rows read from the file travel with the confirmation form as JSON, so the file is uploaded once.
"""

import base64
import hashlib
import json
import zlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.audit.services import recorded_as
from app.common.errors import DomainError
from app.common.numbers import page_number
from app.imports.messages import UPLOAD_AGAIN
from app.imports.table import Column, RowProblems, SheetRow

Values = TypeVar("Values")
Record = TypeVar("Record")

CHANGED_SINCE_PREVIEW = _l(
    "The records changed since the preview – check the new preview below and confirm the import again"
)


class RowState(StrEnum):
    NEW = "new"
    CHANGES = "changes"
    EXISTS = "exists"
    PROBLEM = "problem"


class Importer(ABC, Generic[Values, Record]):
    """One kind of record imported from a table: subclass it and fill in what it reads, matches and creates. An
    instance serves one request; one that imports into something (a plan, a partnership) takes it when made."""

    #: What the audit entries of the records it writes name as their source: "Import of organisations from a file".
    #: Stored, so in English whoever imports.
    source: str
    columns: list[Column]

    @abstractmethod
    def read(self, row: SheetRow) -> Values:
        """The values of ``row``, or ``RowProblems``; reads no record, but for what names them (an organisation, a
        code), read once for the whole file."""

    @abstractmethod
    def key(self, values: Values) -> str:
        """What a row is matched on (a code, a name ignoring case): two rows with the same key are the same record."""

    @abstractmethod
    def label(self, values: Values) -> str:
        """The row's record in a message, in the reader's language: "The post of Ambassador at Pakistan of Jane
        Doe"; a whole phrase of its own, as its words' order differs between languages."""

    @abstractmethod
    def existing(self, keys: set[str]) -> Mapping[str, Record]:
        """The records already there for ``keys``, by key: one query for the whole file."""

    def problems(self, row: SheetRow, values: Values, record: Record | None) -> list[str]:
        """What keeps a row that reads well from being imported, given the record it matches (a code used by
        another record, or by a row above); nothing by default. Called once per row, in the file's order, after
        ``existing``."""
        return []

    def changes(self, record: Record, values: Values) -> list[str]:
        """How importing ``values`` would change ``record`` ("Short name: PK → Pakistan"); empty when nothing would,
        always empty for an import that never changes what is there."""
        return []

    def notes(self, values: Values) -> list[str]:
        """What creating ``values`` brings with it, said beside the row ("Adds the person Jane Doe"); nothing by
        default. Called for a row to be created, after its ``problems``."""
        return []

    @abstractmethod
    def create(self, values: Values) -> object:
        """Save a new record through the service its form uses; a ``DomainError`` refuses the whole import, said
        with the row's number."""

    def update(self, record: Record, values: Values) -> object:
        """Change ``record`` as ``changes`` said; only called when it said something, so an import whose
        ``changes`` never says anything need not define it."""
        raise TypeError(f"{type(self).__name__} said a record would change but cannot change one")


@dataclass
class PreviewRow:
    row: SheetRow
    state: RowState
    changes: list[str] = field(default_factory=list)

    @property
    def problem(self) -> str | None:
        return self.row.problems[0] if self.row.problems else None


@dataclass
class ImportPreview(Generic[Values, Record]):
    rows: list[PreviewRow]
    #: Per row, what it was read as and the record it matched (None for a row with a problem, or a new record).
    _read: list[tuple[Values | None, Record | None]]

    def count(self, state: RowState | str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def problems(self) -> int:
        return self.count(RowState.PROBLEM)

    @property
    def fingerprint(self) -> str:
        """Changes whenever what the import would do changes: the rows, what happens to each, and how."""
        said = json.dumps([[row.row.number, row.row.values, row.state, row.changes] for row in self.rows])
        return hashlib.sha256(said.encode()).hexdigest()

    def writes(self) -> list[tuple[RowState, SheetRow, Values, Record | None]]:
        return [(row.state, row.row, values, record)
                for row, (values, record) in zip(self.rows, self._read, strict=True)
                if row.state in (RowState.NEW, RowState.CHANGES) and values is not None]


def preview_import(importer: Importer[Values, Record], rows: list[SheetRow]) -> ImportPreview[Values, Record]:
    """What importing ``rows`` would do, row by row. Reads only; adds to each row's problems."""
    read: list[Values | None] = []
    for row in rows:
        try:
            read.append(importer.read(row) if not row.problems else None)
        except RowProblems as refused:
            row.problems.extend(refused.problems)
            read.append(None)
    keys = {importer.key(values) for values in read if values is not None}
    known = importer.existing(keys)
    first_row: dict[str, int] = {}
    shown: list[PreviewRow] = []
    matched: list[tuple[Values | None, Record | None]] = []
    for row, values in zip(rows, read, strict=True):
        record = None
        if values is not None:
            key = importer.key(values)
            record = known.get(key)
            if key in first_row:
                row.problems.append(gettext("%(record)s is also in row %(row)s – keep one of them",
                                            record=importer.label(values), row=first_row[key]))
            first_row.setdefault(key, row.number)
            row.problems.extend(importer.problems(row, values, record))
        changes = importer.changes(record, values) if record is not None and values is not None else []
        state = (RowState.PROBLEM if row.problems else RowState.NEW if record is None
                 else RowState.CHANGES if changes else RowState.EXISTS)
        if state is RowState.NEW and values is not None:
            changes = importer.notes(values)
        shown.append(PreviewRow(row, state, changes))
        matched.append((values, record))
    return ImportPreview(shown, matched)


def confirm_import(importer: Importer[Values, Record], rows: list[SheetRow], *,
                   previewed: str) -> ImportPreview[Values, Record]:
    """Create and change what the preview of ``rows`` said, all or nothing, audited as ``importer.source``.

    ``previewed`` is the fingerprint of the preview the person confirmed: if the records (or the rows) changed since,
    nothing is saved and a ``DomainError`` on "file" says so, as it does for a row a service refuses. Flushes, never
    commits (the route's one commit saves it all, a refusal rolls it all back).
    """
    preview = preview_import(importer, rows)
    if preview.fingerprint != previewed:
        raise DomainError("file", str(CHANGED_SINCE_PREVIEW))
    if preview.problems:
        raise DomainError("file", problems_message(preview.problems))
    with recorded_as(importer.source):
        for state, row, values, record in preview.writes():
            try:
                if state is RowState.NEW:
                    importer.create(values)
                elif record is not None:
                    importer.update(record, values)
            except DomainError as error:
                raise DomainError("file", gettext("Row %(row)s: %(problem)s", row=row.number,
                                                  problem=error.message)) from None
            except IntegrityError:
                # Saved by someone else at the very moment of these writes: refused by the database itself.
                raise DomainError("file", str(CHANGED_SINCE_PREVIEW)) from None
    return preview


def problems_message(count: int) -> str:
    # The count in the page's own digits (%(num)s would be Python's, without a thousands separator).
    return ngettext("%(count)s row has a problem – correct the file where the preview shows it, then upload it "
                    "again", "%(count)s rows have a problem – correct the file where the preview shows it, then "
                    "upload it again", count, count=page_number(count))


def pack_rows(rows: list[SheetRow]) -> str:
    """The rows as read from the file (before the preview adds its problems, worked out again on confirming), as the
    confirmation form carries them: JSON, compressed, so that a file near the size limit comes back within the
    request limit."""
    packed = json.dumps([[row.number, row.values, row.problems] for row in rows], separators=(",", ":"))
    return base64.urlsafe_b64encode(zlib.compress(packed.encode(), 6)).decode()


def unpack_rows(value: str | None, columns: list[Column], limit: int) -> list[SheetRow]:
    """The rows a confirmation form carries, unpacked to ``limit`` bytes at most; a form altered or cut short is sent
    back to upload the file again."""
    headings = [column.heading for column in columns]
    try:
        unpacking = zlib.decompressobj()
        packed = unpacking.decompress(base64.urlsafe_b64decode(value or ""), limit + 1)
        if len(packed) > limit or not unpacking.eof:
            raise ValueError("more than a file within the limits gives")
        rows = [SheetRow(int(number), {heading: str(values[heading]) for heading in headings},
                         [str(problem) for problem in problems])
                for number, values, problems in json.loads(packed)]
    except (ValueError, TypeError, KeyError, zlib.error):
        raise DomainError("file", str(UPLOAD_AGAIN)) from None
    if not rows:
        raise DomainError("file", str(UPLOAD_AGAIN))
    return rows
