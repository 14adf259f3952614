"""People already recorded under a name typed for someone new, so that a form offers them before adding the same
person twice: "H.E. Ameer Khurram Rathore" typed when "Ameer Khurram Rathore" is recorded, "Tiêu Văn" when "Tieu Van"
is. Names are compared by ``name_key``; archived people are not offered."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from app.common.unchanged import while_unchanged
from app.extensions import db
from app.models import Person, Position
from app.people.names import name_key

#: How many people the form's suggestion names at most while a name is typed.
MOST_SUGGESTED = 5
#: A typed name shorter than this (as compared) is not yet worth a suggestion by its beginning alone.
SHORTEST_PREFIX = 6


@dataclass(frozen=True)
class Namesake:
    """Someone recorded whose name matches the one typed: ``exact`` when the names are the same as compared, else a
    close match offered while typing (a word more or less, or the beginning of the name)."""

    id: int
    name: str
    #: "Ambassador of Pakistan to ASEAN, Pakistan": the post held today and its organisation.
    post: str | None
    exact: bool = True

    @property
    def post_text(self) -> str:
        return self.post or "no post held today"


def _people_by_key() -> dict[str, tuple[int, ...]]:
    by_key: dict[str, list[int]] = {}
    for person_id, honorific, full_name in db.session.execute(
        sa.select(Person.id, Person.honorific, Person.full_name).where(Person.archived_at.is_(None))
        .order_by(Person.id)
    ):
        by_key.setdefault(name_key(full_name, honorific), []).append(person_id)
    return {key: tuple(ids) for key, ids in by_key.items()}


def people_by_key() -> dict[str, tuple[int, ...]]:
    """The ids of the people in use by ``name_key``, each name's in the order they were recorded: worked out once
    per change to the data (a desk knows a few thousand people, and the form asks as the officer types)."""
    return while_unchanged("people by name key", _people_by_key)


def _described(ids: Sequence[int], exact: set[int]) -> list[Namesake]:
    if not ids:
        return []
    people = {person.id: person for person in db.session.scalars(
        sa.select(Person).where(Person.id.in_(ids))
        .options(joinedload(Person.positions).joinedload(Position.organisation))).unique()}
    today = date.today()
    found = []
    for person_id in ids:
        person = people.get(person_id)
        if person is None:
            continue
        post = person.position_on(today)
        found.append(Namesake(person.id, person.display_name,
                              f"{post.title}, {post.organisation.short_name}" if post else None,
                              exact=person.id in exact))
    return found


def recorded_namesakes(full_name: str | None, honorific: str | None = None) -> list[Namesake]:
    """The people in use whose name is the same as ``full_name`` (with ``honorific``) once compared."""
    key = name_key(full_name or "", honorific)
    ids = people_by_key().get(key, ()) if key else ()
    return _described(ids, set(ids))


def _one_word_apart(shorter: list[str], longer: list[str]) -> bool:
    return len(shorter) >= 2 and len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _close(typed: str, recorded: str) -> bool:
    typed_words, recorded_words = typed.split(), recorded.split()
    return (
        (len(typed) >= SHORTEST_PREFIX and recorded.startswith(typed))
        or _one_word_apart(typed_words, recorded_words)
        or _one_word_apart(recorded_words, typed_words)
    )


def suggested_namesakes(full_name: str | None, honorific: str | None = None) -> list[Namesake]:
    """What the form suggests while a new person's name is typed: the same names first, then close ones."""
    key = name_key(full_name or "", honorific)
    if not key:
        return []
    by_key = people_by_key()
    exact = list(by_key.get(key, ()))
    close = [person_id for recorded, ids in by_key.items() if recorded != key and _close(key, recorded)
             for person_id in ids]
    return _described((exact + close)[:MOST_SUGGESTED], set(exact))


def _listed(namesakes: Sequence[Namesake]) -> str:
    named = [f"{namesake.name} ({namesake.post_text})" for namesake in namesakes]
    return f"{', '.join(named[:-1])} and {named[-1]}"


def already_recorded(namesakes: Sequence[Namesake], *, choose_one: str, choose_any: str) -> str:
    """The message beside a new person's name: "Ameer Khurram Rathore is already recorded (Ambassador of Pakistan to
    ASEAN, Pakistan) – choose them for participant 2, or confirm this is a different person". ``choose_one`` and
    ``choose_any`` say how to take the one recorded person, or one of several."""
    if len(namesakes) == 1:
        [namesake] = namesakes
        return (f"{namesake.name} is already recorded ({namesake.post_text}) – {choose_one}, or confirm this is a "
                "different person")
    return f"{_listed(namesakes)} are already recorded – {choose_any}, or confirm this is a different person"
