"""Follow-up actions: who does what by when, after a meeting or on their own. Done ones are kept for good."""

from datetime import date

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.common.dates import page_date
from app.common.errors import DomainError
from app.extensions import db
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.history import first_entry, latest_entry, record_opening, record_state
from app.models import (
    CooperationArea,
    FollowUpAction,
    FollowUpStatus,
    Meeting,
    Partnership,
    Person,
    Plan,
    User,
)

OWNER_MESSAGE = _l("Select the officer responsible or name the partner-side owner")


def today() -> date:
    """The date rules and overdue flags are judged against (one place, so tests can fix it)."""
    return date.today()


def _check_owner(owner_user: User | None, partner_person: Person | None, partner_office: str | None) -> None:
    if owner_user is None and partner_person is None and not partner_office:
        raise DomainError("owner_user_id", str(OWNER_MESSAGE))
    if owner_user is not None and (partner_person is not None or partner_office):
        raise DomainError("owner_user_id",
                          gettext("Select the officer responsible or name the partner-side owner, not both"))
    if partner_person is not None and partner_office:
        raise DomainError("partner_person_id", gettext("Select a partner-side person or name an office, not both"))


def _check_links(partnership: Partnership, meeting: Meeting | None, area: CooperationArea | None) -> None:
    # A meeting logged on the same form is not flushed yet: its link is set, its column not.
    if meeting is not None and (meeting.partnership_id or meeting.partnership.id) != partnership.id:
        raise DomainError(
            "meeting_id", gettext("%(meeting)s is not a meeting of %(partnership)s – select one of its meetings",
                                  meeting=meeting.name, partnership=partnership.name)
        )
    # The area's plan is most often in the session already (the meeting form read it to offer its areas).
    if area is not None and db.session.get_one(Plan, area.plan_id).partnership_id != partnership.id:
        raise DomainError("area_id", gettext("%(area)s is not an area of a plan of %(partnership)s", area=str(area),
                                             partnership=partnership.name))


def due_before_meeting(due_on: date | None, held_on: date | None) -> str | None:
    """The message when a follow-up would fall due before the meeting that agreed it, else None."""
    if due_on is not None and held_on is not None and due_on < held_on:
        return gettext("Due date must be the same as or after %(day)s, the date of the meeting", day=page_date(held_on))
    return None


def _check_due(meeting: Meeting | None, due_on: date | None) -> None:
    if meeting is not None and (problem := due_before_meeting(due_on, meeting.held_on)):
        raise DomainError("due_on", problem)


def _check_change_date(action: FollowUpAction, changed_on: date | None, field: str, what: str) -> date:
    """The day a change of status took effect: not in the future, not before the follow-up was agreed (nor before
    its meeting), and not before its last recorded change, whose order the history keeps."""
    if changed_on is None:
        raise DomainError(field, gettext("Enter the %(what)s", what=what.lower()))
    if changed_on > today():
        raise DomainError(field, gettext("%(what)s must be today or in the past", what=what))
    meeting = action.meeting
    if meeting is not None and meeting.held_on is not None and changed_on < meeting.held_on:
        raise DomainError(
            field, gettext("%(what)s must be the same as or after %(day)s, the date of the meeting", what=what,
                           day=page_date(meeting.held_on))
        )
    if action.opened_on is not None and changed_on < action.opened_on:
        raise DomainError(
            field, gettext("%(what)s must be the same as or after %(day)s, the day it was agreed", what=what,
                           day=page_date(action.opened_on))
        )
    last = latest_entry(action) if action.id is not None else None
    if last is not None and changed_on < last.effective_on:
        raise DomainError(field, gettext("%(what)s must be the same as or after %(day)s, the date of its last recorded "
                                         "change", what=what, day=page_date(last.effective_on)))
    return changed_on


def _apply(action: FollowUpAction, partnership: Partnership, details: FollowUpDetails) -> None:
    title, meeting, due_on = details.title, details.meeting, details.due_on
    if not title or not title.strip():
        raise DomainError("title", gettext("Enter a title for the follow-up"))
    _check_links(partnership, meeting, details.area)
    _check_owner(details.owner_user, details.partner_person, details.partner_office)
    _check_due(meeting, due_on)
    action.partnership = partnership
    action.title = title.strip()
    action.description = details.description
    action.meeting = meeting
    action.area = details.area
    action.owner_user = details.owner_user
    action.partner_person = details.partner_person
    action.partner_office = details.partner_office or None
    action.due_on = due_on
    if meeting is not None and meeting.held_on is not None:
        # Agreed at the meeting: reports count the action as opened on that day.
        action.opened_on = meeting.held_on


