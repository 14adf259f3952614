"""One run of the reminders: every digest due for a day, claimed, written and sent, each with what became of it."""

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale, gettext, ngettext

from app.common.dates import page_date
from app.common.numbers import page_number
from app.extensions import db
from app.languages import mail_language
from app.models import DigestKind, DigestState, utcnow
from app.reminders import claims
from app.reminders.content import DeskDigest, PersonalDigest, desk_digest, personal_digest
from app.reminders.links import public_url, unsubscribe_url
from app.reminders.mail import MailNotSent, compose, send
from app.reminders.settings import Due, due_on, everyone

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
    #: The day of a digest of an earlier day, tried again.
    earlier: date | None = None

    @property
    def failed(self) -> bool:
        return self.said == SAID[DigestState.FAILED]

    @property
    def line(self) -> str:
        of = f" of {self.earlier.isoformat()}" if self.earlier else ""
        why = f" ({self.detail})" if self.detail else ""
        return f"{self.kind.value} digest{of} to {self.email}: {self.said}{why}"


def personal_subject(digest: PersonalDigest) -> str:
    """"Your follow-ups on 17 March 2025: 2 overdue, 2 due in the next 7 days, 1 meeting tomorrow", each part said
    only when there is something in it."""
    parts = []
    if digest.overdue:
        parts.append(gettext("%(count)s overdue", count=page_number(digest.overdue_count)))
    if digest.due_soon:
        parts.append(ngettext("%(count)s due in the next %(num)s day", "%(count)s due in the next %(num)s days",
                              digest.due_soon_days, count=page_number(len(digest.due_soon))))
    if digest.meetings:
        parts.append(ngettext("%(num)s meeting tomorrow", "%(num)s meetings tomorrow", len(digest.meetings)))
    return gettext("Your follow-ups on %(day)s: %(summary)s", day=page_date(digest.day), summary=", ".join(parts))


def desk_subject(digest: DeskDigest) -> str:
    return ngettext("Overdue follow-ups of the desk on %(day)s: %(count)s across %(num)s partnership",
                    "Overdue follow-ups of the desk on %(day)s: %(count)s across %(num)s partnerships",
                    len(digest.partnerships), day=page_date(digest.day), count=page_number(digest.overdue_count))


def write(due: Due) -> EmailMessage | None:
    """The e-mail of ``due``, or None when it would have nothing in it: in the language its reader chose for the
    pages, English when they left that to their browser."""
    with force_locale(mail_language(due.user.language)):
        return _written(due)


def _written(due: Due) -> EmailMessage | None:
    user, kind, day = due.user, due.kind, due.day
    digest: PersonalDigest | DeskDigest = (desk_digest(user, day) if kind is DigestKind.DESK
                                           else personal_digest(user, day, due.preferences.due_soon_days))
    if digest.is_empty:
        return None
    values = dict(digest=digest, user=user, settings_url=public_url("reminders.settings"),
                  unsubscribe_url=unsubscribe_url(user.id, kind), home_url=public_url("dashboard.home"))
    subject = desk_subject(digest) if isinstance(digest, DeskDigest) else personal_subject(digest)
    return compose(user.email, subject, render_template(f"reminders/mail/{kind.value}.txt", **values),
                   render_template(f"reminders/mail/{kind.value}.html", **values), str(values["unsubscribe_url"]))


class _Said:
    """Outcomes of ``due`` in a run for ``day``."""

    def __init__(self, due: Due, day: date):
        # Read now: each commit of the claims expires the records.
        self.email, self.kind, self.earlier = due.user.email, due.kind, due.day if due.day != day else None

    def __call__(self, said: str, detail: str = "") -> Outcome:
        return Outcome(self.email, self.kind, said, detail, self.earlier)


def _settled(due: Due, run: str, said: _Said, state: DigestState, failure: str | None = None) -> Outcome:
    sent_at = utcnow() if state is DigestState.SENT else None
    claims.settle(due.user.id, due.kind, due.day, run, state, failure, sent_at)
    return said(SAID[state], failure or "")


def _send_one(due: Due, run: str, said: _Said) -> Outcome:
    user_id, kind, day = due.user.id, due.kind, due.day
    if not claims.claim(user_id, kind, day, run):
        earlier = claims.settled_on(day, user_id).get((user_id, kind))
        return said(f"already {SAID[earlier]}" if earlier in FINAL else SAID[DigestState.CLAIMED])
    try:
        message = write(due)
    except Exception as error:  # a fault in one digest must not stop the others; the claim is released as failed
        db.session.rollback()
        return _settled(due, run, said, DigestState.FAILED, f"could not be written: {error!r}")
    if message is None:
        return _settled(due, run, said, DigestState.NOTHING_TO_SEND)
    db.session.commit()  # no transaction stays open while the mail server is talked to
    try:
        send(message)
    except MailNotSent as error:
        return _settled(due, run, said, DigestState.FAILED, str(error))
    return _settled(due, run, said, DigestState.SENT)


def to_do(day: date) -> list[Due]:
    """The digests due for ``day``, then those of the days before it (REMINDERS_CATCH_UP_DAYS) that failed or were
    left by a run that stopped, unless the person has one of the same kind due for ``day``, which supersedes it."""
    people = everyone()
    due = list(due_on(day, people))
    superseded = {(each.user.id, each.kind) for each in due}
    since = day - timedelta(days=current_app.config["REMINDERS_CATCH_UP_DAYS"])
    by_id = {user.id: (user, preferences) for user, preferences in people}
    for user_id, kind, earlier in claims.unfinished(since, day):
        if (user_id, kind) not in superseded and user_id in by_id:
            user, preferences = by_id[user_id]
            if preferences.wants(kind, user, earlier):  # not since stopped
                due.append(Due(user, kind, earlier, preferences))
    return due


def send_digests(day: date, on_outcome: Callable[[Outcome], None] = lambda _: None) -> Sequence[Outcome]:
    """Send every digest due for ``day`` that no run has sent yet (or found nothing for); a failed one, or one left
    by a run that stopped, is tried again, of ``day`` or of the days before it (``to_do``)."""
    run = secrets.token_hex(16)
    due = to_do(day)
    said = [_Said(each, day) for each in due]
    db.session.commit()
    outcomes = []
    for each, says in zip(due, said, strict=True):
        outcome = _send_one(each, run, says)
        on_outcome(outcome)
        outcomes.append(outcome)
    return outcomes


def preview_digests(day: date) -> Sequence[Outcome]:
    """What ``send_digests`` would do for ``day``, changing nothing and sending nothing."""
    settled = claims.settled_on(day)
    outcomes = []
    for due in to_do(day):
        said = _Said(due, day)
        state = settled.get((due.user.id, due.kind)) if due.day == day else None
        if state in FINAL:
            outcomes.append(said(f"already {SAID[state]}"))
            continue
        message = write(due)
        outcomes.append(said(SAID[DigestState.NOTHING_TO_SEND]) if message is None else
                        said("would be sent", str(message["Subject"])))
    return outcomes
