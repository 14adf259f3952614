"""People already recorded under a name typed for someone new, so that a form offers them before adding the same
person twice: "H.E. Ameer Khurram Rathore" typed when "Ameer Khurram Rathore" is recorded, "Tiêu Văn" when "Tieu Van"
is. Names are compared by ``name_key``; archived people are not offered."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import joinedload

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
        return self.post or gettext("no post held today")


def _less_one_word(key: str) -> list[str]:
    """The name without each of its words in turn, for names of three words or more: "ameer khurram rathore" is
    "khurram rathore", "ameer rathore" and "ameer khurram"."""
    words = key.split()
    return [" ".join(words[:i] + words[i + 1:]) for i in range(len(words))] if len(words) >= 3 else []


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _one_word_more(key: str) -> list[str]:
    """LIKE patterns of the names with a word more than ``key``, for keys of two words or more: "ameer rathore"
    is matched by "ameer khurram rathore" ("ameer % rathore")."""
    words = [_like(word) for word in key.split()]
    return [" ".join([*words[:i], "%", *words[i:]]) for i in range(len(words) + 1)] if len(words) >= 2 else []


def _in_use(*conditions: sa.ColumnElement[bool]) -> list[int]:
    """The ids of the people in use meeting any of ``conditions``, in the order they were recorded."""
    return list(db.session.scalars(sa.select(Person.id).where(Person.archived_at.is_(None), sa.or_(*conditions))
                                   .order_by(Person.id).limit(MOST_SUGGESTED * 4)))


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
    ids = _in_use(Person.name_key == key) if key else []
    return _described(ids, set(ids))


def suggested_namesakes(full_name: str | None, honorific: str | None = None) -> list[Namesake]:
    """What the form suggests while a new person's name is typed: the same names first, then close ones (a word
    more or less, or names that begin with what is typed so far)."""
    key = name_key(full_name or "", honorific)
    if not key:
        return []
    exact = _in_use(Person.name_key == key)
    close = [Person.name_key.like(pattern, escape="\\") for pattern in _one_word_more(key)]
    if shorter := _less_one_word(key):
        close.append(Person.name_key.in_(shorter))
    if len(key) >= SHORTEST_PREFIX:
        close.append(Person.name_key.like(f"{_like(key)}%", escape="\\"))
    offered = list(dict.fromkeys(exact + (_in_use(*close) if close else [])))
    return _described(offered[:MOST_SUGGESTED], set(exact))


def _listed(namesakes: Sequence[Namesake]) -> str:
    named = [f"{namesake.name} ({namesake.post_text})" for namesake in namesakes]
    return gettext("%(names)s and %(last)s", names=", ".join(named[:-1]), last=named[-1])


def already_recorded(namesakes: Sequence[Namesake], *, choose_one: str, choose_any: str) -> str:
    """The message beside a new person's name: "Ameer Khurram Rathore is already recorded (Ambassador of Pakistan to
    ASEAN, Pakistan) – choose them for participant 2, or confirm this is a different person". ``choose_one`` and
    ``choose_any`` say how to take the one recorded person, or one of several, in the page's language."""
    if len(namesakes) == 1:
        [namesake] = namesakes
        return gettext("%(name)s is already recorded (%(post)s) – %(choice)s, or confirm this is a different person",
                       name=namesake.name, post=namesake.post_text, choice=choose_one)
    return gettext("%(names)s are already recorded – %(choice)s, or confirm this is a different person",
                   names=_listed(namesakes), choice=choose_any)
