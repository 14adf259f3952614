"""Partnerships and their dated status and level history.

The current status and level are never stored on the partnership: they are those of its latest event.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapper

from app.common.dates import page_date
from app.common.errors import DomainError
from app.extensions import db
from app.models import (
    FormerSlug,
    Organisation,
    Partnership,
    PartnershipEvent,
    PartnershipEventKind,
    PartnershipLevel,
    PartnershipStatus,
)
from app.partnerships.details import PartnershipDetails

SLUG_PATTERN = re.compile(r"^[a-z0-9-]+$")
SLUG_MESSAGE = _l("Web address must only include lower-case letters, numbers and hyphens")
SLUG_MAX = 80
#: Slugs that would be shadowed by the section's own pages (/partnerships/new).
RESERVED_SLUGS = frozenset({"new"})


@sa.event.listens_for(PartnershipEvent, "before_update")
def _refuse_changes_to_history(_mapper: Mapper[PartnershipEvent], _connection: sa.Connection,
                               event: PartnershipEvent) -> None:
    # The history is append-only: a report for a past date must be able to rebuild the standing then.
    raise DomainError(None, gettext("A status change cannot be edited – record a correction as a new event"))


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
        raise DomainError("slug", gettext("Web address must be %(limit)s characters or less", limit=SLUG_MAX))
    if not SLUG_PATTERN.match(slug):
        raise DomainError("slug", str(SLUG_MESSAGE))
    if slug in RESERVED_SLUGS:
        raise DomainError("slug", gettext("Web address %(slug)s is reserved – enter a different one", slug=slug))
    if (owner := _slug_owner(slug, partnership)) is not None:
        raise DomainError("slug", gettext("Web address %(slug)s is already used by %(owner)s – enter a different one",
                                          slug=slug, owner=owner.name))


def _check_sides(
    organisation: Organisation | None, partner: Organisation | None, partnership: Partnership | None
) -> tuple[Organisation, Organisation]:
    if organisation is None:
        raise DomainError("organisation", gettext("Select the organisation"))
    if partner is None:
        raise DomainError("partner", gettext("Select the partner"))
    if organisation.id == partner.id:
        raise DomainError("partner", gettext("The partner must be different from the organisation"))
    query = sa.select(Partnership).where(
        Partnership.organisation_id == organisation.id, Partnership.partner_id == partner.id
    )
    if partnership is not None and partnership.id is not None:
        query = query.where(Partnership.id != partnership.id)
    if (existing := db.session.scalar(query)) is not None:
        words = (gettext("%(ours)s already has a partnership with %(partner)s: %(existing)s (archived – restore it "
                         "instead)", ours=organisation.short_name, partner=partner.short_name, existing=existing.name)
                 if existing.is_archived else
                 gettext("%(ours)s already has a partnership with %(partner)s: %(existing)s",
                         ours=organisation.short_name, partner=partner.short_name, existing=existing.name))
        raise DomainError("partner", words)
    return organisation, partner


def _save(partnership: Partnership | None, details: PartnershipDetails) -> Partnership:
    organisation, partner = _check_sides(details.organisation, details.partner, partnership)
    slug = (details.slug or "").strip().lower()
    if not slug:
        slug = _free_slug(suggest_slug(organisation, partner) or "partnership", partnership)
    _check_slug(slug, partnership)
    officer = details.desk_officer
    if officer is not None and not officer.is_active and (partnership is None or partnership.desk_officer != officer):
        raise DomainError("desk_officer", gettext("%(officer)s can no longer sign in – choose another desk officer",
                                                  officer=officer.name))
    if partnership is None:
        partnership = Partnership()
        db.session.add(partnership)
    elif partnership.slug != slug:
        # The old address keeps working: links sent around, bookmarks, and a colleague's form still open on it.
        db.session.merge(FormerSlug(slug=partnership.slug, partnership_id=partnership.id))
    partnership.organisation = organisation
    partnership.partner = partner
    partnership.slug = slug
    partnership.notes = details.notes or None
    partnership.desk_officer = officer
    db.session.flush()
    return partnership


def create_partnership(details: PartnershipDetails) -> Partnership:
    """Add a partnership; an empty slug is made from the short names ("asean-pakistan"). Flushes only."""
    return _save(None, details)


def update_partnership(partnership: Partnership, details: PartnershipDetails) -> Partnership:
    """Change a partnership's sides, slug or notes; its history of events is untouched."""
    return _save(partnership, details)


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
        raise DomainError("occurred_on", gettext("Date of the change must be today or in the past"))
    if level is not None and status is not PartnershipStatus.DIALOGUE_PARTNER:
        raise DomainError(
            "level", gettext("A %(level)s level needs %(status)s status", level=level.label,
                             status=PartnershipStatus.DIALOGUE_PARTNER.label)
        )
    clash = sa.select(PartnershipEvent.id).where(
        PartnershipEvent.partnership_id == partnership.id,
        PartnershipEvent.occurred_on == occurred_on,
        PartnershipEvent.kind == kind,
    )
    if partnership.id is not None and db.session.scalar(clash) is not None:
        raise DomainError(
            "occurred_on",
            gettext("%(partnership)s already has a “%(kind)s” event on %(day)s – choose another date or kind",
                    partnership=partnership.name, kind=kind.label, day=page_date(occurred_on)),
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
