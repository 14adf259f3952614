from flask import Blueprint, abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.activities.pages import activities_of_line
from app.activities.suggestions import suggested_statuses
from app.areas.details import StatusDetails
from app.areas.forms import (
    ActionLineCorrectionForm,
    ActionLineForm,
    ActionLineStatusForm,
    AreaCorrectionForm,
    AreaForm,
    AreaStatusForm,
)
from app.areas.pages import (
    DOSSIER_LISTS,
    DOSSIER_ROWS,
    build_area_page,
    correctable_update,
    load_action_line,
    load_area,
    status_history,
)
from app.areas.services import add_action_line as add_line_to_area
from app.areas.services import add_area, record_status, update_action_line, update_area
from app.audit.history import record_history
from app.auth import requires
from app.common.conflicts import version_conflict
from app.common.lifecycle import add_archive_routes
from app.common.lists import show_archived
from app.common.saving import Saved, save_form, signed_in_officer, then
from app.implementation.statuses import current_statuses
from app.models import ActionLine, CooperationArea, Pillar, Plan, Role, StatusUpdate
from app.plans.carried import carried_area, carried_line
from app.plans.pages import load_plan

bp = Blueprint("areas", __name__)


def area_url(area: CooperationArea) -> str:
    return url_for("areas.detail", area_id=area.id)


def line_url(line: ActionLine) -> str:
    return url_for("areas.action_line_detail", action_line_id=line.id)


def chosen_pillar(plan: Plan, pillar_id: int | None) -> Pillar | None:
    return next((pillar for pillar in plan.pillars if pillar.id == pillar_id), None)


def update_to_correct(*, area: CooperationArea | None = None,
                      action_line: ActionLine | None = None) -> StatusUpdate | None:
    """The update named by ``?corrects=<id>``, or None for a new update; a wrong id is not found."""
    if "corrects" not in request.args:
        return None
    update = correctable_update(request.args.get("corrects", type=int), area=area, action_line=action_line)
    if update is None:
        abort(404)
    return update


def status_details(form: AreaStatusForm | ActionLineStatusForm, corrects: StatusUpdate | None) -> StatusDetails:
    """A new update's date is the one typed; a correction keeps the date of the update it corrects."""
    if corrects is not None:
        return form.details(corrects.as_of)
    assert form.as_of is not None  # only the correction forms drop the date
    return form.details(form.as_of.data)


