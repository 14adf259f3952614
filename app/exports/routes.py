"""Downloads of period reports: live ones take the report page's own query arguments, issued ones are made from
what was issued. A way back to a report page carries only that page's form fields (``own_args``)."""

import io
from collections.abc import Callable

from flask import Blueprint, Response, abort, redirect, render_template, request, send_file, url_for
from flask.blueprints import BlueprintSetupState
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.common.collector import collector_paused
from app.exports import DOCUMENT_FORMATS, FORMATS, ExportFile, issued_file, portfolio_file
from app.exports.ahead import kept_or_made
from app.exports.charts import report_charts
from app.exports.copies import Copy, copy_asked, is_draft, made, portfolio_made
from app.exports.pdf import INSTALL_COMMAND, pdf_available
from app.extensions import db
from app.languages import reader_language
from app.models import IssuedReport
from app.reports.forms import own_args
from app.reports.period_figures import PeriodFigures
from app.reports.routes import check_restricted_issue, live_report, load_partnership, portfolio_from, window_form
from app.templating import with_query

bp = Blueprint("exports", __name__)
#: The formats as the report pages' download links name them, in the reader's language.
LABELS = {"pdf": _l("PDF"), "docx": _l("Word"), "xlsx": _l("Excel"), "csv": _l("CSV (zip)")}


@bp.route("/partnerships/<slug>/reports/period/<format>")
@collector_paused()
def period(slug: str, format: str) -> ResponseReturnValue:
    check_format(format)
    partnership = load_partnership(slug)
    form, chosen = window_form(partnership, request.args)
    report_url = with_query(url_for("reports.period", slug=slug), own_args(form, request.args).items())
    if not chosen:  # the report page explains what is wrong with the window
        return redirect(report_url)
    if format == "pdf" and not pdf_available():
        return pdf_unavailable(report_url)
    # The documents show a few rows of each long list; the spreadsheet and the CSV files have every row.
    report = live_report(form, *chosen, bounded=format in DOCUMENT_FORMATS)
    return download(kept_or_made(report, format, copy_asked(request.args.get("copy"))))


@bp.route("/reports/<int:report_id>/<format>")
@collector_paused()
def issued(report_id: int, format: str) -> ResponseReturnValue:
    check_format(format)
    report = db.get_or_404(IssuedReport, report_id)
    check_restricted_issue(report)
    if format == "pdf" and not pdf_available():
        return pdf_unavailable(url_for("reports.issued", report_id=report_id))
    return download(issued_file(report, format, copy_asked(request.args.get("copy"))))


@bp.route("/reports/portfolio/<format>")
@collector_paused()
def portfolio(format: str) -> ResponseReturnValue:
    check_format(format)
    form, report = portfolio_from(request.args)
    report_url = with_query(url_for("reports.portfolio"), own_args(form, request.args).items())
    if report is None:  # the portfolio page explains what is wrong with the date or filters
        return redirect(report_url)
    if format == "pdf" and not pdf_available():
        return pdf_unavailable(report_url)
    return download(portfolio_file(report, format, copy_asked(request.args.get("copy"))))


def check_format(format: str) -> None:
    # Checked here rather than by a URL converter, so an unknown format still asks a visitor to sign in first.
    if format not in FORMATS:
        abort(404)


def download(export: ExportFile) -> Response:
    response = send_file(io.BytesIO(export.data), mimetype=export.mimetype, as_attachment=True,
                         download_name=export.filename, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def pdf_unavailable(report_url: str) -> tuple[str, int]:
    """A page instead of the file: it is read by the person who asked, so it is in their language, not the files'."""
    with force_locale(reader_language()):
        page = render_template("exports/pdf_unavailable.html", install_command=INSTALL_COMMAND, report_url=report_url)
    return page, 503


#: Each copy's downloads: (format, label, URL).
Links = list[tuple[str, str, str]]


def by_copy(links: Callable[[Copy], Links]) -> list[tuple[Copy, Links]]:
    """The downloads of each copy, the copy to send first (``app.exports.copies``)."""
    return [(copy, links(copy)) for copy in (Copy.RECIPIENT, Copy.WORKING)]


@bp.app_template_global()
def issued_download_links(issued_id: int) -> list[tuple[Copy, Links]]:
    """The downloads of an issued report, made from what was issued."""
    return by_copy(lambda copy: [
        (fmt, label, url_for("exports.issued", report_id=issued_id, format=fmt, copy=copy.value))
        for fmt, label in LABELS.items()])


@bp.app_template_global()
def download_links(report: PeriodFigures) -> list[tuple[Copy, Links]]:
    """The downloads of a live ``report``: the links pin its plan and window."""
    window: dict[str, int | str] = {"plan": report["plan"]["id"], "window": "dates"}
    for name in ("starts_on", "ends_on"):
        year, month, day = (int(part) for part in report["window"][name].split("-"))
        window.update({f"{name}-day": day, f"{name}-month": month, f"{name}-year": year})
    if report["include_restricted"]:
        window["include_restricted"] = 1
    return by_copy(lambda copy: [
        (fmt, label, with_query(url_for("exports.period", slug=report["partnership"]["slug"], format=fmt),
                                [*window.items(), ("copy", copy.value)]))
        for fmt, label in LABELS.items()])


@bp.app_template_global()
def portfolio_download_links(args: dict[str, str]) -> list[tuple[Copy, Links]]:
    """The downloads of the portfolio with the page's date and filters (``args``)."""
    return by_copy(lambda copy: [
        (fmt, label, with_query(url_for("exports.portfolio", format=fmt), [*args.items(), ("copy", copy.value)]))
        for fmt, label in LABELS.items()])


@bp.record_once
def share_with_templates(state: BlueprintSetupState) -> None:
    """The report body draws its charts, and the report pages offer these downloads."""
    state.app.jinja_env.globals.update(
        report_charts=report_charts, pdf_available=pdf_available, pdf_install_command=INSTALL_COMMAND,
        report_made=made, portfolio_made=portfolio_made, report_is_draft=is_draft,
    )
