"""What the meeting and follow-up forms offer to choose from: partnerships, people with their posts, areas.

Read as plain columns where the lists are long; nothing here changes a record."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload

from app.common.unchanged import while_unchanged
from app.extensions import db
from app.models import (
    CooperationArea,
    Organisation,
    Partnership,
    Person,
    Pillar,
    Plan,
    Position,
    User,
)
from app.models.partnership import partnership_name
from app.models.person import person_name


@dataclass
class AreaGroup:
    pillar: Pillar
    areas: list[CooperationArea]


def areas_by_pillar(plan: Plan | None, keep: Iterable[CooperationArea] = ()) -> list[AreaGroup]:
    """The plan's areas in use, grouped by pillar in plan order; ``keep`` adds the ones already chosen, archived or
    of another plan (once the date moves out of theirs), so that a refusal names them rather than drop them."""
    kept = {area.id for area in keep}
    if plan is None and not kept:
        return []
    offered: sa.ColumnElement[bool] = CooperationArea.id.in_(kept)
    if plan is not None:
        offered = sa.or_(offered, sa.and_(CooperationArea.plan_id == plan.id, CooperationArea.archived_at.is_(None)))
    areas = db.session.scalars(
        sa.select(CooperationArea)
        .join(CooperationArea.pillar)
        .where(offered)
        .options(joinedload(CooperationArea.pillar))
        .order_by(Pillar.position, Pillar.id, CooperationArea.position, CooperationArea.code)
    ).all()
    groups: list[AreaGroup] = []
    for area in areas:
        if not groups or groups[-1].pillar.id != area.pillar_id:
            groups.append(AreaGroup(area.pillar, []))
        groups[-1].areas.append(area)
    return groups


class PartnershipOption(NamedTuple):
    id: int
    slug: str
    name: str


def partnership_options(keep: Partnership | None = None) -> list[PartnershipOption]:
    """Partnerships in use, by name; ``keep`` stays offered even when archived (editing an old record). Every list
    filter and form offers them, so they are kept until the data changes."""
    options = while_unchanged("partnership options", _partnerships_in_use)
    if keep is not None and all(option.id != keep.id for option in options):
        options = sorted([*options, PartnershipOption(keep.id, keep.slug, keep.name)], key=_by_name)
    return options


def _partnerships_in_use() -> list[PartnershipOption]:
    ours, partner = aliased(Organisation), aliased(Organisation)
    rows = db.session.execute(
        sa.select(Partnership.id, Partnership.slug, ours.short_name, partner.short_name.label("partner_short_name"))
        .join(ours, Partnership.organisation_id == ours.id).join(partner, Partnership.partner_id == partner.id)
        .where(Partnership.archived_at.is_(None))
    )
    return sorted((PartnershipOption(row.id, row.slug, partnership_name(row.short_name, row.partner_short_name))
                   for row in rows), key=_by_name)


def _by_name(option: PartnershipOption) -> str:
    return option.name.lower()


def chosen_partnership(chosen_id: int | None, keep: Partnership | None = None) -> Partnership | None:
    """The partnership chosen on a form, if the form may offer it: in use, or ``keep``."""
    if chosen_id is None:
        return None
    # With both sides: the saved record's name, in its audit entry, is made of theirs.
    partnership = db.session.get(Partnership, chosen_id, options=[
        joinedload(Partnership.organisation, innerjoin=True), joinedload(Partnership.partner, innerjoin=True)])
    if partnership is None or (partnership.archived_at is not None and partnership is not keep):
        return None
    return partnership


#: A post as the meeting form needs it: (starts on, ends on, title); None where a date is not known.
Post = tuple[date | None, date | None, str]


def post_held_on(posts: Iterable[Post], day: date) -> str | None:
    """The title of the post held on ``day``; the most recently started one if posts overlap."""
    held = [post for post in posts if (post[0] is None or post[0] <= day) and (post[1] is None or day <= post[1])]
    return max(held, key=lambda post: post[0] or date.min)[2] if held else None


@dataclass(frozen=True)
class PersonOption:
    """A person as a select offers them: the label names the post held today, so two people of the same name can
    be told apart; ``posts`` lets the meeting form name the post held on the meeting's date."""

    id: int
    label: str
    posts: list[Post]