def create_follow_up(
    partnership: Partnership,
    details: FollowUpDetails,
    *,
    status: FollowUpStatus | str = FollowUpStatus.OPEN,
    completed_on: date | None = None,
    cancelled_on: date | None = None,
    opened_on: date | None = None,
    flush: bool = True,
) -> FollowUpAction:
    """Record a follow-up; flushes (unless the caller will, for a whole form), never commits.

    It has exactly one kind of owner (one of our officers, or the partner side: a person or an office), belongs
    to the meeting's partnership, and is not due before the meeting took place. It counts as opened on
    ``opened_on``, else the meeting's date, else today. ``details.is_restricted`` keeps its title and description
    to editors and admins, and out of reports unless included; it is still listed and counted.

    Its state history starts open on ``opened_on``; one recorded as already done or cancelled then moves to that
    status on ``completed_on`` or ``cancelled_on``.
    """
    action = FollowUpAction(opened_on=today(), is_restricted=bool(details.is_restricted))
    _apply(action, partnership, details)
    if opened_on is not None:
        action.opened_on = opened_on
    status = FollowUpStatus(status)
    action.status = status
    closed_on = None
    if status is FollowUpStatus.DONE:
        closed_on = _check_change_date(action, completed_on, "completed_on", gettext("Completion date"))
    elif status is FollowUpStatus.CANCELLED:
        closed_on = _check_change_date(action, cancelled_on, "cancelled_on", gettext("Cancellation date"))
    action.completed_on = closed_on if status is FollowUpStatus.DONE else None
    db.session.add(action)
    record_opening(action, closed_on=closed_on)
    if flush:
        db.session.flush()
    return action


def update_follow_up(
    action: FollowUpAction, details: FollowUpDetails, *, partnership: Partnership | None = None
) -> FollowUpAction:
    """Change what a follow-up is, and who owns it by when; its status changes through ``set_follow_up_status``.

    ``details.is_restricted`` None leaves the restriction as it is: a caller that does not know about it never
    lifts it.
    """
    due_before, opened_before = action.due_on, action.opened_on
    _apply(action, partnership or action.partnership, details)
    if details.is_restricted is not None:
        action.is_restricted = bool(details.is_restricted)
    _record_edit(action, due_before=due_before, opened_before=opened_before)
    db.session.flush()
    return action


def set_follow_up_status(action: FollowUpAction, status: FollowUpStatus | str, changed_on: date | None = None,
                         note: str | None = None) -> FollowUpAction:
    """Move a follow-up to ``status`` as from ``changed_on`` (default today), and record the change in its history.

    Done keeps ``changed_on`` as the completion date; any other status clears it, while the history keeps the
    earlier completion. The date is refused in the future, before the follow-up was agreed, and before its last
    recorded change.
    """
    status = FollowUpStatus(status)
    changed_on = _check_change_date(action, changed_on or today(), "changed_on", gettext("Date of the change"))
    action.completed_on = changed_on if status is FollowUpStatus.DONE else None
    action.status = status
    record_state(action, changed_on, note=note)
    db.session.flush()
    return action


def _record_edit(action: FollowUpAction, *, due_before: date | None, opened_before: date) -> None:
    """Keep the history in step with an edit: a new due date from today (or from the day the follow-up was
    agreed, when that is still to come), and an earlier meeting's date as the day it was opened."""
    if action.id is None:
        return
    first = first_entry(action)
    if first is not None and action.opened_on < first.effective_on:
        record_state(action, action.opened_on, status=first.status, due_on=first.due_on)
    elif action.opened_on > opened_before and action.status.is_closed:
        last = latest_entry(action)
        if last is not None and last.effective_on < action.opened_on:
            raise DomainError("meeting_id", gettext("The follow-up was %(status)s on %(day)s, before that meeting",
                                                    status=action.status.label.lower(),
                                                    day=page_date(last.effective_on)))
    if action.due_on != due_before:
        last = latest_entry(action)
        record_state(action, max(today(), last.effective_on) if last is not None else today())
