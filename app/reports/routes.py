from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, copy_current_request_context, make_response, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy.orm import joinedload
from werkzeug.datastructures import MultiDict

from app.auth import requires
from app.common.collector import collector_paused, collector_paused_until_sent, end_unsent_pauses
from app.common.counting import counting_day
from app.common.forms import DateInputField
from app.common.restricted import can_read_restricted, may_open
from app.common.saving import Saved, save_form, signed_in_officer
from app.exports.ahead import make_ahead
from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.implementation.as_of import in_use_on
from app.models import REMARK_MAX, ActionLine, CooperationArea, IssuedReport, Partnership, Plan, Role, utcnow
from app.reports.as_of import at_end, counted_on, counting_note
from app.reports.drafts import drafted_windows, drafts_of, moved_on, save_remarks, stale
from app.reports.forms import (
    IssueReportForm,
    PortfolioForm,
    ReportWindowForm,
    area_remarks_form,
    opened_on,
    own_args,
)
from app.reports.lists import list_total, shown_activities, shown_rows
from app.reports.matrix_text import activities_left_out, activity_dates, activity_funding
from app.reports.page_document import RemarksLinks, report_document
from app.reports.period import build_period_report, default_window
from app.reports.period_figures import PeriodFigures
from app.reports.portfolio import build_portfolio_report, pillar_names
from app.reports.portfolio_figures import PortfolioFigures
from app.reports.reproduce import differences
from app.reports.services import issue_period_report, plans_of
from app.templating import with_query

bp = Blueprint("reports", __name__)


@bp.record_once
def share_with_templates(state: BlueprintSetupState) -> None:
    """The report body cuts its long lists the same way wherever it is rendered."""
    state.app.jinja_env.globals.update(shown_rows=shown_rows, shown_activities=shown_activities, list_total=list_total,
                                       counting_note=counting_note, counted_on=counted_on, at_end=at_end,
                                       activity_dates=activity_dates, activity_funding=activity_funding,
                                       activities_left_out=activities_left_out)
    # The report page keeps the collector paused until it has been sent (``collector_paused_until_sent``).
    state.app.before_request(end_unsent_pauses)


def load_partnership(slug: str) -> Partnership:
    partnership: Partnership = db.first_or_404(
        sa.select(Partnership)
        .where(Partnership.slug == slug)
        .options(joinedload(Partnership.organisation), joinedload(Partnership.partner))
    )
    return partnership


#: The plan a report covers and the first and last days of its window.
Window = tuple[Plan, date, date]


def window_form(partnership: Partnership,
                formdata: MultiDict[str, str] | None) -> tuple[ReportWindowForm, Window | None]:
    """The choice of plan and window; with no choice yet, the plan in force (or latest) from its start to today. A
    window asked for without a plan (a link kept from elsewhere: "?window=year&year=2025") is of that plan, so the
    report shown is the one the choice reads, and the one the page issues."""
    plans = plans_of(partnership)
    if not plans:
        return ReportWindowForm(plans, formdata=formdata), None
    default_plan = next((p for p in plans if p.is_in_force), plans[0])
    if formdata is not None and "plan" not in formdata and "window" in formdata:
        formdata = MultiDict([*formdata.items(multi=True), ("plan", str(default_plan.id))])
    form = ReportWindowForm(plans, formdata=formdata)
    if "plan" not in (formdata or {}):
        form.plan.data = default_plan.id
        starts_on, ends_on = default_window(default_plan, date.today())
        form.starts_on.process(None, starts_on)
        form.ends_on.process(None, ends_on)
        return form, (default_plan, starts_on, ends_on)
    if not form.validate():
        form.chosen_window()  # collect every message at once
        return form, None
    window = form.chosen_window()
    return form, (form.plans[form.plan.data], *window) if window else None


def include_restricted(form: ReportWindowForm) -> bool:
    """The producer's choice to include restricted notes; ignored for anyone who may not read them."""
    return bool(form.include_restricted.data) and can_read_restricted()


