"""A cell as every import reads it: its text, and whether the file gave a formula rather than a value."""

from datetime import date, datetime, time
from typing import NamedTuple


class Cell(NamedTuple):
    text: str
    is_formula: bool = False


#: A sheet's rows as read, each with its row number in the file (counting blank rows, as the spreadsheet does).
Rows = list[tuple[int, list[Cell]]]


def cell_text(value: object) -> str:
    """A cell's value as text: whole numbers without ".0", an Excel date as 2025-03-04, spaces run together."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return " ".join(str(value).split())
