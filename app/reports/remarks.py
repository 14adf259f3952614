"""The remarks a desk writes for a report made by `flask report period --remarks FILE`: a TOML file (UTF-8).

It holds the way forward of the whole report and, if wanted, the remarks and way forward of any cooperation area
(``[area."CODE"]``) and action line (``[action_line."CODE"]``) of the report, by code::

    # ASEAN–Pakistan, calendar year 2025
    way_forward = \"\"\"
    Hold the 9th JSCC in Islamabad in the first half of 2026.
    Agree the work plan on the digital economy before the 9th JSCC.
    \"\"\"

    [area."2.1"]
    remarks = "Trade dialogue resumed after the 8th JSCC."
    way_forward = "Propose the business forum's dates at the 9th JSCC."

    [action_line."2.1.3"]
    remarks = "First dialogue of the trade promotion bodies held in October."

A text given in the file replaces, in this report, the draft written on the report page for that area or line;
what it leaves out stays as drafted. A report with remarks reads as final (its cover says when it was prepared); one
without is a draft, marked DRAFT on every page.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.models import REMARK_MAX
from app.reports.period_figures import ActionLineFigures, AreaFigures, PeriodFigures

#: As on the report page's form (app.reports.forms.IssueReportForm).
WAY_FORWARD_MAX = 10_000
KNOWN = ("way_forward",)
#: The tables of remarks on each area and action line, keyed by code, and what each may hold.
SUBJECTS = {"area": "area", "action_line": "action line"}
TEXTS = ("remarks", "way_forward")


class RemarksError(ValueError):
    """What is wrong with a remarks file, in one sentence naming the file."""


#: The texts given for one subject: "remarks" and/or "way_forward".
Texts = dict[str, str]


@dataclass(frozen=True)
class Remarks:
    way_forward: str
    #: The texts given for each area and each action line, by code.
    areas: dict[str, Texts] = field(default_factory=dict)
    action_lines: dict[str, Texts] = field(default_factory=dict)


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
        if name not in KNOWN and name not in SUBJECTS:
            raise RemarksError(f"The remarks file {path} has {name!r}, which is not a remark: give way_forward, "
                               f"[area.\"CODE\"] or [action_line.\"CODE\"]")
    way_forward = entries.get("way_forward")
    if not isinstance(way_forward, str) or not way_forward.strip():
        raise RemarksError(f"The remarks file {path} has no way forward: write way_forward = \"\"\"...\"\"\"")
    way_forward = way_forward.strip()
    if len(way_forward) > WAY_FORWARD_MAX:
        raise RemarksError(f"The way forward in {path} is {len(way_forward):,} characters long: it must be "
                           f"{WAY_FORWARD_MAX:,} characters or less")
    return Remarks(way_forward, _subjects(path, "area", entries.get("area", {})),
                   _subjects(path, "action_line", entries.get("action_line", {})))


def _subjects(path: Path, kind: str, tables: Any) -> dict[str, Texts]:
    """The texts of each ``[kind."CODE"]`` table, checked."""
    if not isinstance(tables, dict) or not all(isinstance(table, dict) for table in tables.values()):
        raise RemarksError(f"The remarks file {path} has {kind} as a value: write a table for each "
                           f"{SUBJECTS[kind]}, [{kind}.\"CODE\"]")
    found: dict[str, Texts] = {}
    for code, table in tables.items():
        where = f"[{kind}.\"{code}\"]"
        texts: Texts = {}
        for key, value in table.items():
            if key not in TEXTS:
                raise RemarksError(f"The remarks file {path} has {key!r} under {where}, which is not a remark: "
                                   f"give remarks or way_forward")
            if not isinstance(value, str):
                raise RemarksError(f"The {key.replace('_', ' ')} under {where} in {path} is not text: write "
                                   f"{key} = \"...\"")
            value = value.strip()
            if len(value) > REMARK_MAX:
                raise RemarksError(f"The {key.replace('_', ' ')} under {where} in {path} is {len(value):,} "
                                   f"characters long: it must be {REMARK_MAX:,} characters or less")
            texts[key] = value
        found[code.strip()] = texts
    return found


def put_in(report: PeriodFigures, remarks: Remarks, path: Path) -> None:
    """Write the file's texts into ``report`` over the drafts; ``RemarksError`` for a code that is not in it."""
    report["way_forward"] = remarks.way_forward
    areas = {area["code"]: area for pillar in report["pillars"] for area in pillar["areas"]}
    lines: dict[str, list[ActionLineFigures]] = {}
    for area in areas.values():
        for line in area["action_lines"]:
            lines.setdefault(line["code"], []).append(line)
    for kind, given, known in (("area", remarks.areas, areas), ("action_line", remarks.action_lines, lines)):
        for code in given:
            if code not in known:
                raise RemarksError(f"The remarks file {path} has [{kind}.\"{code}\"], which is not an "
                                   f"{SUBJECTS[kind]} of this report: its codes are {', '.join(known) or 'none'}")
    for code in remarks.action_lines:
        if len(lines[code]) > 1:
            # Codes are unique within an area only: a plan that numbers each area's lines from 1 repeats them.
            in_areas = ", ".join(area["code"] for area in areas.values()
                                 if any(line["code"] == code for line in area["action_lines"]))
            raise RemarksError(f"The remarks file {path} has [action_line.\"{code}\"], which is the code of "
                               f"{len(lines[code])} action lines of this report (in areas {in_areas}): write their "
                               f"remarks on the report page")
    for code, texts in remarks.areas.items():
        _write(areas[code], texts)
    for code, texts in remarks.action_lines.items():
        _write(lines[code][0], texts)


def _write(subject: AreaFigures | ActionLineFigures, texts: Texts) -> None:
    subject["remarks"] = texts.get("remarks", subject["remarks"])
    subject["way_forward"] = texts.get("way_forward", subject["way_forward"])
