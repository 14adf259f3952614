"""The shape of the period report's figures, at every level: what ``build_period_report`` makes, what an issued
report keeps as JSON, and what the page, the PDF, Word, Excel, the CSV files and the charts read.

TypedDicts, not classes: the figures stay plain dictionaries of JSON values, so they go into an issued report as
they are, the templates read them by key at full speed (``PlainDataEnvironment``), and a type checker still
catches a reader asking for a key the builder does not make. Dates are ISO text (2025-12-31), as stored.

An issued report records the ``FIGURES_VERSION`` its figures were made in (``IssuedReport.figures_version``);
``app.reports.issued_figures.figures_of`` brings any older version up to this shape before a download reads it.
Change this shape only with a new version and a step from the one before.
"""

from typing import Literal, TypedDict

#: 1: every report issued before the version was recorded, in the shapes the code then made (some lack the
#: counting day, cancellations, list totals or meetings per month); 2: every key always present; 3: this shape, with
#: the implementation matrix (each line's activities, remarks and way forward, and each area's); 4: this shape, with
#: each line's number of activities beside those listed; 5: this shape, with the annex of attachments; 6: this shape,
#: with the chases of the partner made in the window.
FIGURES_VERSION = 6

FollowUpState = Literal["done", "cancelled", "overdue", "open"]


class Choice(TypedDict):
    """A status as stored (``value``, which picks its colour) and as shown (``label``)."""

    value: str
    label: str


class CoverageFigures(TypedDict):
    """Action lines counted by status (``Coverage``'s fields)."""

    total: int
    addressed: int
    being_addressed: int


class PartnershipStanding(TypedDict):
    """The partnership's standing on the counting day (None: no event recorded by then)."""

    status: str | None
    level: str | None
    since: str | None


class PartnershipFigures(PartnershipStanding):
    name: str
    slug: str


class PlanFigures(TypedDict):
    id: int
    title: str
    label: str
    kind: str
    starts_on: str
    ends_on: str
    state: str


class WindowFigures(TypedDict):
    starts_on: str
    ends_on: str
    name: str
    #: The day figures are counted as of: the window's end, or the day the report was made before it.
    counted_on: str
    has_ended: bool


class LineActivity(TypedDict):
    """An activity in the window under an action line, with its state on the counting day."""

    id: int
    title: str
    #: "Training course".
    kind: str
    planned_starts_on: str | None
    planned_ends_on: str | None
    actual_starts_on: str | None
    actual_ends_on: str | None
    #: None when its history has no state in force by the counting day (logged later, from a later day).
    state: Choice | None
    funding_source: Choice
    #: The fund or funder by name, when recorded.
    funded_by: str | None
    #: The amount to the cent as text ("15000.00"), with its ISO currency code; both None when not recorded.
    amount: str | None
    currency: str | None


class ActionLineFigures(TypedDict):
    code: str
    text: str
    status_start: Choice
    status_end: Choice
    activities: list[LineActivity]
    #: How many activities the line has in the window, listed or not (see ``app.reports.lists.shown_activities``).
    activities_total: int
    #: What the desk wrote for the line in this report ("" until written).
    remarks: str
    way_forward: str


class StatusChange(TypedDict):
    as_of: str
    #: "Area" or "Action line 2.1.3".
    subject: str
    status: str
    status_label: str
    progress: int | None
    note: str
    author: str


class AreaMeeting(TypedDict):
    id: int
    name: str
    held_on: str


class FollowUpFigures(TypedDict):
    id: int
    title: str
    owner: str
    opened_on: str
    due_on: str | None
    completed_on: str | None
    state: FollowUpState
    state_label: str
    meeting: str | None
    area_id: int | None


class AreaFigures(TypedDict):
    id: int
    code: str
    name: str
    focal_point: str | None
    status_start: Choice | None
    status_end: Choice | None
    coverage_start: CoverageFigures
    coverage_end: CoverageFigures
    action_lines: list[ActionLineFigures]
    changes: list[StatusChange]
    #: How many rows each list has in all, shown or not (see ``app.reports.lists.shown_rows``).
    changes_total: int
    meetings: list[AreaMeeting]
    meetings_total: int
    follow_ups: list[FollowUpFigures]
    follow_ups_total: int
    #: What the desk wrote for the area in this report ("" until written).
    remarks: str
    way_forward: str


class PillarFigures(TypedDict):
    id: int
    name: str
    coverage_start: CoverageFigures
    coverage_end: CoverageFigures
    areas: list[AreaFigures]


class EdgeCoverage(TypedDict):
    start: CoverageFigures
    end: CoverageFigures


class MeetingTypeCount(TypedDict):
    type: str
    label: str
    count: int


class MonthCount(TypedDict):
    #: "2025-03".
    month: str
    count: int


class FollowUpCounts(TypedDict):
    opened: int
    completed: int
    #: None in a report issued before cancellations were counted: it never said how many there were.
    cancelled: int | None
    open_at_end: int
    overdue_at_end: int


class MeetingFigures(TypedDict):
    id: int
    name: str
    type: str
    type_label: str
    held_on: str
    venue: str | None
    #: The names of the areas it discussed.
    areas: list[str]
    participants: int


class PreviousReport(TypedDict):
    id: int
    title: str
    issued_on: str
    window_ends_on: str


class ChangeSinceLast(TypedDict):
    subject: str
    before: str
    after: str


class ChangesSinceLast(TypedDict):
    previous: PreviousReport | None
    items: list[ChangeSinceLast]


class IssuedStamp(TypedDict):
    #: ISO date and time to the minute, UTC.
    at: str
    by: str


class AttachmentFigures(TypedDict):
    """A file in the report's annex: what it is attached to ("Meeting: 7th JSCC, 18 September 2023"), its name."""

    record: str
    file_name: str
    type: str
    size: str


class ChaseFigures(TypedDict):
    chased_on: str
    #: As stored ("note_verbale") and as shown ("Note verbale").
    channel: str
    channel_label: str


class ChasedFollowUp(TypedDict):
    """A follow-up the partner owes, with each chase of it made in the window (in the order made) and their
    number."""

    id: int
    title: str
    owner: str
    chases: list[ChaseFigures]
    count: int


class PeriodFigures(TypedDict):
    title: str
    partnership: PartnershipFigures
    plan: PlanFigures
    window: WindowFigures
    generated_at: str
    generated_by: str
    #: False when the long lists hold only the rows a document shows (a live page, PDF or Word file).
    every_row: bool
    coverage: EdgeCoverage
    meetings_by_type: list[MeetingTypeCount]
    meetings_by_month: list[MonthCount]
    follow_up_counts: FollowUpCounts
    pillars: list[PillarFigures]
    meetings: list[MeetingFigures]
    meetings_total: int
    open_follow_ups: list[FollowUpFigures]
    open_follow_ups_total: int
    changes_since_last: ChangesSinceLast
    way_forward: str
    #: Whether it carries the implementation matrix (each line's activities and remarks): False in a report issued
    #: before there was one, whose lines and areas then read with no activities and no remarks.
    matrix: bool
    #: Whether restricted notes and titles are shown as written (only editors and admins may then open it).
    include_restricted: bool
    #: Who issued it and when; None while it is a live report.
    issued: IssuedStamp | None
    #: The files attached to the meetings, status updates, follow-ups and activities of the window, by record.
    attachments: list[AttachmentFigures]
    #: The follow-ups the partner owes that were chased in the window, earliest chased first.
    chased_follow_ups: list[ChasedFollowUp]
    #: How many chases were made in the window; None in a report issued before chases were recorded: it never said.
    chases_total: int | None
