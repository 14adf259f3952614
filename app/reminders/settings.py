"""What each person asked to receive, and who is due which digest on a given day."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import DigestFrequency, DigestKind, ReminderSettings, Role, User

#: The day of the week the desk digest comes (Monday, as ``date.weekday()`` counts).
DESK_DIGEST_WEEKDAY = 0


@dataclass(frozen=True)
class Preferences:
    """One person's reminder settings, whether chosen or the defaults."""

    personal_digest: DigestFrequency = DigestFrequency.WEEKLY
    weekday: int = 0
    due_soon_days: int = 7
    desk_digest: bool = True

    def wants(self, kind: DigestKind, user: User, day: date) -> bool:
        """Whether ``user`` is due the digest of ``kind`` for ``day``."""
        if kind is DigestKind.DESK:
            return self.desk_digest and user.role is Role.ADMIN and day.weekday() == DESK_DIGEST_WEEKDAY
        if self.personal_digest is DigestFrequency.DAILY:
            return True
        return self.personal_digest is DigestFrequency.WEEKLY and day.weekday() == self.weekday


#: What a new person receives until they choose.
DEFAULTS = Preferences()


def _of(row: ReminderSettings | None) -> Preferences:
    if row is None:
        return DEFAULTS
    return Preferences(row.personal_digest, row.weekday, row.due_soon_days, row.desk_digest)


def _row_of(user_id: int) -> ReminderSettings | None:
    return db.session.scalar(sa.select(ReminderSettings).where(ReminderSettings.user_id == user_id))


def preferences_of(user: User) -> Preferences:
    return _of(_row_of(user.id))


def _keep(user: User, chosen: Preferences) -> None:
    row = _row_of(user.id)
    if row is None:
        row = ReminderSettings(user_id=user.id)
        db.session.add(row)
    row.personal_digest, row.weekday, row.due_soon_days, row.desk_digest = (
        chosen.personal_digest, chosen.weekday, chosen.due_soon_days, chosen.desk_digest)
    db.session.flush()


def save_preferences(user: User, chosen: Preferences) -> None:
    """Keep ``chosen`` as ``user``'s settings (flushed; the audit log records the change)."""
    if user.role is not Role.ADMIN:
        # Someone who is not an administrator has no desk digest to choose: what was kept stays.
        chosen = replace(chosen, desk_digest=preferences_of(user).desk_digest)
    _keep(user, chosen)


def stop_digest(user_id: int, kind: DigestKind) -> User | None:
    """Stop the digest of ``kind`` for the user with ``user_id``, changing nothing else (flushed); None when there
    is no such user."""
    user = db.session.get(User, user_id)
    if user is None:
        return None
    current = preferences_of(user)
    if kind is DigestKind.DESK:
        chosen = replace(current, desk_digest=False)
    else:
        chosen = replace(current, personal_digest=DigestFrequency.NEVER)
    if chosen != current:
        _keep(user, chosen)
    return user


@dataclass(frozen=True)
class Due:
    """A digest due: to whom, which, for which day, and with what settings."""

    user: User
    kind: DigestKind
    day: date
    preferences: Preferences


def everyone() -> Sequence[tuple[User, Preferences]]:
    """Every active user, with their settings, by id."""
    users = db.session.scalars(sa.select(User).where(User.is_active).order_by(User.id)).all()
    rows = {row.user_id: row for row in db.session.scalars(sa.select(ReminderSettings))}
    return [(user, _of(rows.get(user.id))) for user in users]


def due_on(day: date, people: Sequence[tuple[User, Preferences]]) -> Sequence[Due]:
    """Every digest due for ``day`` to ``people``, by person."""
    return [Due(user, kind, day, preferences) for user, preferences in people for kind in DigestKind
            if preferences.wants(kind, user, day)]
