"""The period report as typed tables, the one source of the spreadsheet sheets, the CSV files and Word's tables.

Cells keep their types (dates as dates, shares as fractions) so each format writes them its own way: Excel as
date and percentage cells, CSV as ISO dates and whole percentages.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.common.numbers import percent
from app.exports.copies import Copy, is_draft
from app.implementation.coverage import Coverage
from app.reports.as_of import at_end, counted_on, not_ended_note
from app.reports.lists import list_total
from app.reports.period_figures import (
    ActionLineFigures,
    AreaFigures,
    Choice,
    FollowUpFigures,
    LineActivity,
    MeetingFigures,
    PeriodFigures,
    PillarFigures,
)

NO_STATUS = "No status recorded"
#: A cell of a table, in its own type: text, a count, a share (0 to 1), a date, or empty.
Value = str | int | float | date | None


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    #: A share between 0 and 1, shown as a whole percentage.
    PERCENT = "percent"
    #: An amount of money, as the report keeps it: text exact to the cent ("15000.00").
    AMOUNT = "amount"


@dataclass(frozen=True)
class Column:
    heading: str
    kind: Kind = Kind.TEXT
    #: The widest a column grows in a spreadsheet, in characters; long text wraps beyond it.
    max_width: int = 50


@dataclass
class Table:
    title: str
    #: The file name stem in the CSV archive.
    name: str
    columns: list[Column]
    rows: list[list[Value]]


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def whole_percent(value: float) -> int:
    """A share as the pages show it: a whole percentage, halves rounded up."""
    return percent(round(value * 10_000), 10_000)


def status_label(status: Choice | None) -> str:
    return status["label"] if status else NO_STATUS


def areas_with_pillars(report: PeriodFigures) -> Iterator[tuple[PillarFigures, AreaFigures]]:
    for pillar in report["pillars"]:
        for area in pillar["areas"]:
            yield pillar, area


def overview_rows(report: PeriodFigures, copy: Copy = Copy.RECIPIENT) -> list[tuple[str, Value, Kind]]:
    """The report's headline figures as (what, value, kind), for the spreadsheet's first sheet; who issued or made
    it in the desk's working copy only."""
    start, end = Coverage(**report["coverage"]["start"]), Coverage(**report["coverage"]["end"])
    counts = report["follow_up_counts"]
    partnership = report["partnership"]
    issued = report.get("issued")
    rows: list[tuple[str, Value, Kind]] = [
        ("Report", report["title"], Kind.TEXT),
        ("Partnership", partnership["name"], Kind.TEXT),
        ("Status", partnership["status"] or NO_STATUS, Kind.TEXT),
        ("Level", partnership["level"] or "", Kind.TEXT),
        ("Plan", f"{report['plan']['title']} ({report['plan']['kind']})", Kind.TEXT),
        ("Plan starts", day(report["plan"]["starts_on"]), Kind.DATE),
        ("Plan ends", day(report["plan"]["ends_on"]), Kind.DATE),
        ("Report period", report["window"]["name"], Kind.TEXT),
        ("Report period starts", day(report["window"]["starts_on"]), Kind.DATE),
        ("Report period ends", day(report["window"]["ends_on"]), Kind.DATE),
        ("Figures counted as of", day(counted_on(report)), Kind.DATE),
        ("Action lines", end.total, Kind.NUMBER),
        ("Being addressed or addressed at the start", start.covered, Kind.NUMBER),
        ("Being addressed or addressed at the start (share)", share(start.covered, start.total), Kind.PERCENT),
        ("Being addressed or addressed at the end", end.covered, Kind.NUMBER),
        ("Being addressed or addressed at the end (share)", share(end.covered, end.total), Kind.PERCENT),
        ("Addressed only at the start (share)", share(start.addressed, start.total), Kind.PERCENT),
        ("Addressed only at the end (share)", share(end.addressed, end.total), Kind.PERCENT),
        ("Meetings held in the period", list_total(report, "meetings"), Kind.NUMBER),
        *((f"Meetings: {row['label']}", row["count"], Kind.NUMBER) for row in report["meetings_by_type"]),
        ("Follow-ups agreed in the period", counts["opened"], Kind.NUMBER),
        ("Follow-ups completed in the period", counts["completed"], Kind.NUMBER),
        *((("Follow-ups cancelled in the period", counts["cancelled"], Kind.NUMBER),)
          if counts["cancelled"] is not None else ()),
        (f"Follow-ups open {at_end(report)}", counts["open_at_end"], Kind.NUMBER),
        (f"Follow-ups overdue {at_end(report)}", counts["overdue_at_end"], Kind.NUMBER),
    ]
    if note := not_ended_note(report):
        rows.append(("Note", note, Kind.TEXT))
    if issued:
        who, when = ("Issued by", issued["by"]), ("Issued on", issued["at"])
    elif is_draft(report):
        who = ("Generated by", f"{report['generated_by']} (not issued)")
        when = ("Generated on" if copy is Copy.WORKING else "Draft prepared on", report["generated_at"])
    else:
        who, when = ("Prepared by", report["generated_by"]), ("Prepared on", report["generated_at"])
    if copy is Copy.WORKING:
        rows.append((*who, Kind.TEXT))
    rows.append((when[0], day(when[1][:10]), Kind.DATE))
    if report["way_forward"]:
        rows.append(("Way forward", report["way_forward"], Kind.TEXT))
    return rows


