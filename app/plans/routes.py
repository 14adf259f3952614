from datetime import timedelta

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.areas.forms import BatchStatusForm
from app.areas.pages import plan_lines
from app.areas.services import record_line_statuses
from app.audit.history import record_history
from app.auth import requires
from app.common.conflicts import version_conflict
from app.common.dates import page_date
from app.common.lifecycle import add_archive_routes
from app.common.lists import show_archived
from app.common.saving import Saved, save_form, signed_in_officer
from app.exports.routes import download
from app.extensions import db
from app.imports.page import import_page
from app.imports.template import template_file, template_urls
from app.models import Partnership, Pillar, Plan, PlanState, Role
from app.plans.area_sort import COLUMNS, asked_sort
from app.plans.forms import ExtendPlanForm, PillarForm, PlanForm, RolloverForm
from app.plans.pages import build_plan_page, dated_as_of, load_plan, meeting_of_plan
from app.plans.rollover import roll_over, rollover_offer
from app.plans.services import add_pillar as add_pillar_to_plan
from app.plans.services import (
    create_plan,
    extend_plan,
    successor_problem,
    update_pillar,
    update_plan,
)
from app.plans.status_importer import StatusImporter

bp = Blueprint("plans", __name__)


def plan_url(plan: Plan) -> str:
    return url_for("plans.detail", plan_id=plan.id)


def load_partnership(slug: str) -> Partnership:
    partnership: Partnership = db.first_or_404(sa.select(Partnership).where(Partnership.slug == slug))
    return partnership


