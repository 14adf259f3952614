"""What each kind of record is found by: its heading, its text, and which of it is restricted.

Read with plain SQL (not through the ORM) so that the same code indexes one record after a save, and every record
after a bulk load or a migration. Names of other records are read afresh each time, so ``app.search.index`` must
re-index a record when a record it names changes (see ``dependants``).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute, aliased

from app.common.dates import long_date
from app.common.restricted import RESTRICTED_ACTION
from app.models import (
    ActionLine,
    Activity,
    ActivityKind,
    CooperationArea,
    FollowUpAction,
    IssuedReport,
    Meeting,
    MeetingParticipant,
    MeetingType,
    Organisation,
    OrganisationKind,
    Partnership,
    Person,
    Plan,
    Position,
    SearchKind,
)
from app.models.meeting import meeting_name
from app.models.partnership import partnership_name
from app.models.person import person_name
from app.search.folding import fold
from app.search.keys import entry_id

Entry = dict[str, Any]
#: The heading a viewer sees for an issued report that includes restricted notes (editors and admins only).
RESTRICTED_REPORT = "Issued report including restricted notes"
#: The records a statement reads, bound when it runs: each statement below is written once, not composed again for
#: every save that indexes a record.
IDS = "ids"


def of_records(ids: Sequence[int]) -> dict[str, list[int]]:
    return {IDS: list(ids)}


def asked_for(column: sa.ColumnElement[Any] | InstrumentedAttribute[int]) -> sa.ColumnElement[bool]:
    return column.in_(sa.bindparam(IDS, expanding=True))


def _joined(parts: Iterable[str | None]) -> str:
    return "\n".join(part for part in parts if part)


def entry(kind: SearchKind, record_id: int, title: str, *, text: Iterable[str | None] = (),
          restricted: Iterable[str | None] = (), is_restricted: bool = False, public_title: str | None = None,
          partnership_id: int | None = None, starts_on: date | None = None, ends_on: date | None = None,
          archived: bool = False, slug: str | None = None) -> Entry:
    """One entry; ``restricted`` is text only editors and admins may search, when the record is restricted
    (otherwise it is searched by everyone). ``public_title`` is what viewers see when the title itself is hidden."""
    public = _joined(text)
    hidden = _joined(restricted)
    if not is_restricted:
        public, hidden = _joined([public, hidden]), ""
    shown_title = public_title if is_restricted and public_title else title
    if starts_on and ends_on and ends_on < starts_on:
        ends_on = starts_on
    return {
        "id": entry_id(kind, starts_on, record_id, archived=archived,
                       for_editors=kind is SearchKind.REPORT and is_restricted),
        "kind": kind, "record_id": record_id, "partnership_id": partnership_id,
        "starts_on": starts_on, "ends_on": ends_on or starts_on, "is_archived": archived,
        "is_restricted": is_restricted, "title": shown_title[:400],
        "restricted_title": title[:400] if shown_title != title else None, "slug": slug,
        "text": public, "restricted_text": hidden, "folded_text": fold(public),
        # A placeholder heading is not the record's words: nothing is found by it.
        "folded_title": fold(shown_title) if shown_title == title else "",
        "folded_restricted_title": fold(title) if shown_title != title else "",
        "folded_restricted": fold(_joined([title if shown_title != title else None, hidden])),
    }


_ours, _partner = aliased(Organisation), aliased(Organisation)
PARTNERSHIPS = (
    sa.select(Partnership.id, Partnership.slug, Partnership.notes, Partnership.archived_at, _ours.short_name,
              _ours.name, _partner.short_name.label("partner_short"), _partner.name.label("partner_name"))
    .join(_ours, _ours.id == Partnership.organisation_id).join(_partner, _partner.id == Partnership.partner_id)
    .where(asked_for(Partnership.id)))


def partnerships(connection: sa.Connection, ids: Sequence[int]) -> list[Entry]:
    rows = connection.execute(PARTNERSHIPS, of_records(ids))
    return [entry(SearchKind.PARTNERSHIP, row.id, partnership_name(row.short_name, row.partner_short),
                  text=[row.name, row.partner_name, row.slug, row.notes], partnership_id=row.id,
                  archived=row.archived_at is not None, slug=row.slug) for row in rows]


ORGANISATIONS = sa.select(Organisation.id, Organisation.name, Organisation.short_name, Organisation.iso_code,
                          Organisation.kind, Organisation.archived_at).where(asked_for(Organisation.id))


def organisations(connection: sa.Connection, ids: Sequence[int]) -> list[Entry]:
    rows = connection.execute(ORGANISATIONS, of_records(ids))
    return [entry(SearchKind.ORGANISATION, row.id, row.name,
                  text=[row.short_name, row.iso_code, OrganisationKind(row.kind).label],
                  archived=row.archived_at is not None) for row in rows]


POSTS = (sa.select(Position.person_id, Position.title, Organisation.name)
         .join(Organisation, Organisation.id == Position.organisation_id)
         .where(asked_for(Position.person_id)).order_by(Position.person_id, Position.id))
PEOPLE = (sa.select(Person.id, Person.honorific, Person.full_name, Person.notes, Person.archived_at)
          .where(asked_for(Person.id)))


def people(connection: sa.Connection, ids: Sequence[int]) -> list[Entry]:
    posts: dict[int, list[str]] = defaultdict(list)
    for post in connection.execute(POSTS, of_records(ids)):
        posts[post.person_id].append(f"{post.title}, {post.name}")
    rows = connection.execute(PEOPLE, of_records(ids))
    return [entry(SearchKind.PERSON, row.id, person_name(row.honorific, row.full_name),
                  text=[*posts[row.id], row.notes], archived=row.archived_at is not None) for row in rows]


# Each builder reads the columns it uses, never a whole row: a migration that builds the entries runs today's code on
# tables that do not yet have the columns later revisions add.

#: Put on its connection by ``app.search.index.rebuild``: the columns of today's models that the database does not
#: have yet. The upgrade that made the search entries builds them with today's code, before later upgrades add
#: their columns (a meeting's agenda): a record is then indexed without them, and they are empty anyway.
ABSENT_COLUMNS = "search_absent_columns"
#: The tables whose columns a migration may find absent: those read whole.
MEETINGS = Meeting.metadata.tables[Meeting.__tablename__]


@cache
def meeting_rows(absent: frozenset[tuple[str, str]]) -> sa.Select[Any]:
    """The meetings asked for, read whole but for the ``absent`` columns: one statement for each set of them."""
    present = [column for column in MEETINGS.c if (MEETINGS.name, column.name) not in absent]
    return sa.select(*present).where(asked_for(MEETINGS.c.id))


def absent_columns(connection: sa.Connection, tables: Iterable[sa.Table]) -> frozenset[tuple[str, str]]:
    """(table, column) of each column of ``tables`` that the database does not have (yet)."""
    inspector = sa.inspect(connection)
    return frozenset((table.name, column.name) for table in tables
                     for names in [{found["name"] for found in inspector.get_columns(table.name)}]
                     for column in table.c if column.name not in names)


PARTICIPANTS = (sa.select(MeetingParticipant.meeting_id, Person.honorific, Person.full_name,
                          Organisation.name.label("delegation"))
                .outerjoin(Person, Person.id == MeetingParticipant.person_id)
                .outerjoin(Organisation, Organisation.id == MeetingParticipant.organisation_id)
                .where(asked_for(MeetingParticipant.meeting_id)).order_by(MeetingParticipant.id))


def meetings(connection: sa.Connection, ids: Sequence[int]) -> list[Entry]:
    present: dict[int, list[str]] = defaultdict(list)
    for who in connection.execute(PARTICIPANTS, of_records(ids)):
        present[who.meeting_id].append(
            person_name(who.honorific, who.full_name) if who.full_name else who.delegation)
    rows = connection.execute(meeting_rows(connection.info.get(ABSENT_COLUMNS, frozenset())), of_records(ids))
    return [entry(SearchKind.MEETING, row.id, meeting_name(MeetingType(row.type), row.number, row.title,
                                                          row.named_after_participants),
                  text=[MeetingType(row.type).english_label, row.venue, *present[row.id], row._mapping.get("agenda")],
                  restricted=[row.summary, row.asks, row.commitments], is_restricted=row.is_restricted,
                  partnership_id=row.partnership_id, starts_on=row.held_on, ends_on=row.ends_on,
                  archived=row.archived_at is not None) for row in rows]


_f = FollowUpAction
FOLLOW_UPS = sa.select(_f.id, _f.title, _f.partner_office, _f.description, _f.is_restricted, _f.partnership_id,
                       _f.due_on, _f.archived_at).where(asked_for(_f.id))


def follow_ups(connection: sa.Connection, ids: Sequence[int]) -> list[Entry]:
    rows = connection.execute(FOLLOW_UPS, of_records(ids))
    return [entry(SearchKind.FOLLOW_UP, row.id, row.title, text=[row.partner_office],
                  restricted=[row.description], is_restricted=row.is_restricted, public_title=RESTRICTED_ACTION,
                  partnership_id=row.partnership_id, starts_on=row.due_on,
                  archived=row.archived_at is not None) for row in rows]


ACTION_LINES = (
    sa.select(ActionLine.id, ActionLine.code, ActionLine.text, ActionLine.archived_at, CooperationArea.code
              .label("area_code"), CooperationArea.name.label("area_name"), Plan.partnership_id)
    .join(CooperationArea, CooperationArea.id == ActionLine.area_id).join(Plan, Plan.id == CooperationArea.plan_id)
    .where(asked_for(ActionLine.id)))


def action_lines(connection: sa.Connection, ids: Sequence[int]) -> list[Entry]:
    rows = connection.execute(ACTION_LINES, of_records(ids))
    return [entry(SearchKind.ACTION_LINE, row.id, f"{row.code} {row.text}", text=[f"{row.area_code} {row.area_name}"],
                  partnership_id=row.partnership_id, archived=row.archived_at is not None) for row in rows]


_a = Activity
ACTIVITIES = (
    sa.select(_a.id, _a.title, _a.kind, _a.funded_by, _a.notes, _a.is_restricted, _a.partnership_id,
              _a.actual_starts_on, _a.planned_starts_on, _a.actual_ends_on, _a.planned_ends_on, _a.archived_at,
              Organisation.name.label("implementer"))
    .outerjoin(Organisation, Organisation.id == _a.implementing_organisation_id).where(asked_for(_a.id)))


def activities(connection: sa.Connection, ids: Sequence[int]) -> list[Entry]:
    rows = connection.execute(ACTIVITIES, of_records(ids))
    return [entry(SearchKind.ACTIVITY, row.id, row.title,
                  text=[ActivityKind(row.kind).label, row.funded_by, row.implementer], restricted=[row.notes],
                  is_restricted=row.is_restricted, partnership_id=row.partnership_id,
                  starts_on=row.actual_starts_on or row.planned_starts_on,
                  ends_on=row.actual_ends_on or row.planned_ends_on, archived=row.archived_at is not None)
            for row in rows]


REPORTS = (
    sa.select(IssuedReport.id, IssuedReport.title, IssuedReport.partnership_id, IssuedReport.window_starts_on,
              IssuedReport.window_ends_on, IssuedReport.figures, Plan.title.label("plan_title"))
    .join(Plan, Plan.id == IssuedReport.plan_id).where(asked_for(IssuedReport.id)))


def reports(connection: sa.Connection, ids: Sequence[int]) -> list[Entry]:
    rows = connection.execute(REPORTS, of_records(ids))
    found = []
    for row in rows:
        period = f"{long_date(row.window_starts_on)} to {long_date(row.window_ends_on)}"
        # A report issued with restricted notes is for editors and admins only (``may_open``): all of it is hidden.
        hidden = bool((row.figures or {}).get("include_restricted"))
        words = [row.plan_title, period]
        found.append(entry(SearchKind.REPORT, row.id, row.title, text=[] if hidden else words,
                           restricted=words if hidden else [], is_restricted=hidden, public_title=RESTRICTED_REPORT,
                           partnership_id=row.partnership_id, starts_on=row.window_starts_on,
                           ends_on=row.window_ends_on))
    return found


#: Each kind's entries for some of its records, and the table those records are in.
BUILDERS: dict[SearchKind, tuple[Callable[[sa.Connection, Sequence[int]], list[Entry]], InstrumentedAttribute[int]]] = {
    SearchKind.PARTNERSHIP: (partnerships, Partnership.id),
    SearchKind.ORGANISATION: (organisations, Organisation.id),
    SearchKind.PERSON: (people, Person.id),
    SearchKind.MEETING: (meetings, Meeting.id),
    SearchKind.FOLLOW_UP: (follow_ups, FollowUpAction.id),
    SearchKind.ACTION_LINE: (action_lines, ActionLine.id),
    SearchKind.ACTIVITY: (activities, Activity.id),
    SearchKind.REPORT: (reports, IssuedReport.id),
}