def live_report(form: ReportWindowForm, plan: Plan, starts_on: date, ends_on: date, *,
                bounded: bool = True) -> PeriodFigures:
    """The report of the chosen window; ``bounded``: only the rows of each list that a document shows."""
    return build_period_report(plan, starts_on, ends_on, generated_by=current_user.name, now=utcnow(),
                               include_restricted=include_restricted(form), bounded=bounded)


@bp.route("/partnerships/<slug>/reports/period")
@collector_paused_until_sent
def period(slug: str) -> ResponseReturnValue:
    partnership = load_partnership(slug)
    form, chosen = window_form(partnership, request.args)
    page, report = period_page(partnership, form, chosen, IssueReportForm())
    response = make_response(page)
    if report is not None:
        shown = report
        # Once the page has gone to the reader, who reads it before any download.
        response.call_on_close(copy_current_request_context(lambda: make_ahead(shown)))
    return response


def period_page(partnership: Partnership, form: ReportWindowForm, chosen: Window | None,
                issue_form: IssueReportForm) -> tuple[str, PeriodFigures | None]:
    """The report page for the chosen window (none: the choice alone), and the report it shows."""
    report, document, other_drafts = None, None, []
    if chosen:
        report = live_report(form, *chosen)
        plan, starts_on, ends_on = chosen
        other_drafts = [
            (other_start, other_end, with_query(url_for(".period", slug=partnership.slug),
                                                window_args(plan, other_start, other_end).items()))
            for other_start, other_end in drafted_windows(plan.id) if (other_start, other_end) != (starts_on, ends_on)
        ]
        remarks_link = None
        if current_user.can(Role.EDITOR):
            restricted = {"include_restricted": "1"} if form.include_restricted.data else {}
            remarks_link = RemarksLinks(partnership.slug, {**window_args(*chosen), **restricted})
        document = report_document(report, remarks_link)
    page = render_template("reports/period.html", partnership=partnership, form=form, report=report,
                           issue_form=issue_form, document=document, other_drafts=other_drafts)
    return page, report


def window_args(plan: Plan, starts_on: date, ends_on: date) -> dict[str, str]:
    """The report page's query for the window spelt out by its dates: the window drafts are kept for, whatever
    way it was chosen ("from the plan's start to today" would be another window tomorrow)."""
    days = (("starts_on", starts_on), ("ends_on", ends_on))
    return {"plan": str(plan.id), "window": "dates",
            **{f"{name}-{part}": str(getattr(day, part)) for name, day in days for part in DateInputField.PARTS}}


@bp.route("/partnerships/<slug>/reports/remarks/<int:area_id>", methods=["GET", "POST"])
@requires(Role.EDITOR)
def remarks(slug: str, area_id: int) -> ResponseReturnValue:
    """The drafts of an area's remarks and way forward, and its action lines', for the report window in the query
    (as the report page's own); saved, back to the area in the report."""
    partnership = load_partnership(slug)
    window, chosen = window_form(partnership, request.args)
    if chosen is None:
        abort(404)
    plan, starts_on, ends_on = chosen
    # The areas and lines the report of this window shows: those in use on its counting day, archived since or not.
    day = counting_day(ends_on, follow_up_services.today())
    area: CooperationArea = db.first_or_404(
        sa.select(CooperationArea)
        .where(CooperationArea.id == area_id, CooperationArea.plan_id == plan.id, in_use_on(CooperationArea, day))
    )
    lines = list(db.session.scalars(
        sa.select(ActionLine).where(ActionLine.area_id == area.id, in_use_on(ActionLine, day))
        .order_by(ActionLine.position, ActionLine.code)))
    drafts = drafts_of(plan.id, starts_on, ends_on)
    form = area_remarks_form(area, lines, drafts)
    back_url = with_query(url_for(".period", slug=slug), own_args(window, request.args).items()) + f"#area-{area.id}"
    page = {"partnership": partnership, "plan": plan, "starts_on": starts_on, "ends_on": ends_on, "area": area,
            "back_url": back_url, "limit": REMARK_MAX}

    def conflict() -> ResponseReturnValue | None:
        """Someone saved one of these drafts since the page was opened: the page again, with what was typed, their
        text beside each draft they changed, and the versions moved on so that saving again keeps what is typed."""
        answers = form.answers()
        late = stale(answers, drafts)
        if not late:
            return None
        theirs = {}
        for answer in answers:
            name = "area" if answer.area is not None else f"line_{answer.record.id}"
            part, draft = form.part(name), drafts.get(answer.subject)
            if draft is None or not moved_on(answer, drafts):
                continue
            if answer.changed:
                part.remarks.errors = [gettext("Someone else changed the remarks on %(code)s while you were writing: "
                                               "check their text and yours, then save again", code=answer.code)]
                part.version.data = str(draft.version)
                theirs[name] = draft
            else:  # left as it was: it shows what they saved, and saving again keeps it
                for field_name, value in opened_on(draft).items():
                    part[field_name].data = value
        return render_template("reports/remarks.html", form=form, theirs=theirs, **page), 409

    area_name = f"{area.code} {area.name}"
    if answer := save_form(
        form, lambda: save_remarks(plan, starts_on, ends_on, form.answers()),
        lambda _: Saved(gettext("Remarks saved: %(area)s", area=area_name), back_url), conflict=conflict,
    ):
        return answer
    return render_template("reports/remarks.html", form=form, theirs={}, **page)


