"""The remarks a desk writes for a report made by `flask report period --remarks FILE`: a TOML file (UTF-8).

Today it holds the way forward of the whole report::

    # ASEAN–Pakistan, calendar year 2025
    way_forward = \"\"\"
    Hold the 9th JSCC in Islamabad in the first half of 2026.
    Agree the work plan on the digital economy before the 9th JSCC.
    \"\"\"

A report with remarks reads as final (its cover says when it was prepared); one without is a draft, marked DRAFT on
every page. Remarks on one cooperation area or action line will be tables keyed by its code, beside the way
forward, ``[area."2.1"]`` and ``[action_line."2.1.3"]``, each with ``remarks`` and ``way_forward``: the names are
kept for them (``LATER``) and refused with a message until the report reads them.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

#: As on the report page's form (app.reports.forms.IssueReportForm).
WAY_FORWARD_MAX = 10_000
KNOWN = ("way_forward",)
#: Tables kept for the remarks on each area and action line, keyed by code.
LATER = ("area", "action_line")


class RemarksError(ValueError):
    """What is wrong with a remarks file, in one sentence naming the file."""


@dataclass(frozen=True)
class Remarks:
    way_forward: str


def read_remarks(path: Path) -> Remarks:
    """The remarks in the file at ``path``; ``RemarksError`` with what to fix when it cannot be used."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise RemarksError(f"Cannot read the remarks file {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise RemarksError(f"The remarks file {path} is not UTF-8 text: save it as UTF-8") from error
    try:
        entries = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RemarksError(f"The remarks file {path} is not valid TOML: {error}") from error
    for name in entries:
        if name in LATER:
            raise RemarksError(f"The remarks file {path} has remarks for each {name.replace('_', ' ')}, which this "
                               f"version does not print yet: give only way_forward")
        if name not in KNOWN:
            raise RemarksError(f"The remarks file {path} has {name!r}, which is not a remark: give way_forward")
    way_forward = entries.get("way_forward")
    if not isinstance(way_forward, str) or not way_forward.strip():
        raise RemarksError(f"The remarks file {path} has no way forward: write way_forward = \"\"\"...\"\"\"")
    way_forward = way_forward.strip()
    if len(way_forward) > WAY_FORWARD_MAX:
        raise RemarksError(f"The way forward in {path} is {len(way_forward):,} characters long: it must be "
                           f"{WAY_FORWARD_MAX:,} characters or less")
    return Remarks(way_forward=way_forward)