def areas_table(report: PeriodFigures) -> Table:
    columns = [
        Column("Pillar", max_width=30), Column("Code", max_width=10), Column("Cooperation area", max_width=40),
        Column("Focal point", max_width=30), Column("Status at the start"), Column("Status at the end"),
        Column("Action lines", Kind.NUMBER), Column("Addressed at the end", Kind.NUMBER),
        Column("Being addressed at the end", Kind.NUMBER),
        Column("Being addressed or addressed at the start", Kind.PERCENT),
        Column("Being addressed or addressed at the end", Kind.PERCENT),
        Column("Addressed only at the end", Kind.PERCENT),
        Column("Status changes in the period", Kind.NUMBER), Column("Meetings discussing it", Kind.NUMBER),
        Column("Follow-ups", Kind.NUMBER), Column("Remarks", max_width=70), Column("Way forward", max_width=70),
    ]
    rows: list[list[Value]] = []
    for pillar, area in areas_with_pillars(report):
        start, end = Coverage(**area["coverage_start"]), Coverage(**area["coverage_end"])
        rows.append([
            pillar["name"], area["code"], area["name"], area["focal_point"] or "",
            status_label(area["status_start"]), status_label(area["status_end"]),
            end.total, end.addressed, end.being_addressed,
            share(start.covered, start.total), share(end.covered, end.total), share(end.addressed, end.total),
            list_total(area, "changes"), list_total(area, "meetings"), list_total(area, "follow_ups"),
            area["remarks"], area["way_forward"],
        ])
    return Table("Areas", "areas", columns, rows)


def action_lines_table(report: PeriodFigures) -> Table:
    columns = [Column("Pillar", max_width=30), Column("Area code", max_width=10),
               Column("Cooperation area", max_width=40), Column("Code", max_width=12),
               Column("Action line", max_width=70), Column("Status at the start"), Column("Status at the end"),
               Column("Remarks", max_width=70), Column("Way forward", max_width=70)]
    rows: list[list[Value]] = [
        [pillar["name"], area["code"], area["name"], line["code"], line["text"],
         line["status_start"]["label"], line["status_end"]["label"], line["remarks"], line["way_forward"]]
        for pillar, area in areas_with_pillars(report) for line in area["action_lines"]
    ]
    return Table("Action lines", "action-lines", columns, rows)


def status_changes_table(report: PeriodFigures, copy: Copy = Copy.RECIPIENT) -> Table:
    """Every status change of the period; who recorded each, in the desk's working copy only."""
    working = copy is Copy.WORKING
    columns = [Column("Pillar", max_width=30), Column("Area code", max_width=10),
               Column("Cooperation area", max_width=40), Column("As of", Kind.DATE), Column("Of", max_width=24),
               Column("Status"), Column("Progress", Kind.PERCENT), Column("Note", max_width=70),
               *([Column("By", max_width=30)] if working else [])]
    rows: list[list[Value]] = [
        [pillar["name"], area["code"], area["name"], day(change["as_of"]), change["subject"],
         change["status_label"], None if change["progress"] is None else change["progress"] / 100,
         change["note"], *([change["author"]] if working else [])]
        for pillar, area in areas_with_pillars(report) for change in area["changes"]
    ]
    return Table("Status changes", "status-changes", columns, rows)


def meetings_table(report: PeriodFigures, meetings: list[MeetingFigures] | None = None) -> Table:
    """Every meeting of the report, or only ``meetings`` of them."""
    columns = [Column("Date", Kind.DATE), Column("Meeting", max_width=50), Column("Type", max_width=40),
               Column("Venue", max_width=40), Column("Areas discussed", max_width=60),
               Column("Participants", Kind.NUMBER)]
    rows: list[list[Value]] = [
        [day(m["held_on"]), m["name"], m["type_label"], m["venue"] or "", ", ".join(m["areas"]), m["participants"]]
        for m in (report["meetings"] if meetings is None else meetings)
    ]
    return Table("Meetings", "meetings", columns, rows)


def follow_ups_table(report: PeriodFigures, follow_ups: list[FollowUpFigures] | None = None) -> Table:
    """The follow-ups open at the window's end, as the report's own section lists them (or only ``follow_ups``)."""
    columns = [Column("Follow-up", max_width=60), Column("From meeting", max_width=40),
               Column("Owner", max_width=30), Column("Agreed", Kind.DATE), Column("Due", Kind.DATE),
               Column("State")]
    rows: list[list[Value]] = [
        [f["title"], f["meeting"] or "", f["owner"], day(f["opened_on"]), day(f["due_on"]), f["state_label"]]
        for f in (report["open_follow_ups"] if follow_ups is None else follow_ups)
    ]
    return Table("Follow-ups", "follow-ups", columns, rows)


