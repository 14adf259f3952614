"""Partnerships and their dated status and level history.

The current status and level are never stored on the partnership: they are those of its latest event.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload, selectinload

from app.common.dates import long_date
from app.common.errors import DomainError
from app.common.unchanged import while_unchanged
from app.extensions import db
from app.models import (
    FollowUpAction,
    FormerSlug,
    IssuedReport,
    Meeting,
    Organisation,
    Partnership,
    PartnershipEvent,
    PartnershipEventKind,
    PartnershipLevel,
    PartnershipStatus,
    Plan,
)
from app.reports.services import issued_reports_of

SLUG_PATTERN = re.compile(r"^[a-z0-9-]+$")
SLUG_MESSAGE = "Slug must only include lower-case letters, numbers and hyphens"
SLUG_MAX = 80
#: Slugs that would be shadowed by the section's own pages (/partnerships/new).
RESERVED_SLUGS = frozenset({"new"})
#: How many meetings the partnership page lists before "View all".
RECENT_MEETINGS = 10
#: Open follow-ups shown on the partnership page, earliest due first; the follow-up list has them all.
FIRST_FOLLOW_UPS = 20


@sa.event.listens_for(PartnershipEvent, "before_update")
def _refuse_changes_to_history(_mapper, _connection, event: PartnershipEvent) -> None:
    # The history is append-only: a report for a past date must be able to rebuild the standing then.
    raise DomainError(None, "A status change cannot be edited – record a correction as a new event")


def suggest_slug(organisation: Organisation, partner: Organisation) -> str:
    """"asean-pakistan", from the short names; accents and punctuation dropped."""
    words = f"{organisation.short_name} {partner.short_name}"
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_words.lower()).strip("-")[:SLUG_MAX].strip("-")


def _free_slug(base: str, partnership: Partnership | None) -> str:
    """``base``, or ``base-2``, ``base-3``... when another partnership already uses it."""
    slug, n = base, 1
    while _slug_owner(slug, partnership) is not None:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX - len(suffix)] + suffix
    return slug


def _slug_owner(slug: str, partnership: Partnership | None) -> Partnership | None:
    query = sa.select(Partnership).where(Partnership.slug == slug)
    if partnership is not None and partnership.id is not None:
        query = query.where(Partnership.id != partnership.id)
    return db.session.scalar(query)


def _check_slug(slug: str, partnership: Partnership | None) -> None:
    if len(slug) > SLUG_MAX:
        raise DomainError("slug", f"Slug must be {SLUG_MAX} characters or less")
    if not SLUG_PATTERN.match(slug):
        raise DomainError("slug", SLUG_MESSAGE)
    if slug in RESERVED_SLUGS:
        raise DomainError("slug", f"Slug {slug} is reserved – enter a different slug")
    if (owner := _slug_owner(slug, partnership)) is not None:
        raise DomainError("slug", f"Slug {slug} is already used by {owner.name} – enter a different slug")


def _check_sides(organisation: Organisation, partner: Organisation, partnership: Partnership | None) -> None:
    if organisation.id == partner.id:
        raise DomainError("partner", "The partner must be different from the organisation")
    query = sa.select(Partnership).where(
        Partnership.organisation_id == organisation.id, Partnership.partner_id == partner.id
    )
    if partnership is not None and partnership.id is not None:
        query = query.where(Partnership.id != partnership.id)
    if (existing := db.session.scalar(query)) is not None:
        archived = " (archived – restore it instead)" if existing.is_archived else ""
        raise DomainError(
            "partner",
            f"{organisation.short_name} already has a partnership with {partner.short_name}: "
            f"{existing.name}{archived}",
        )


def _save(
    partnership: Partnership | None,
    *,
    organisation: Organisation,
    partner: Organisation,
    slug: str | None,
    notes: str | None,
) -> Partnership:
    _check_sides(organisation, partner, partnership)
    slug = (slug or "").strip().lower()
    if not slug:
        slug = _free_slug(suggest_slug(organisation, partner) or "partnership", partnership)
    _check_slug(slug, partnership)
    if partnership is None:
        partnership = Partnership()
        db.session.add(partnership)
    elif partnership.slug != slug:
        # The old address keeps working: links sent around, bookmarks, and a colleague's form still open on it.
        db.session.merge(FormerSlug(slug=partnership.slug, partnership_id=partnership.id))
    partnership.organisation = organisation
    partnership.partner = partner
    partnership.slug = slug
    partnership.notes = notes or None
    db.session.flush()
    return partnership


def create_partnership(
    *, organisation: Organisation, partner: Organisation, slug: str | None, notes: str | None = None
) -> Partnership:
    """Add a partnership; an empty slug is made from the short names ("asean-pakistan"). Flushes only."""
    return _save(None, organisation=organisation, partner=partner, slug=slug, notes=notes)


def update_partnership(
    partnership: Partnership,
    *,
    organisation: Organisation,
    partner: Organisation,
    slug: str | None,
    notes: str | None = None,
) -> Partnership:
    """Change a partnership's sides, slug or notes; its history of events is untouched."""
    return _save(partnership, organisation=organisation, partner=partner, slug=slug, notes=notes)