@bp.route("/partnerships/<slug>/plans/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create(slug: str) -> ResponseReturnValue:
    partnership = load_partnership(slug)
    form = PlanForm()
    if answer := save_form(
        form, lambda: create_plan(partnership, form.details()),
        lambda plan: Saved(_("Plan added: %(title)s", title=plan.title), plan_url(plan)), made=_("the plan it added"),
    ):
        return answer
    return render_template("plans/form.html", form=form, partnership=partnership, plan=None, predecessor=None)


@bp.route("/plans/<int:plan_id>")
def detail(plan_id: int) -> ResponseReturnValue:
    page = build_plan_page(plan_id, include_archived=show_archived(),
                           sort=asked_sort(request.args.get("sort"), request.args.get("dir")))
    return render_template("plans/detail.html", page=page, plan=page.plan, record_history=record_history(page.plan),
                           columns=COLUMNS)


@bp.route("/plans/<int:plan_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(plan_id: int) -> ResponseReturnValue:
    plan = load_plan(plan_id)
    form = PlanForm(obj=plan)
    if answer := save_form(
        form, lambda: update_plan(plan, form.details()),
        lambda _saved: Saved(_("Plan saved: %(title)s", title=plan.title), plan_url(plan)),
        conflict=lambda: version_conflict(plan, form, title=plan.title, back_url=plan_url(plan)),
    ):
        return answer
    return render_template(
        "plans/form.html", form=form, partnership=plan.partnership, plan=plan, predecessor=plan.supersedes
    )


@bp.route("/plans/<int:plan_id>/extend", methods=["GET", "POST"])
@requires(Role.EDITOR)
def extend(plan_id: int) -> ResponseReturnValue:
    plan = load_plan(plan_id)
    form = ExtendPlanForm()
    if answer := save_form(
        form, lambda: extend_plan(plan, **form.values()),
        lambda _saved: Saved(_("Plan extended: %(title)s now ends on %(date)s", title=plan.title,
                                   date=page_date(plan.ends_on)), plan_url(plan)),
        made=_("the plan it extended"),
    ):
        return answer
    return render_template("plans/extend.html", form=form, plan=plan)


@bp.route("/plans/<int:plan_id>/successor", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create_successor(plan_id: int) -> ResponseReturnValue:
    predecessor = load_plan(plan_id)
    if message := successor_problem(predecessor):
        flash(message, "info")
        return redirect(plan_url(predecessor))
    # The next plan usually follows on the day after and is of the same kind; it starts as a draft until adopted.
    form = RolloverForm(data={"starts_on": predecessor.ends_on + timedelta(days=1), "kind": predecessor.kind.value,
                              "state": PlanState.DRAFT.value}).offering(rollover_offer(predecessor))
    if answer := save_form(
        form, lambda: roll_over(predecessor, form.details(), form.carry()),
        lambda plan: Saved(_("Successor plan added: %(title)s", title=plan.title), plan_url(plan)),
        made=_("the plan it added"),
    ):
        return answer
    return render_template(
        "plans/form.html", form=form, partnership=predecessor.partnership, plan=None, predecessor=predecessor
    )


@bp.route("/plans/<int:plan_id>/pillars/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_pillar(plan_id: int) -> ResponseReturnValue:
    plan = load_plan(plan_id)
    form = PillarForm()
    if answer := save_form(
        form, lambda: add_pillar_to_plan(plan, **form.values()),
        lambda pillar: Saved(_("Pillar added: %(name)s", name=pillar.name), plan_url(plan)),
        made=_("the plan with the pillar it added"),
    ):
        return answer
    return render_template("plans/pillar_form.html", form=form, plan=plan, pillar=None)


@bp.route("/pillars/<int:pillar_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_pillar(pillar_id: int) -> ResponseReturnValue:
    pillar = db.get_or_404(Pillar, pillar_id)
    plan = load_plan(pillar.plan_id)
    form = PillarForm(obj=pillar)
    if answer := save_form(
        form, lambda: update_pillar(pillar, **form.values()),
        lambda _saved: Saved(_("Pillar saved: %(name)s", name=pillar.name), plan_url(plan)),
        conflict=lambda: version_conflict(pillar, form, title=f"the {pillar.name} pillar", back_url=plan_url(plan)),
    ):
        return answer
    return render_template("plans/pillar_form.html", form=form, plan=plan, pillar=pillar)


@bp.route("/plans/<int:plan_id>/status", methods=["GET", "POST"])
@requires(Role.EDITOR)
def batch_status(plan_id: int) -> ResponseReturnValue:
    """New statuses for many action lines at once, as after a committee meeting."""
    plan = load_plan(plan_id)
    found = plan_lines(plan)
    meeting = meeting_of_plan(plan, request.args.get("meeting", type=int))
    form = BatchStatusForm.for_lines(plan, found.lines, **dated_as_of(plan, request.args.get("as_of")))
    back_url = url_for("meetings.detail", meeting_id=meeting.id) if meeting else plan_url(plan)
    if found.lines and (answer := save_form(
        form, lambda: record_line_statuses(signed_in_officer(), plan, as_of=form.as_of.data, changes=form.changes()),
        lambda updates: Saved(ngettext("%(num)s action line updated", "%(num)s action lines updated", len(updates)),
                                      back_url),
        made=_("the plan with the statuses it recorded"),
    )):
        return answer
    return render_template("plans/batch_status.html", form=form, plan=plan, found=found, meeting=meeting)


@bp.route("/plans/<int:plan_id>/status/import", methods=["GET", "POST"])
@requires(Role.EDITOR)
def import_status(plan_id: int) -> ResponseReturnValue:
    """Past status updates of the plan's action lines and areas from a filled-in template: previewed first, saved on
    "Confirm import"."""
    plan = load_plan(plan_id)
    return import_page(StatusImporter(plan, signed_in_officer()), "plans/import_status.html", plan_url(plan),
                       plan=plan, section=plan.title, back_url=plan_url(plan),
                       template_urls=template_urls(".status_template"))


@bp.route("/plans/status-template.<format>")
def status_template(format: str) -> ResponseReturnValue:
    return download(template_file(format, StatusImporter.columns, "Status history", "status-history"))


add_archive_routes(
    bp,
    rule="/plans/<int:plan_id>",
    kind="plan",
    load=lambda plan_id: load_plan(plan_id),
    detail_url=plan_url,
    consequence=_l("It will be hidden from lists. Its areas, action lines and status history are kept. "
    "You can restore it at any time."),
)
