"""An entry's id says where it comes in a list of results: its kind, then its date, newest first, then its record,
newest first, with two flags at the bottom. So the text index, which hands back ids alone and is quickest reading
them upwards, can give each kind's newest hits first, stop after a page, and leave out archived records and reports
for editors only, without reading a single entry.

From the top bit down: the kind's place in ``SearchKind`` (new kinds go at the end, or every id must be made
again), the record's own date counted back from the last day there can be (none: after every date), the record's
id counted back the same way, archived, a report with restricted notes.
"""

from datetime import date

from app.models import SearchKind

#: Bits of each part, from the bottom.
FLAG_BITS = 2
RECORD_BITS = 31
DAY_BITS = 22
KIND_SHIFT = FLAG_BITS + RECORD_BITS + DAY_BITS
ARCHIVED = 1
REPORT_FOR_EDITORS = 2
FLAGS = (ARCHIVED, REPORT_FOR_EDITORS)
KIND_NUMBERS = {kind: number for number, kind in enumerate(SearchKind)}


def entry_id(kind: SearchKind, day: date | None, record_id: int, *, archived: bool, for_editors: bool) -> int:
    # Ordinals start at 1, so an undated record's number is above every date's.
    days_back = (1 << DAY_BITS) - 1 - (day.toordinal() if day else 0)
    records_back = (1 << RECORD_BITS) - 1 - record_id
    flags = (ARCHIVED if archived else 0) | (REPORT_FOR_EDITORS if for_editors else 0)
    return (((KIND_NUMBERS[kind] << DAY_BITS | days_back) << RECORD_BITS | records_back) << FLAG_BITS) | flags


def kind_range(kind: SearchKind) -> tuple[int, int]:
    """The ids of ``kind``: from the first, up to but not including the second."""
    number = KIND_NUMBERS[kind]
    return number << KIND_SHIFT, (number + 1) << KIND_SHIFT


def hidden_flags(*, include_archived: bool, restricted: bool) -> int:
    """The flags an entry must not have to be shown: archived unless asked for, editors' reports to viewers."""
    return (0 if include_archived else ARCHIVED) | (0 if restricted else REPORT_FOR_EDITORS)