@bp.route("/partnerships/<slug>/reports/issue", methods=["POST"])
@requires(Role.EDITOR)
def issue(slug: str) -> ResponseReturnValue:
    partnership = load_partnership(slug)
    form, chosen = window_form(partnership, request.form)
    issue_form = IssueReportForm()
    if chosen and (answer := save_form(
        issue_form,
        lambda: issue_period_report(
            *chosen, way_forward=issue_form.way_forward.data or "", issued_by=signed_in_officer(),
            include_restricted=include_restricted(form),
        ),
        lambda report: Saved(gettext("Report issued: %(title)s", title=report.title),
                             url_for(".issued", report_id=report.id)),
        made=gettext("the report it issued"),
    )):
        return answer
    page, _report = period_page(partnership, form, chosen, issue_form)
    return page


@bp.route("/reports/<int:report_id>")
def issued(report_id: int) -> ResponseReturnValue:
    report: IssuedReport = db.first_or_404(
        sa.select(IssuedReport)
        .where(IssuedReport.id == report_id)
        .options(joinedload(IssuedReport.partnership).joinedload(Partnership.partner),
                 joinedload(IssuedReport.partnership).joinedload(Partnership.organisation))
    )
    check_restricted_issue(report)
    return render_template("reports/issued.html", issued=report)


@bp.route("/reports/<int:report_id>/check")
@collector_paused()
def check_issued(report_id: int) -> ResponseReturnValue:
    """Every figure of an issued report counted again from the data as it stood when it was issued."""
    report = db.get_or_404(IssuedReport, report_id)
    check_restricted_issue(report)
    return render_template("reports/issued_check.html", issued=report, differences=differences(report))


def check_restricted_issue(report: IssuedReport) -> None:
    """An issued report that includes restricted notes is for editors and admins only (``may_open``)."""
    if not may_open(report):
        abort(403)


def portfolio_from(args: MultiDict[str, str]) -> tuple[PortfolioForm, PortfolioFigures | None]:
    """The portfolio report for the date and filters in ``args`` (default: today, everything)."""
    form = PortfolioForm(pillar_names(), formdata=args if args else None)
    if not args:
        form.as_of.process(None, date.today())
    form.validate()
    filters = form.filters()
    as_of = form.as_of.data
    if as_of is None and not form.as_of.errors:
        form.as_of.errors = [gettext("Enter the date of the report")]
    if form.errors:
        return form, None
    return form, build_portfolio_report(as_of, **filters, generated_by=current_user.name, now=utcnow())


@bp.route("/reports/portfolio")
@collector_paused()
def portfolio() -> ResponseReturnValue:
    form, report = portfolio_from(request.args)
    return render_template("reports/portfolio.html", form=form, report=report,
                           download_args=own_args(form, request.args))
