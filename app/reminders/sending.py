"""One run of the reminders: every digest due for a day, claimed, written and sent, each with what became of it."""

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

from flask import render_template

from app.common.dates import long_date
from app.extensions import db
from app.models import DigestKind, DigestState, utcnow
from app.reminders import claims
from app.reminders.content import DeskDigest, PersonalDigest, desk_digest, personal_digest
from app.reminders.links import public_url, unsubscribe_url
from app.reminders.mail import MailNotSent, compose, send
from app.reminders.settings import Due, due_on

#: What the command prints for a digest in each state.
SAID = {DigestState.SENT: "sent", DigestState.NOTHING_TO_SEND: "nothing to send", DigestState.FAILED: "failed",
        DigestState.CLAIMED: "being sent by another run"}

#: A digest in these states is not sent again that day.
FINAL = (DigestState.SENT, DigestState.NOTHING_TO_SEND)


@dataclass(frozen=True)
class Outcome:
    """What one run did with one digest, as the command's output says it."""

    email: str
    kind: DigestKind
    said: str
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.said == SAID[DigestState.FAILED]

    @property
    def line(self) -> str:
        return f"{self.kind.value} digest to {self.email}: {self.said}" + (f" ({self.detail})" if self.detail else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def personal_subject(digest: PersonalDigest) -> str:
    parts = []
    if digest.overdue:
        parts.append(f"{len(digest.overdue)} overdue")
    if digest.due_soon:
        parts.append(f"{len(digest.due_soon)} due in the next {_plural(digest.due_soon_days, 'day')}")
    if digest.meetings:
        parts.append(f"{_plural(len(digest.meetings), 'meeting')} tomorrow")
    return f"Your follow-ups on {long_date(digest.day)}: {', '.join(parts)}"


def desk_subject(digest: DeskDigest) -> str:
    return (f"Overdue follow-ups of the desk on {long_date(digest.day)}: {digest.overdue_count} across "
            f"{_plural(len(digest.partnerships), 'partnership')}")


def write(due: Due, day: date) -> EmailMessage | None:
    """The e-mail of ``due`` for ``day``, or None when it would have nothing in it."""
    user, kind = due.user, due.kind
    digest: PersonalDigest | DeskDigest = (desk_digest(user, day) if kind is DigestKind.DESK
                                           else personal_digest(user, day, due.preferences.due_soon_days))
    if digest.is_empty:
        return None
    values = dict(digest=digest, user=user, settings_url=public_url("reminders.settings"),
                  unsubscribe_url=unsubscribe_url(user.id, kind), home_url=public_url("dashboard.home"))
    subject = desk_subject(digest) if isinstance(digest, DeskDigest) else personal_subject(digest)
    return compose(user.email, subject, render_template(f"reminders/mail/{kind.value}.txt", **values),
                   render_template(f"reminders/mail/{kind.value}.html", **values), str(values["unsubscribe_url"]))


def _settled(due: Due, day: date, run: str, state: DigestState, failure: str | None = None) -> Outcome:
    email = due.user.email  # read before the commit below expires the record
    sent_at = utcnow() if state is DigestState.SENT else None
    claims.settle(due.user.id, due.kind, day, run, state, failure, sent_at)
    return Outcome(email, due.kind, SAID[state], failure or "")


def _send_one(due: Due, day: date, run: str) -> Outcome:
    user, kind = due.user, due.kind
    email = user.email
    if not claims.claim(user.id, kind, day, run):
        earlier = claims.settled_on(day, user.id).get((user.id, kind))
        return Outcome(email, kind, f"already {SAID[earlier]}" if earlier in FINAL else SAID[DigestState.CLAIMED])
    try:
        message = write(due, day)
    except Exception as error:  # a fault in one digest must not stop the others; the claim is released as failed
        db.session.rollback()
        return _settled(due, day, run, DigestState.FAILED, f"could not be written: {error!r}")
    if message is None:
        return _settled(due, day, run, DigestState.NOTHING_TO_SEND)
    db.session.commit()  # no transaction stays open while the mail server is talked to
    try:
        send(message)
    except MailNotSent as error:
        return _settled(due, day, run, DigestState.FAILED, str(error))
    return _settled(due, day, run, DigestState.SENT)


def send_digests(day: date, on_outcome: Callable[[Outcome], None] = lambda _: None) -> Sequence[Outcome]:
    """Send every digest due for ``day`` that no run has sent yet (or found nothing for); a failed one, or one left
    by a run that stopped, is tried again."""
    run = secrets.token_hex(16)
    due = list(due_on(day))
    db.session.commit()
    outcomes = []
    for each in due:
        outcome = _send_one(each, day, run)
        on_outcome(outcome)
        outcomes.append(outcome)
    return outcomes


def preview_digests(day: date) -> Sequence[Outcome]:
    """What ``send_digests`` would do for ``day``, changing nothing and sending nothing."""
    settled = claims.settled_on(day)
    outcomes = []
    for due in due_on(day):
        state = settled.get((due.user.id, due.kind))
        if state in FINAL:
            outcomes.append(Outcome(due.user.email, due.kind, f"already {SAID[state]}"))
            continue
        message = write(due, day)
        outcomes.append(Outcome(due.user.email, due.kind, SAID[DigestState.NOTHING_TO_SEND]) if message is None else
                        Outcome(due.user.email, due.kind, "would be sent", str(message["Subject"])))
    return outcomes
