from typing import TypeVar

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # in WTForms, not in its stubs

from app.attachments.section import attachment_section
from app.audit.history import record_history
from app.auth import requires
from app.common.conflicts import version_conflict
from app.common.lifecycle import add_archive_routes
from app.common.lists import page_out_of_range, paginate, show_archived
from app.common.saving import Saved, save_form
from app.extensions import db
from app.follow_ups import chases, services
from app.follow_ups.choices import (
    MEETINGS_OFFERED,
    areas_offered,
    meeting_choices,
    meetings_offered,
    officers_offered,
)
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.forms import DESCRIPTION_LIMIT, ChaseForm, FollowUpForm, StatusForm
from app.follow_ups.history import state_history
from app.follow_ups.pages import LIST_ORDERS, follow_up_list, follow_up_page
from app.meetings.choices import partnership_options, person_options
from app.meetings.fields import RecordSelectField
from app.meetings.forms import partnership_choices
from app.meetings.pages import MAX_ID
from app.models import (
    CooperationArea,
    FollowUpAction,
    FollowUpStatus,
    Meeting,
    Partnership,
    Person,
    Role,
    User,
)
from app.models.choice_words import CHOICE_WORDS

M = TypeVar("M", CooperationArea, Meeting, Person, User)

bp = Blueprint("follow_ups", __name__, url_prefix="/follow-ups")

#: The list's status filter: open work by default, any single status, or everything.
STATUS_FILTERS = [("", _l("Still to do (open, in progress, awaiting partner)")),
                  *((status.value, CHOICE_WORDS[status.value]) for status in FollowUpStatus), ("all", _l("Any status"))]


#: The list's orders offered, after the default (earliest due first).
SORTS = [("last-chase", _l("Last chase, oldest first (never chased first)"))]


def _load(action_id: int) -> FollowUpAction:
    if not 0 < action_id <= MAX_ID:
        abort(404)
    return db.get_or_404(FollowUpAction, action_id)


def _area_choices(partnership: Partnership | None, keep: CooperationArea | None) -> list[SelectChoice]:
    """Areas of the chosen partnership's plans, grouped by plan (latest first); none until a partnership is
    chosen."""
    if partnership is None:
        return [SelectChoice("", gettext("No particular area"))]
    areas = areas_offered(partnership, keep)
    return [SelectChoice("", gettext("No particular area"))] + [
        SelectChoice(str(a.id), str(a), optgroup=a.plan.title) for a in areas
    ]


def prepare_form(form: FollowUpForm, action: FollowUpAction | None = None) -> Partnership | None:
    """Fill the selects; returns the partnership chosen so far (its meetings and areas are the ones offered)."""
    form.partnership_id.choices = partnership_choices(action.partnership if action else None)
    partnership: Partnership | None = form.partnership_id.choices.record(form.partnership_id.data)
    chosen = {form.meeting_id.data, action.meeting_id if action else None} - {None}
    meetings = meetings_offered(partnership, chosen)
    form.meeting_id.choices = meeting_choices(meetings, gettext("Not from a meeting"))
    form.meeting_dates = {meeting.id: meeting.held_on for meeting in meetings}
    form.area_id.choices = _area_choices(partnership, action.area if action else None)
    keep_user = action.owner_user if action else None
    users = officers_offered(keep_user)
    form.owner_user_id.choices = [SelectChoice("", gettext("Not one of our officers"))] + [
        SelectChoice(str(u.id), u.name) for u in users
    ]
    form.partner_person_id.choices = [SelectChoice("", gettext("No one in particular"))] + [
        SelectChoice(str(person.id), person.label)
        for person in person_options(action.partner_person_id if action else None)
    ]
    return partnership


def follow_up_details(form: FollowUpForm) -> FollowUpDetails:
    def get(model: type[M], field: RecordSelectField) -> M | None:
        return db.session.get(model, field.data) if field.data is not None else None

    return form.details(meeting=get(Meeting, form.meeting_id), area=get(CooperationArea, form.area_id),
                        owner_user=get(User, form.owner_user_id), partner_person=get(Person, form.partner_person_id))


def wants_refresh() -> bool:
    """The no-JavaScript "Show meetings and areas" button: re-show the form for the partnership chosen."""
    return request.method == "POST" and request.form.get("action") == "refresh"


def render_form(form: FollowUpForm, action: FollowUpAction | None, partnership: Partnership | None) -> str:
    return render_template(
        "follow_ups/form.html", form=form, action=action, partnership=partnership, limit=DESCRIPTION_LIMIT,
        meetings_offered=MEETINGS_OFFERED,
    )


