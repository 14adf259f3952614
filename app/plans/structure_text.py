"""Reading a plan's structure from text pasted straight from the plan document.

"1. Political-Security Cooperation" is a pillar, "1.1 Trade" a cooperation area, "1.1.1 Promote ..." an action line
(a code of three parts or more). A heading without a number is a pillar when it is written in capitals, or when it
stands alone (after a blank line or at the start) and numbered items follow it. A line without a number that is
not a heading continues the item above it: the document's wrapping is undone. "a) ..." and "(ii) ..." are parts
of the action line above them and are added to its text. Bullets in front of a line are dropped, and so is a
code's trailing dot ("2.1.3." is 2.1.3). Nothing here reads the database: the rows say what the text holds.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum


class RowKind(StrEnum):
    PILLAR = "pillar"
    AREA = "area"
    LINE = "line"


@dataclass
class TextRow:
    """One pillar, area or action line as the text (or a file) gives it. A pillar has no code of its own: ``code``
    is its number in the text, None for a heading without one (which the preview checks is one), "" from a file.
    ``parent`` is the pillar's name for an area, the area's code for an action line; ``line_number`` is where the
    item starts in the pasted text (its row in a file)."""

    kind: RowKind
    code: str | None
    text: str
    line_number: int
    parent: str | None = None
    problems: list[str] = field(default_factory=list)


BULLET = re.compile(r"^[\u2022\u2023\u25aa\u25cf\u25e6\u00b7\u2013\u2014*\-]\s+")
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$")
SUB_ITEM = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})\)\s+\S")
#: "I. ", "IV. ", "A. " before a heading: the document's own numbering of its pillars, not part of the name.
HEADING_NUMBER = re.compile(r"^(?:[IVX]{1,4}|[A-Z])[.)]\s+")


def _is_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _numbered(line: str) -> tuple[str, str] | None:
    found = NUMBERED.match(line)
    return (found.group(1), found.group(2).strip()) if found else None


def _kind(code: str) -> RowKind:
    depth = code.count(".") + 1
    return RowKind.PILLAR if depth == 1 else RowKind.AREA if depth == 2 else RowKind.LINE


def _clean(raw: str) -> str:
    return BULLET.sub("", " ".join(raw.split()))


def _heading_stands_alone(lines: list[str], index: int) -> bool:
    """A line after a blank line (or first), whose next non-blank line is numbered."""
    if index > 0 and lines[index - 1]:
        return False
    following = next((line for line in lines[index + 1:] if line), None)
    return following is not None and _numbered(following) is not None


def read_structure(text: str) -> list[TextRow]:
    """The pillars, areas and action lines of ``text`` in document order, each with its parent."""
    lines = [_clean(raw) for raw in text.splitlines()]
    rows: list[TextRow] = []
    pillar: str | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        numbered = _numbered(line)
        last = rows[-1] if rows else None
        if numbered is not None:
            code, words = numbered
            kind = _kind(code)
            parent = pillar if kind is RowKind.AREA else code.rsplit(".", 1)[0] if kind is RowKind.LINE else None
            row = TextRow(kind, code, words, index + 1, parent)
            if kind is RowKind.PILLAR:
                pillar = words
            rows.append(row)
        elif SUB_ITEM.match(line) and last is not None and last.kind is RowKind.LINE:
            last.text = f"{last.text} {line}".strip()
        elif _is_capitals(line) or last is None or _heading_stands_alone(lines, index):
            pillar = HEADING_NUMBER.sub("", line)
            rows.append(TextRow(RowKind.PILLAR, None, pillar, index + 1))
        else:
            last.text = f"{last.text} {line}".strip()
    return rows
