"""What the partnership pages read: a partnership's page, a former address, and the organisations and officers its
forms offer.

Nothing here changes a record: the rules that do live in ``app.partnerships.services``; the list is in ``listing``."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload, selectinload

from app.common.unchanged import while_unchanged
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.follow_ups.choices import officers_offered
from app.meetings.arising import series_to_prepare
from app.models import (
    FollowUpAction,
    FormerSlug,
    IssuedReport,
    Meeting,
    Organisation,
    Partnership,
    PartnershipEvent,
    Plan,
    User,
)
from app.partnerships.overview import (
    PlanCoverage,
    TimelineEntry,
    current_plan,
    next_and_last_meetings,
    overdue_count,
    plan_coverage,
    timeline,
)
from app.partnerships.services import Standing, standing
from app.reports.services import issued_reports_of

#: How many meetings the partnership page lists before "View all".
RECENT_MEETINGS = 10


#: Open follow-ups shown on the partnership page, earliest due first; the follow-up list has them all.
FIRST_FOLLOW_UPS = 20


def renamed_to(slug: str) -> str | None:
    """The slug now of the partnership that had ``slug`` before, when no partnership has it today."""
    if db.session.scalar(sa.select(Partnership.id).where(Partnership.slug == slug)) is not None:
        return None
    return db.session.scalar(
        sa.select(Partnership.slug).join(FormerSlug, FormerSlug.partnership_id == Partnership.id)
        .where(FormerSlug.slug == slug)
    )


def get_partnership_or_404(slug: str) -> Partnership:
    partnership = db.session.scalar(
        sa.select(Partnership)
        .where(Partnership.slug == slug)
        .options(
            joinedload(Partnership.organisation), joinedload(Partnership.partner),
            joinedload(Partnership.desk_officer), selectinload(Partnership.events),
        )
    )
    if partnership is None:
        abort(404)
    return partnership


@dataclass
class PartnershipPage:
    partnership: Partnership
    standing: Standing
    history: list[PartnershipEvent]
    plans: list[Plan]
    meetings: list[Meeting]
    meeting_count: int
    follow_ups: list[FollowUpAction]
    follow_up_count: int
    today: date
    reports: list[IssuedReport]
    #: The latest meeting of each committee series, with the name of the next (see ``series_to_prepare``).
    series_to_prepare: list[tuple[Meeting, str]]
    #: None when the partnership has no plan.
    coverage: PlanCoverage | None
    next_meeting: Meeting | None
    last_meeting: Meeting | None
    overdue_count: int
    timeline: list[TimelineEntry]

    @property
    def open_count(self) -> int:
        """Follow-ups still to do that are not overdue."""
        return self.follow_up_count - self.overdue_count


def build_partnership_page(partnership: Partnership) -> PartnershipPage:
    """Everything the partnership page shows, loaded up front so the template runs no queries."""
    plans = db.session.scalars(
        sa.select(Plan)
        .where(Plan.partnership_id == partnership.id, Plan.archived_at.is_(None))
        .order_by(Plan.starts_on.desc(), Plan.id.desc())
    ).all()
    in_use = (Meeting.partnership_id == partnership.id, Meeting.archived_at.is_(None))
    meetings = db.session.scalars(
        sa.select(Meeting)
        .where(*in_use)
        .order_by(*Meeting.newest_first())
        .limit(RECENT_MEETINGS)
    ).all()
    # Counting a big partnership's meetings and follow-ups walks thousands of index entries: kept until the data
    # changes, like a list's count.
    meeting_count = while_unchanged(("meetings of partnership", partnership.id), lambda: db.session.scalar(
        sa.select(sa.func.count(Meeting.id)).where(*in_use)))
    to_do = (FollowUpAction.partnership_id == partnership.id, FollowUpAction.still_to_do())
    follow_ups = db.session.scalars(
        sa.select(FollowUpAction)
        .where(*to_do)
        .options(joinedload(FollowUpAction.owner_user), joinedload(FollowUpAction.partner_person))
        .order_by(FollowUpAction.due_on.is_(None), FollowUpAction.due_on, FollowUpAction.id)
        .limit(FIRST_FOLLOW_UPS)
    ).all()
    follow_up_count = while_unchanged(("follow-ups to do of partnership", partnership.id), lambda: db.session.scalar(
        sa.select(sa.func.count(FollowUpAction.id)).where(*to_do)))
    today = follow_up_services.today()
    next_meeting, last_meeting = next_and_last_meetings(partnership, today)
    return PartnershipPage(
        partnership=partnership,
        standing=standing(partnership.events),
        history=list(reversed(partnership.events)),
        plans=list(plans),
        meetings=list(meetings),
        meeting_count=meeting_count or 0,
        follow_ups=list(follow_ups),
        follow_up_count=follow_up_count or 0,
        today=today,
        reports=issued_reports_of(partnership),
        series_to_prepare=series_to_prepare(partnership),
        coverage=plan_coverage(current_plan(list(plans), today), today),
        next_meeting=next_meeting,
        last_meeting=last_meeting,
        overdue_count=overdue_count(partnership, today),
        timeline=timeline(partnership, today),
    )


def default_organisation_id() -> int | None:
    """ASEAN, when it is on file: the desk's own side of almost every partnership."""
    return db.session.scalar(
        sa.select(Organisation.id)
        .where(Organisation.short_name == "ASEAN", Organisation.archived_at.is_(None))
        .order_by(Organisation.id)
        .limit(1)
    )


def officer_choices(keep: User | None) -> list[tuple[int, str]]:
    """Officers who can sign in, and the one the partnership has (who may no longer), for its desk officer."""
    return [(user.id, user.name) for user in officers_offered(keep)]


def organisation_choices(*keep: int | None) -> list[tuple[int, str]]:
    """Organisations in use (plus any already chosen, even if archived since), for the two selects."""
    query = sa.select(Organisation).order_by(Organisation.name)
    kept = [i for i in keep if i is not None]
    query = query.where(sa.or_(Organisation.archived_at.is_(None), Organisation.id.in_(kept)))
    return [(o.id, f"{o.name} ({o.short_name})" if o.short_name != o.name else o.name)
            for o in db.session.scalars(query)]
