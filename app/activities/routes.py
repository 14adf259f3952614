from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # in WTForms, not in its stubs

from app.activities import services
from app.activities.choices import organisations_offered, plans_offered, records_by_id
from app.activities.details import ActivityDetails
from app.activities.forms import ActivityForm, EditActivityForm, NewActivityForm, StateForm
from app.activities.history import state_history
from app.activities.pages import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_ID,
    ActivityFilters,
    activity_list,
    activity_page,
    activity_years,
    areas_of,
    plans_of,
)
from app.areas.pages import PlanLines, plan_lines
from app.attachments.section import attachment_section
from app.audit.history import record_history
from app.auth import requires
from app.common.conflicts import version_conflict
from app.common.lifecycle import add_archive_routes
from app.common.lists import page_out_of_range, paginate, search_term, show_archived
from app.common.saving import Saved, save_form
from app.extensions import db
from app.follow_ups.choices import MEETINGS_OFFERED, meeting_choices, meetings_offered
from app.meetings.choices import partnership_options
from app.meetings.date_rules import plan_for
from app.meetings.forms import partnership_choices
from app.models import (
    ActionLine,
    Activity,
    ActivityState,
    CooperationArea,
    FundingSource,
    Meeting,
    Organisation,
    Partnership,
    Plan,
    Role,
)

bp = Blueprint("activities", __name__, url_prefix="/activities")

#: Co-implementing organisations: a select for each one chosen and this many blank ones more, up to the most.
BLANK_ORGANISATION_ROWS, MOST_ORGANISATION_ROWS = 2, 12


def load_activity(activity_id: int) -> Activity:
    if not 0 < activity_id <= MAX_ID:
        abort(404)
    return db.get_or_404(Activity, activity_id)


def _detail_url(activity: Activity) -> str:
    return url_for("activities.detail", activity_id=activity.id)


@dataclass
class FormPage:
    """What the activity form shows besides its fields: the partnership and plan chosen and the plan's lines."""

    partnership: Partnership | None
    plan: Plan | None
    lines: PlanLines | None
    organisation_rows: int


def prepare_form(form: ActivityForm, activity: Activity | None = None) -> FormPage:
    """Fill the selects for the partnership and plan chosen so far; the plan in force is chosen when none is."""
    form.partnership_id.choices = partnership_choices(activity.partnership if activity else None)
    partnership: Partnership | None = form.partnership_id.choices.record(form.partnership_id.data)
    plans = plans_offered(partnership, activity.plan if activity else None)
    form.plan_id.choices = [SelectChoice("", gettext("Choose a plan"))] + [
        SelectChoice(str(plan.id), f"{plan.title} ({plan.label})") for plan in plans]
    plan = next((plan for plan in plans if plan.id == form.plan_id.data), None)
    if plan is None and partnership is not None and not _posted_to_save():
        # Shown for a partnership just chosen: the plan in force today, which the person can change.
        in_force = plan_for(partnership, None)
        plan = next((candidate for candidate in plans if in_force and candidate.id == in_force.id), None)
        form.plan_id.data = plan.id if plan else None
    kept = [line.id for line in activity.action_lines] if activity is not None and plan is not None \
        and activity.plan_id == plan.id else []
    lines = plan_lines(plan, keep=kept) if plan is not None else None
    form.action_line_ids.choices = [SelectChoice(str(line.id), f"{line.code} {line.text}")
                                    for line in (lines.lines if lines else [])]
    chosen_meetings = {form.meeting_id.data, activity.meeting_id if activity else None} - {None}
    form.meeting_id.choices = meeting_choices(meetings_offered(partnership, chosen_meetings),
                                              gettext("Not from a meeting"))
    kept_organisations = [activity.implementing_organisation_id or 0, *(o.id for o in activity.co_implementers)] \
        if activity is not None else []
    organisations = [SelectChoice(str(key), name) for key, name in organisations_offered(kept_organisations)]
    form.implementing_organisation_id.choices = [SelectChoice("", gettext("Not recorded"))] + organisations
    form.co_implementer_ids.choices = organisations
    chosen = len([value for value in form.co_implementer_ids.data or [] if value is not None])
    return FormPage(partnership, plan, lines,
                    min(MOST_ORGANISATION_ROWS, max(chosen + BLANK_ORGANISATION_ROWS, BLANK_ORGANISATION_ROWS)))


def _posted_to_save() -> bool:
    return request.method == "POST" and not wants_refresh()


def wants_refresh() -> bool:
    """The no-JavaScript "Show the action lines" button: re-show the form for the partnership and plan chosen."""
    return request.method == "POST" and request.form.get("action") == "refresh"


def activity_details(form: ActivityForm, page: FormPage) -> ActivityDetails:
    organisations = records_by_id(
        Organisation, [form.implementing_organisation_id.data, *(form.co_implementer_ids.data or [])])
    meeting = db.session.get(Meeting, form.meeting_id.data) if form.meeting_id.data is not None else None
    return form.details(plan=page.plan, lines=page.lines.lines if page.lines else [], meeting=meeting,
                        organisations=organisations)


def render_form(form: ActivityForm, page: FormPage, activity: Activity | None) -> str:
    return render_template("activities/form.html", form=form, page=page, activity=activity,
                           meetings_offered=MEETINGS_OFFERED, limits={"notes": services.NOTES_LIMIT})


def _whole(name: str) -> int | None:
    value = request.args.get(name, type=int)
    return value if value is not None and 0 < value <= MAX_ID else None