@bp.route("/")
def index() -> ResponseReturnValue:
    status = request.args.get("status", "")
    if status not in {value for value, _ in STATUS_FILTERS}:
        status = ""
    slug = request.args.get("partnership") or None
    overdue = request.args.get("overdue") == "1"
    mine = request.args.get("mine") == "1"
    sort = request.args.get("sort", "due")
    if sort not in LIST_ORDERS:
        sort = "due"
    query = follow_up_list(
        status=status or None, partnership_slug=slug, overdue=overdue, owner=current_user if mine else None,
        archived=show_archived(),
    )
    pages = paginate(query, LIST_ORDERS[sort])
    return page_out_of_range(pages) or render_template(
        "follow_ups/list.html", pages=pages, statuses=STATUS_FILTERS, partnerships=partnership_options(),
        chosen={"status": status, "partnership": slug, "overdue": overdue, "mine": mine, "sort": sort},
        today=services.today(), sorts=SORTS,
    )


@bp.route("/<int:action_id>")
def detail(action_id: int) -> ResponseReturnValue:
    action = follow_up_page(action_id) if 0 < action_id <= MAX_ID else None
    if action is None:
        abort(404)
    history = state_history(action)
    return render_template(
        "follow_ups/detail.html", action=action, today=services.today(), record_history=record_history(action),
        state_history=history, section=attachment_section(action), chases=chases.chases_of(action),
        waiting=chases.waiting_for_partner(action, history), chase_refusal=chases.chase_refusal(action),
    )


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create() -> ResponseReturnValue:
    if request.method == "GET":
        initial = {}
        slug = (request.args.get("partnership") or "")[:80]
        if slug and (partnership := db.session.scalar(sa.select(Partnership).where(Partnership.slug == slug))):
            initial["partnership_id"] = partnership.id
        meeting_id = request.args.get("meeting", type=int)
        if meeting_id and 0 < meeting_id <= MAX_ID and (meeting := db.session.get(Meeting, meeting_id)):
            initial.update(meeting_id=meeting.id, partnership_id=meeting.partnership_id)
        form = FollowUpForm(data=initial)
    else:
        form = FollowUpForm()
    partnership = prepare_form(form)

    def add() -> FollowUpAction:
        assert partnership is not None  # the form requires one of those offered, so a valid form has one
        return services.create_follow_up(partnership, follow_up_details(form))

    if not wants_refresh() and (answer := save_form(
        form, add,
        lambda action: Saved(gettext("Follow-up added: %(title)s", title=action.title),
                             url_for(".detail", action_id=action.id)),
        made=gettext("the follow-up it added"),
    )):
        return answer
    return render_form(form, None, partnership)


@bp.route("/<int:action_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(action_id: int) -> ResponseReturnValue:
    action = _load(action_id)
    form = FollowUpForm(obj=action)
    partnership = prepare_form(form, action)
    detail_url = url_for(".detail", action_id=action.id)
    if not wants_refresh() and (answer := save_form(
        form, lambda: services.update_follow_up(action, follow_up_details(form), partnership=partnership),
        lambda _: Saved(gettext("Follow-up saved: %(title)s", title=action.title), detail_url),
        conflict=lambda: version_conflict(action, form, title=action.title, back_url=detail_url),
    )):
        return answer
    return render_form(form, action, partnership)


@bp.route("/<int:action_id>/status", methods=["GET", "POST"])
@requires(Role.EDITOR)
def change_status(action_id: int) -> ResponseReturnValue:
    action = _load(action_id)
    form = StatusForm(obj=action)
    detail_url = url_for(".detail", action_id=action.id)
    if answer := save_form(
        form, lambda: services.set_follow_up_status(action, form.status.data, form.changed_on.data,
                                                    form.note.data),
        lambda _: Saved(gettext("Follow-up is now %(status)s: %(title)s", status=action.status.label.lower(),
                                     title=action.title), detail_url),
        conflict=lambda: version_conflict(action, form, title=action.title, back_url=detail_url),
        made=gettext("the follow-up with the state it recorded"),
    ):
        return answer
    return render_template("follow_ups/status_form.html", form=form, action=action)


@bp.route("/<int:action_id>/chases/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def record_chase(action_id: int) -> ResponseReturnValue:
    action = _load(action_id)
    if (refusal := chases.chase_refusal(action)) is not None:
        # Nothing to fill in: the page says why, and a forced post is refused the same way.
        page = render_template("follow_ups/chase_refused.html", action=action, refusal=refusal)
        return (page, 409) if request.method == "POST" else page
    form = ChaseForm()
    detail_url = url_for(".detail", action_id=action.id)
    if answer := save_form(
        form, lambda: chases.record_chase(action, form.chased_on.data, form.channel.data, form.note.data),
        lambda _: Saved(gettext("Chase recorded: %(title)s", title=action.title), detail_url),
        made=gettext("the follow-up with the chase it recorded"),
    ):
        return answer
    return render_template("follow_ups/chase_form.html", form=form, action=action)


add_archive_routes(
    bp,
    rule="/<int:action_id>",
    kind="follow-up",
    load=_load,
    detail_url=lambda a: url_for("follow_ups.detail", action_id=a.id),
)