@bp.route("/plans/<int:plan_id>/areas/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create(plan_id: int) -> ResponseReturnValue:
    plan = load_plan(plan_id)
    form = AreaForm(pillars=plan.pillars)
    if not form.is_submitted():
        form.pillar.data = request.args.get("pillar", type=int)
    if answer := save_form(
        form, lambda: add_area(plan, form.details(chosen_pillar(plan, form.pillar.data))),
        lambda area: Saved(_("Cooperation area added: %(area)s", area=str(area)), then(
            area_url(area), url_for(".create", plan_id=plan.id, pillar=area.pillar_id))),
        made=_("the cooperation area it added"),
    ):
        return answer
    return render_template("areas/form.html", form=form, plan=plan, area=None)


@bp.route("/areas/<int:area_id>")
def detail(area_id: int) -> ResponseReturnValue:
    show_all = [name for name in request.args.getlist("all") if name in DOSSIER_LISTS]
    page = build_area_page(area_id, include_archived=show_archived(), show_all=show_all)
    return render_template(
        "areas/detail.html", page=page, area=page.area, plan=page.area.plan, record_history=record_history(page.area),
        show_all=show_all, rows_shown=DOSSIER_ROWS, carried=carried_area(page.area),
    )


@bp.route("/areas/<int:area_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(area_id: int) -> ResponseReturnValue:
    area = load_area(area_id)
    plan = area.plan
    form = AreaForm(obj=area, pillars=plan.pillars)
    if not form.is_submitted():
        form.pillar.data = area.pillar_id
    if answer := save_form(
        form, lambda: update_area(area, form.details(chosen_pillar(plan, form.pillar.data))),
        lambda _saved: Saved(_("Cooperation area saved: %(area)s", area=str(area)), area_url(area)),
        conflict=lambda: version_conflict(area, form, title=str(area), back_url=area_url(area)),
    ):
        return answer
    return render_template("areas/form.html", form=form, plan=plan, area=area)


@bp.route("/areas/<int:area_id>/action-lines/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_action_line(area_id: int) -> ResponseReturnValue:
    area = load_area(area_id)
    form = ActionLineForm()
    if answer := save_form(
        form, lambda: add_line_to_area(area, form.details()),
        lambda line: Saved(_("Action line added: %(code)s", code=line.code), then(
            area_url(area), url_for(".add_action_line", area_id=area.id))),
        made=_("the cooperation area with the action line it added"),
    ):
        return answer
    return render_template("areas/action_line_form.html", form=form, area=area, line=None)


@bp.route("/action-lines/<int:action_line_id>")
def action_line_detail(action_line_id: int) -> ResponseReturnValue:
    line = load_action_line(action_line_id)
    return render_template(
        "areas/action_line_detail.html", line=line, area=line.area, history=status_history(action_line=line),
        record_history=record_history(line), activities=activities_of_line(line), carried=carried_line(line),
    )


@bp.route("/action-lines/<int:action_line_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_action_line(action_line_id: int) -> ResponseReturnValue:
    line = load_action_line(action_line_id)
    form = ActionLineForm(obj=line)
    if answer := save_form(
        form, lambda: update_action_line(line, form.details()),
        lambda _saved: Saved(_("Action line saved: %(code)s", code=line.code), line_url(line)),
        conflict=lambda: version_conflict(line, form, title=f"action line {line.code}", back_url=line_url(line)),
    ):
        return answer
    return render_template("areas/action_line_form.html", form=form, area=line.area, line=line)


@bp.route("/areas/<int:area_id>/status/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def record_area_status(area_id: int) -> ResponseReturnValue:
    area = load_area(area_id)
    corrects = update_to_correct(area=area)
    form = AreaCorrectionForm(obj=corrects, plan=area.plan) if corrects else AreaStatusForm(plan=area.plan)
    if answer := save_form(
        form, lambda: record_status(signed_in_officer(), status_details(form, corrects), area=area, corrects=corrects),
        lambda _update: Saved(_("Correction recorded for %(area)s", area=str(area)) if corrects
                                      else _("Status recorded for %(area)s", area=str(area)), area_url(area)),
        made=_("the cooperation area with the status it recorded"),
    ):
        return answer
    return render_template(
        "areas/status_form.html",
        form=form,
        subject=area,
        noun="area",
        plan=area.plan,
        back_url=area_url(area),
        corrects=corrects,
    )


@bp.route("/action-lines/<int:action_line_id>/status/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def record_line_status(action_line_id: int) -> ResponseReturnValue:
    line = load_action_line(action_line_id)
    corrects = update_to_correct(action_line=line)
    plan = line.area.plan
    suggestions = [] if corrects else suggested_statuses(line, plan, current_statuses(line_ids=[line.id]).get(line.id))
    # "Fill in" on a suggestion: the person chose it, so the form opens with its status, date and note.
    wanted = request.args.get("suggested") if request.method == "GET" else None
    chosen = next((suggestion for suggestion in suggestions if suggestion.status.value == wanted), None)
    if corrects:
        form: ActionLineStatusForm = ActionLineCorrectionForm(obj=corrects, plan=plan)
    elif chosen is not None:
        form = ActionLineStatusForm(plan=plan, data={"status": chosen.status.value, "as_of": chosen.as_of,
                                                     "note": chosen.note})
    else:
        form = ActionLineStatusForm(plan=plan)
    if answer := save_form(
        form,
        lambda: record_status(signed_in_officer(), status_details(form, corrects), action_line=line,
                              corrects=corrects),
        lambda _update: Saved(_("Correction recorded for action line %(code)s", code=line.code) if corrects
                              else _("Status recorded for action line %(code)s", code=line.code),
                              line_url(line)),
        made=_("the action line with the status it recorded"),
    ):
        return answer
    return render_template(
        "areas/status_form.html",
        form=form,
        subject=line,
        noun="action line",
        plan=plan,
        back_url=line_url(line),
        corrects=corrects,
        suggestions=suggestions,
        suggested=chosen,
    )


add_archive_routes(
    bp,
    rule="/areas/<int:area_id>",
    kind="cooperation area",
    load=lambda area_id: load_area(area_id),
    detail_url=area_url,
    consequence=_l("It will be hidden from the plan page and pickers. "
    "Its action lines and status history are kept. "
    "You can restore it at any time."),
    explanation="areas/_archive_area_figures.html",
)

add_archive_routes(
    bp,
    rule="/action-lines/<int:action_line_id>",
    kind="action line",
    load=lambda action_line_id: load_action_line(action_line_id),
    detail_url=line_url,
    endpoints=("archive_action_line", "restore_action_line"),
    consequence=_l("It will be hidden from the area page. Its status history is kept. You can restore it at any time."),
    explanation="areas/_archive_line_figures.html",
)