def matrix_table(report: PeriodFigures) -> Table:
    """The implementation matrix, one row per action line and activity of the window: a line with none has a row of
    its own, its activity cells empty. The line's remarks and way forward are on each of its rows, so a filtered
    row still reads whole."""
    columns = [Column("Pillar", max_width=16), Column("Area code", max_width=8),
               Column("Cooperation area", max_width=24), Column("Code", max_width=9),
               Column("Action line", max_width=40), Column("Status at the start", max_width=16),
               Column("Status at the end", max_width=16), Column("Activity", max_width=36),
               Column("Kind", max_width=18), Column("Planned start", Kind.DATE), Column("Planned end", Kind.DATE),
               Column("Actual start", Kind.DATE), Column("Actual end", Kind.DATE), Column("State", max_width=14),
               Column("Funding source", max_width=24), Column("Funded by", max_width=24),
               Column("Amount", Kind.AMOUNT), Column("Currency", max_width=9), Column("Remarks", max_width=40),
               Column("Way forward", max_width=40)]
    rows: list[list[Value]] = []
    for pillar, area in areas_with_pillars(report):
        for line in area["action_lines"]:
            place: list[Value] = [pillar["name"], area["code"], area["name"], line["code"], line["text"],
                                  line["status_start"]["label"], line["status_end"]["label"]]
            written: list[Value] = [line["remarks"], line["way_forward"]]
            rows += [[*place, *activity, *written] for activity in activity_cells(line)]
    return Table("Matrix", "matrix", columns, rows)


def activity_cells(line: ActionLineFigures) -> Iterator[list[Value]]:
    """The cells of each activity under ``line``; one row of empty cells when it has none."""
    activities: list[LineActivity] = line["activities"]
    if not activities:
        yield [None] * 11
    for a in activities:
        yield [a["title"], a["kind"], day(a["planned_starts_on"]), day(a["planned_ends_on"]),
               day(a["actual_starts_on"]), day(a["actual_ends_on"]), status_label(a["state"]),
               a["funding_source"]["label"], a["funded_by"] or "", a["amount"], a["currency"] or ""]


def matrix_areas_table(report: PeriodFigures) -> Table:
    """The matrix's summary by area, in the words of the report ("2 of 3 (67%)"), with what the desk wrote for
    each area."""
    columns = [Column("Pillar", max_width=16), Column("Area code", max_width=8),
               Column("Cooperation area", max_width=30), Column("Status at the end", max_width=16),
               Column("Action lines being addressed or addressed at the start", max_width=14),
               Column("Action lines being addressed or addressed at the end", max_width=14),
               Column("Addressed only, at the end", max_width=14),
               Column("Remarks", max_width=50), Column("Way forward", max_width=50)]
    rows: list[list[Value]] = []
    for pillar, area in areas_with_pillars(report):
        start, end = Coverage(**area["coverage_start"]), Coverage(**area["coverage_end"])
        rows.append([pillar["name"], area["code"], area["name"], status_label(area["status_end"]), start.text,
                     end.text, end.addressed_text, area["remarks"], area["way_forward"]])
    return Table("Matrix by area", "matrix-areas", columns, rows)


def chases_table(report: PeriodFigures) -> Table:
    """Each chase of the partner in the window, one row each, by follow-up; each row carries how many chases its
    follow-up had in the window, so a filtered row still reads whole."""
    columns = [Column("Follow-up", max_width=60), Column("Owed by", max_width=30), Column("Chased on", Kind.DATE),
               Column("Channel", max_width=16), Column("Chases of the follow-up in the period", Kind.NUMBER)]
    rows: list[list[Value]] = [[f["title"], f["owner"], day(chase["chased_on"]), chase["channel_label"], f["count"]]
                               for f in report["chased_follow_ups"] for chase in f["chases"]]
    return Table("Chases", "chases", columns, rows)


def attachments_table(report: PeriodFigures) -> Table:
    """The annex: each file attached to a record of the window, by record."""
    columns = [Column("Attached to", max_width=60), Column("File", max_width=50), Column("Type", max_width=30),
               Column("Size", max_width=10)]
    rows: list[list[Value]] = [[a["record"], a["file_name"], a["type"], a["size"]] for a in report["attachments"]]
    return Table("Attachments", "attachments", columns, rows)


def report_tables(report: PeriodFigures, copy: Copy = Copy.RECIPIENT) -> list[Table]:
    """Every table of the report, the matrix first when it has one."""
    matrix = [matrix_table(report), matrix_areas_table(report)] if report["matrix"] else []
    return [*matrix, areas_table(report), action_lines_table(report), status_changes_table(report, copy),
            meetings_table(report), follow_ups_table(report), chases_table(report), attachments_table(report)]