def record_partnership_event(
    partnership: Partnership,
    *,
    occurred_on: date,
    kind: str,
    status: str,
    level: str | None = None,
    description: str | None = None,
) -> PartnershipEvent:
    """Append a dated change of status or level. Events are never edited: a correction is a new event."""
    kind = PartnershipEventKind(kind)
    status = PartnershipStatus(status)
    level = PartnershipLevel(level) if level else None
    if occurred_on > date.today():
        raise DomainError("occurred_on", "Date of the change must be today or in the past")
    if level is not None and status is not PartnershipStatus.DIALOGUE_PARTNER:
        raise DomainError(
            "level", f"A {level.label} level needs {PartnershipStatus.DIALOGUE_PARTNER.label} status"
        )
    clash = sa.select(PartnershipEvent.id).where(
        PartnershipEvent.partnership_id == partnership.id,
        PartnershipEvent.occurred_on == occurred_on,
        PartnershipEvent.kind == kind,
    )
    if partnership.id is not None and db.session.scalar(clash) is not None:
        raise DomainError(
            "occurred_on",
            f"{partnership.name} already has a “{kind.label}” event on {long_date(occurred_on)} "
            "– choose another date or kind",
        )
    event = PartnershipEvent(
        partnership=partnership, occurred_on=occurred_on, kind=kind, status=status, level=level,
        description=description or None,
    )
    db.session.add(event)
    db.session.flush()
    return event


@dataclass(frozen=True)
class Standing:
    """Where a partnership stands now, and since when."""

    status: PartnershipStatus | None = None
    status_since: date | None = None
    level: PartnershipLevel | None = None
    level_since: date | None = None


def standing(events: list[PartnershipEvent]) -> Standing:
    """The current status and level from events in date order, each dated from when it was first reached.

    A later event that repeats the status (an upgrade of level, "under consideration") does not reset
    the status's date: India has been a dialogue partner since 1995 whatever its level.
    """
    if not events:
        return Standing()
    latest = events[-1]
    status_since = level_since = latest.occurred_on
    for event in reversed(events):
        if event.status != latest.status:
            break
        status_since = event.occurred_on
    for event in reversed(events):
        if event.status != latest.status or event.level != latest.level:
            break
        level_since = event.occurred_on
    return Standing(
        status=latest.status, status_since=status_since, level=latest.level,
        level_since=level_since if latest.level else None,
    )


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
            selectinload(Partnership.events),
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
    return PartnershipPage(
        partnership=partnership,
        standing=standing(partnership.events),
        history=list(reversed(partnership.events)),
        plans=list(plans),
        meetings=list(meetings),
        meeting_count=meeting_count or 0,
        follow_ups=list(follow_ups),
        follow_up_count=follow_up_count or 0,
        today=date.today(),
        reports=issued_reports_of(partnership),
    )


def default_organisation_id() -> int | None:
    """ASEAN, when it is on file: the desk's own side of almost every partnership."""
    return db.session.scalar(
        sa.select(Organisation.id)
        .where(Organisation.short_name == "ASEAN", Organisation.archived_at.is_(None))
        .order_by(Organisation.id)
        .limit(1)
    )


def organisation_choices(*keep: int | None) -> list[tuple[int, str]]:
    """Organisations in use (plus any already chosen, even if archived since), for the two selects."""
    query = sa.select(Organisation).order_by(Organisation.name)
    kept = [i for i in keep if i is not None]
    query = query.where(sa.or_(Organisation.archived_at.is_(None), Organisation.id.in_(kept)))
    return [(o.id, f"{o.name} ({o.short_name})" if o.short_name != o.name else o.name)
            for o in db.session.scalars(query)]
