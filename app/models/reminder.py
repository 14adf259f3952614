"""Reminder e-mails: what each person asked to receive, and which digest went to whom on which day."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import Model
from app.models.base import Choice, Timestamped, choice_column
from app.models.user import User

#: How far ahead a follow-up may be due and still count as "due soon": the range a person may choose.
DUE_SOON_MIN, DUE_SOON_MAX = 1, 60


class DigestFrequency(Choice):
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"

    @property
    def label(self) -> str:
        return str(FREQUENCY_WORDS[self.value])


#: How often, in words: a frequency's own, not those of its value.
FREQUENCY_WORDS = {"daily": _l("Every day"), "weekly": _l("Once a week"), "never": _l("Never")}


class DigestKind(Choice):
    #: One person's follow-ups and the meetings of the partnerships they look after.
    PERSONAL = "personal"
    #: Every overdue follow-up of every partnership, for administrators.
    DESK = "desk"


class DigestState(Choice):
    #: A run has taken it and is sending it now (or crashed while sending: see REMINDERS_CLAIM_MINUTES).
    CLAIMED = "claimed"
    SENT = "sent"
    #: Nothing was due: no e-mail, and none is sent later that day either.
    NOTHING_TO_SEND = "nothing_to_send"
    #: The mail server refused it or did not answer: the next run tries again.
    FAILED = "failed"


class ReminderSettings(Timestamped, Model):
    """The reminder e-mails one person receives. A person without a row has the defaults of the columns."""

    __tablename__ = "reminder_settings"
    __table_args__ = (
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_in_week"),
        sa.CheckConstraint(f"due_soon_days BETWEEN {DUE_SOON_MIN} AND {DUE_SOON_MAX}", name="due_soon_days_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"), unique=True)
    personal_digest: Mapped[DigestFrequency] = mapped_column(
        choice_column(DigestFrequency, "digest_frequency"), default=DigestFrequency.WEEKLY,
        server_default=DigestFrequency.WEEKLY.value)
    #: The day of the week a weekly digest comes: 0 is Monday, as in ``date.weekday()``.
    weekday: Mapped[int] = mapped_column(default=0, server_default="0")
    #: A follow-up due within this many days of the digest's day is listed as due soon.
    due_soon_days: Mapped[int] = mapped_column(default=7, server_default="7")
    #: The weekly desk digest, for administrators only (kept, and unused, while the person is not one).
    desk_digest: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    user: Mapped[User] = relationship()


class SentDigest(Model):
    """One digest for one person for one day: claimed by a run before it talks to the mail server, so that two runs
    at once, or a second run the same day, never send it twice (the unique constraint decides who claims it)."""

    __tablename__ = "sent_digests"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "kind", "day"),
        sa.CheckConstraint("(state = 'sent') = (sent_at IS NOT NULL)", name="sent_when_sent"),
        sa.CheckConstraint("(state = 'failed') = (failure IS NOT NULL)", name="failure_when_failed"),
        sa.CheckConstraint("attempts >= 0", name="attempts_counted"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="RESTRICT"))
    kind: Mapped[DigestKind] = mapped_column(choice_column(DigestKind, "digest_kind"))
    #: The day the digest is for (the run's ``--date``).
    day: Mapped[date] = mapped_column(sa.Date, index=True)
    state: Mapped[DigestState] = mapped_column(choice_column(DigestState, "digest_state"))
    #: When the latest run took it; a claim older than REMINDERS_CLAIM_MINUTES is from a run that stopped.
    claimed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    #: Which run holds the claim, so that a run that was overtaken never marks another run's claim.
    claimed_by: Mapped[str] = mapped_column(sa.String(64))
    sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    #: How many runs took it.
    attempts: Mapped[int] = mapped_column(default=1)
    #: Why the last try failed, as the mail server or the network said it.
    failure: Mapped[str | None] = mapped_column(sa.String(500))