def _prefilled() -> dict[str, object]:
    """What a link to the form chose: a partnership (``?partnership=slug``), a plan, an area's plan, an action line
    (ticked), or the meeting where the activity was agreed."""
    initial: dict[str, object] = {}
    if slug := (request.args.get("partnership") or "")[:80]:
        partnership = db.session.scalar(sa.select(Partnership).where(Partnership.slug == slug))
        if partnership is not None:
            initial["partnership_id"] = partnership.id
    plan: Plan | None = None
    if (plan_id := _whole("plan")) is not None:
        plan = db.session.get(Plan, plan_id)
    if (area_id := _whole("area")) is not None and (area := db.session.get(CooperationArea, area_id)):
        plan = area.plan
    if (line_id := _whole("line")) is not None and (line := db.session.get(ActionLine, line_id)):
        plan = line.area.plan
        initial["action_line_ids"] = [line.id]
    if (meeting_id := _whole("meeting")) is not None and (meeting := db.session.get(Meeting, meeting_id)):
        initial.update(meeting_id=meeting.id, partnership_id=meeting.partnership_id)
        plan = plan or plan_for(meeting.partnership, meeting.held_on)
    if plan is not None:
        initial.update(plan_id=plan.id, partnership_id=plan.partnership_id)
    return initial


@bp.route("/")
def index() -> ResponseReturnValue:
    slug = request.args.get("partnership") or None
    plan_id = _whole("plan") if slug else None
    year = request.args.get("year", type=int)
    filters = ActivityFilters(
        partnership=slug, plan_id=plan_id, area_id=_whole("area") if plan_id else None,
        state=request.args.get("state") or None, funding=request.args.get("funding") or None,
        year=year if year is not None and EARLIEST_YEAR <= year <= LATEST_YEAR else None, term=search_term(),
        archived=show_archived(),
    )
    pages = paginate(activity_list(filters), Activity.newest_first())
    options = {
        "partnerships": [(option.slug, option.name) for option in partnership_options()],
        "plans": [(plan.id, f"{plan.title} ({plan.label})") for plan in plans_of(slug)],
        "areas": [(area.id, str(area)) for area in areas_of(plan_id)],
        "states": ActivityState.choices(), "funding": FundingSource.choices(),
        "years": [(year, year) for year in activity_years()],
    }
    return page_out_of_range(pages) or render_template("activities/list.html", pages=pages, options=options,
                                                       chosen=filters)


@bp.route("/<int:activity_id>")
def detail(activity_id: int) -> ResponseReturnValue:
    activity = activity_page(activity_id)
    if activity is None:
        abort(404)
    return render_template("activities/detail.html", activity=activity, state_history=state_history(activity),
                           record_history=record_history(activity), section=attachment_section(activity))


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create() -> ResponseReturnValue:
    form = NewActivityForm(data=_prefilled()) if request.method == "GET" else NewActivityForm()
    page = prepare_form(form)

    def record() -> Activity:
        assert page.partnership is not None  # the form requires one of those offered, so a valid form has one
        return services.create_activity(page.partnership, activity_details(form, page), state=form.state.data,
                                        state_on=form.state_on.data)

    if not wants_refresh() and (answer := save_form(
        form, record, lambda activity: Saved(gettext("Activity recorded: %(title)s", title=activity.title),
                                             _detail_url(activity)),
        made=gettext("the activity it recorded"),
    )):
        return answer
    return render_form(form, page, None)


@bp.route("/<int:activity_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(activity_id: int) -> ResponseReturnValue:
    activity = load_activity(activity_id)
    form = EditActivityForm(obj=activity, action_line_ids=[line.id for line in activity.action_lines],
                            co_implementer_ids=[organisation.id for organisation in activity.co_implementers])
    form.current_state = activity.state
    page = prepare_form(form, activity)
    detail_url = _detail_url(activity)
    if not wants_refresh() and (answer := save_form(
        form, lambda: services.update_activity(activity, activity_details(form, page), partnership=page.partnership),
        lambda _: Saved(gettext("Activity saved: %(title)s", title=activity.title), detail_url),
        conflict=lambda: version_conflict(activity, form, title=activity.title, back_url=detail_url),
    )):
        return answer
    return render_form(form, page, activity)


@bp.route("/<int:activity_id>/state", methods=["GET", "POST"])
@requires(Role.EDITOR)
def change_state(activity_id: int) -> ResponseReturnValue:
    activity = load_activity(activity_id)
    # The current state is not chosen for the person; a post carries it as saved, for the conflict page.
    form = StateForm(version=activity.version) if request.method == "GET" else StateForm(obj=activity)
    detail_url = _detail_url(activity)
    if answer := save_form(
        form, lambda: services.set_activity_state(activity, form.state.data, form.changed_on.data, form.note.data),
        lambda _: Saved(gettext("Activity is now %(state)s: %(title)s", state=activity.state.label.lower(),
                                     title=activity.title), detail_url),
        conflict=lambda: version_conflict(activity, form, title=activity.title, back_url=detail_url),
        made=gettext("the activity with the state it recorded"),
    ):
        return answer
    return render_template("activities/state_form.html", form=form, activity=activity, today=date.today())


add_archive_routes(
    bp,
    rule="/<int:activity_id>",
    kind="activity",
    load=load_activity,
    detail_url=_detail_url,
    consequence=_l("It will be hidden from lists, and from the pages of its action lines, areas and meeting. Its state "
                "history is kept. You can restore it at any time."),
)