def person_options(keep_id: int | None = None, *, keep: Collection[int] = ()) -> list[PersonOption]:
    """People in use, by name; ``keep_id`` (and those in ``keep``) stay offered even when archived (editing an old
    record). Read as plain columns: a ministry's 1,600 people as ORM objects with their posts cost a form 100 ms."""
    kept = {*keep, *([keep_id] if keep_id is not None else [])}
    offered: sa.ColumnElement[bool] = Person.archived_at.is_(None)
    if kept:
        offered = sa.or_(offered, Person.id.in_(kept))
    posts: dict[int, list[Post]] = {}
    for person_id, starts_on, ends_on, title in db.session.execute(
        sa.select(Position.person_id, Position.starts_on, Position.ends_on, Position.title)
        .join(Person, Person.id == Position.person_id).where(offered)
    ):
        posts.setdefault(person_id, []).append((starts_on, ends_on, title))
    today = date.today()
    options = []
    for person_id, honorific, full_name in db.session.execute(
        sa.select(Person.id, Person.honorific, Person.full_name).where(offered).order_by(Person.full_name, Person.id)
    ):
        name = person_name(honorific, full_name)
        post = post_held_on(posts.get(person_id, ()), today)
        options.append(PersonOption(person_id, f"{name} – {post}" if post else name, posts.get(person_id, [])))
    return options


def people_offered(ids: Iterable[int], keep: Collection[int] = ()) -> dict[int, Person]:
    """The people chosen on a form that may be chosen (recorded, not archived, or kept: already at the meeting), with
    their posts, by id."""
    wanted = set(ids)
    if not wanted:
        return {}
    in_use: sa.ColumnElement[bool] = Person.archived_at.is_(None)
    if keep:
        in_use = sa.or_(in_use, Person.id.in_(set(keep)))
    # Joined, not a second query: a form names a handful of people with a few posts each.
    return {person.id: person for person in db.session.scalars(
        sa.select(Person).where(Person.id.in_(wanted), in_use)
        .options(joinedload(Person.positions))).unique()}


def organisations_in_use() -> list[Organisation]:
    """Organisations not archived, by name: the delegations a meeting can list."""
    return list(db.session.scalars(
        sa.select(Organisation).where(Organisation.archived_at.is_(None)).order_by(Organisation.name)
    ).all())


def organisation_names() -> list[tuple[int, str]]:
    """(id, name) of the organisations in use, by name: the organisations a new person's post can be at."""
    return [(row.id, row.name) for row in db.session.execute(
        sa.select(Organisation.id, Organisation.name).where(Organisation.archived_at.is_(None))
        .order_by(Organisation.name)
    )]


def organisation_offered(organisation_id: int) -> Organisation | None:
    organisation = db.session.get(Organisation, organisation_id)
    return organisation if organisation is not None and organisation.archived_at is None else None


def officer_names(keep: Collection[int] = ()) -> list[tuple[int, str]]:
    """(id, name) of our active officers (and of those in ``keep``, who own a follow-up already), by name: who can
    own a follow-up."""
    offered: sa.ColumnElement[bool] = User.is_active.is_(True)
    if keep:
        offered = sa.or_(offered, User.id.in_(set(keep)))
    return [(row.id, row.name) for row in db.session.execute(
        sa.select(User.id, User.name).where(offered).order_by(User.name))]


def officer_offered(user_id: int, keep: Collection[int] = ()) -> User | None:
    user = db.session.get(User, user_id)
    return user if user is not None and (user.is_active or user.id in keep) else None
