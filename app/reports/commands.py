"""`flask report ...`: period and portfolio reports as files, for scheduled and batch use.

Bad arguments get a one-line message and exit code 2, never a traceback. So does a path that cannot be written (exit
code 1 when the disk fails instead); a report is written whole or not at all.
"""

import errno
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import NoReturn

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from app.extensions import db
from app.models import IN_FORCE_STATES, Partnership, Plan, utcnow
from app.reports.period import build_period_report, default_window
from app.reports.period_figures import PeriodFigures
from app.reports.portfolio_figures import PortfolioFigures

report_cli = AppGroup("report", help="Write period and portfolio reports to files.")
FORMATS = ("html", "pdf", "docx", "xlsx", "csv")
COMMAND_USER = "the report command"
#: Failures that mean the path given is wrong, like a bad argument (exit code 2), not that the disk failed (1).
BAD_PATH = {errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENAMETOOLONG,
            errno.ELOOP}


class CannotWrite(Exception):
    def __init__(self, path: Path, error: OSError):
        super().__init__(f"Cannot write {path}: {error.strerror or error}")
        self.exit_code = 2 if error.errno in BAD_PATH else 1


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date written YYYY-MM-DD, like 2024-12-31 (got {value!r})")


def render(report: PeriodFigures, format: str) -> tuple[bytes, str]:
    """(bytes, file name) of a period report in a format; HTML is the page's own body in a printable frame."""
    from app.exports import file_stem, period_file

    if format == "html":
        return standalone_html(report, "period"), f"{file_stem(report)}.html"
    export = period_file(report, format)
    return export.data, export.filename


def render_portfolio(report: PortfolioFigures, format: str) -> tuple[bytes, str]:
    """(bytes, file name) of the portfolio report in a format, as ``render``."""
    from app.exports import portfolio_file

    if format == "html":
        return standalone_html(report, "portfolio"), f"portfolio_{report['as_of']}.html"
    export = portfolio_file(report, format)
    return export.data, export.filename


def standalone_html(report: PeriodFigures | PortfolioFigures, kind: str) -> bytes:
    from flask import render_template

    return render_template("reports/standalone.html", report=report, kind=kind).encode("utf-8")


def check_pdf(format: str) -> None:
    if format == "pdf":
        from app.exports.pdf import INSTALL_COMMAND, pdf_available

        if not pdf_available():
            fail(f"PDF is unavailable: WeasyPrint's system libraries are missing. Install them: {INSTALL_COMMAND}", 1)


def write(data: bytes, path: Path) -> None:
    """``data`` as the whole of ``path``, or nothing: it goes into a temporary file beside ``path``, onto the disk,
    and is then renamed over ``path``, so a write that fails part way leaves an earlier report as it was."""
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".part",
                                         delete=False) as file:
            temporary = Path(file.name)
            # The temporary file is private; the report gets the permissions a plain open() would give it.
            os.fchmod(file.fileno(), 0o666 & ~current_umask())
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        raise CannotWrite(path, error) from error
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)  # already gone once renamed into place


def current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def save(data: bytes, path: Path) -> None:
    try:
        write(data, path)
    except CannotWrite as error:
        fail(str(error), error.exit_code)
    click.echo(f"Wrote {path} ({len(data):,} bytes)")


def find_partnership(slug: str) -> Partnership:
    partnership = db.session.scalar(sa.select(Partnership).where(Partnership.slug == slug))
    if partnership is None:
        known = ", ".join(db.session.scalars(sa.select(Partnership.slug).order_by(Partnership.slug)))
        fail(f"No partnership {slug!r}. Known: {known or 'none'}")
    return partnership


def find_plan(partnership: Partnership, label: str | None) -> Plan:
    plans = db.session.scalars(
        sa.select(Plan).where(Plan.partnership_id == partnership.id, Plan.archived_at.is_(None))
        .order_by(Plan.starts_on.desc())
    ).all()
    if label is None:
        plan = next((p for p in plans if p.is_in_force), plans[0] if plans else None)
        if plan is None:
            fail(f"{partnership.slug} has no plan")
        return plan
    plan = next((p for p in plans if p.label.lower() == label.lower()), None)
    if plan is None:
        fail(f"{partnership.slug} has no plan {label!r}. Its plans: {', '.join(p.label for p in plans) or 'none'}")
    return plan


def period_window(plan: Plan, starts_on: date | None, ends_on: date | None, year: int | None) -> tuple[date, date]:
    if year is not None:
        if not plan.starts_on.year <= year <= plan.ends_on.year:
            fail(f"{year} is outside the plan {plan.label} ({plan.starts_on} to {plan.ends_on})")
        starts_on, ends_on = max(date(year, 1, 1), plan.starts_on), min(date(year, 12, 31), plan.ends_on)
    default_start, default_end = default_window(plan, date.today())
    starts_on, ends_on = starts_on or default_start, ends_on or default_end
    if ends_on < starts_on:
        fail(f"--to ({ends_on}) is before --from ({starts_on})")
    if starts_on < plan.starts_on or ends_on > plan.ends_on:
        fail(f"The window {starts_on} to {ends_on} is outside the plan {plan.label} "
             f"({plan.starts_on} to {plan.ends_on})")
    return starts_on, ends_on


@report_cli.command("period")
@click.option("--partnership", "slug", help="The partnership's slug, e.g. asean-pakistan.")
@click.option("--plan", "label", help="The plan's label, e.g. 2024-2028 (default: the plan in force).")
@click.option("--from", "starts_on", help="First day of the window, YYYY-MM-DD (default: the plan's start).")
@click.option("--to", "ends_on", help="Last day of the window, YYYY-MM-DD (default: today, or the plan's end).")
@click.option("--year", type=int, help="A calendar year as the window.")
@click.option("--format", "format", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="The file to write, in a folder that exists.")
@click.option("--all", "every", is_flag=True, help="Every active partnership's plan in force, into --output-dir.")
@click.option("--include-restricted", "include_restricted", is_flag=True,
              help="Include restricted notes (left out unless given).")
@click.option("--output-dir", type=click.Path(path_type=Path), help="With --all: the folder, which must exist.")
def period_command(slug: str | None, label: str | None, starts_on: str | None, ends_on: str | None,
                   year: int | None, format: str, output: Path | None, every: bool, output_dir: Path | None,
                   include_restricted: bool = False) -> None:
    """Write a partnership's period report (or, with --all, every active partnership's) to a file."""
    check_pdf(format)
    starts, ends = parse_day(starts_on, "--from"), parse_day(ends_on, "--to")
    if every:
        if output_dir is None:
            fail("--all needs --output-dir")
        period_all(year, starts, ends, format, output_dir, include_restricted)
        return
    if not slug or output is None:
        fail("Give --partnership and --output (or --all with --output-dir)")
    plan = find_plan(find_partnership(slug), label)
    window = period_window(plan, starts, ends, year)
    report = build_period_report(plan, *window, generated_by=COMMAND_USER, now=utcnow(),
                                 include_restricted=include_restricted)
    data, _name = render(report, format)
    save(data, output)


def period_all(year: int | None, starts_on: date | None, ends_on: date | None, format: str, output_dir: Path,
               include_restricted: bool = False) -> None:
    """Each active partnership's current plan; one failure does not stop the others."""
    if not output_dir.is_dir():  # checked once here, rather than failing once for each partnership
        reason = errno.ENOTDIR if output_dir.exists() else errno.ENOENT
        fail(f"Cannot write {output_dir}: {os.strerror(reason)}")
    plans = db.session.scalars(
        sa.select(Plan).join(Partnership, Plan.partnership_id == Partnership.id)
        .where(Partnership.archived_at.is_(None), Plan.archived_at.is_(None), Plan.state.in_(IN_FORCE_STATES))
        .order_by(Partnership.slug, Plan.starts_on)
    ).all()
    failures: list[str] = []
    written = 0
    with click.progressbar(plans, label="Writing reports", item_show_func=lambda p: p.partnership.slug if p else "",
                           file=sys.stderr) as bar:
        for plan in bar:
            slug = plan.partnership.slug
            try:
                if year is not None and not plan.starts_on.year <= year <= plan.ends_on.year:
                    raise ValueError(f"{year} is outside its plan {plan.label}")
                window = period_window_quiet(plan, starts_on, ends_on, year)
                report = build_period_report(plan, *window, generated_by=COMMAND_USER, now=utcnow(),
                                             include_restricted=include_restricted)
                data, name = render(report, format)
                write(data, output_dir / name)
                written += 1
            except Exception as error:  # one partnership's problem must not stop the batch
                db.session.rollback()
                failures.append(f"{slug}: {error}")
    click.echo(f"Wrote {written} report{'s' if written != 1 else ''} to {output_dir}")
    if failures:
        click.echo(f"{len(failures)} failed:", err=True)
        for line in failures:
            click.echo(f"  {line}", err=True)
        sys.exit(1)


def period_window_quiet(plan: Plan, starts_on: date | None, ends_on: date | None,
                        year: int | None) -> tuple[date, date]:
    if year is not None:
        return max(date(year, 1, 1), plan.starts_on), min(date(year, 12, 31), plan.ends_on)
    start, end = default_window(plan, date.today())
    start, end = max(starts_on or start, plan.starts_on), min(ends_on or end, plan.ends_on)
    if end < start:
        raise ValueError(f"the window is outside its plan {plan.label}")
    return start, end


@report_cli.command("portfolio")
@click.option("--as-of", "as_of", help="The date the figures describe, YYYY-MM-DD (default: today).")
@click.option("--status", help="Only partnerships with this status, e.g. dialogue_partner.")
@click.option("--level", help="Only partnerships at this level, e.g. strategic_partnership.")
@click.option("--pillar", help="Only areas under pillars of this name, e.g. Economic.")
@click.option("--format", "format", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), required=True)
def portfolio_command(as_of: str | None, status: str | None, level: str | None, pillar: str | None, format: str,
                      output: Path) -> None:
    """Write the portfolio report (every partnership as of a date) to a file."""
    from app.models import PartnershipLevel, PartnershipStatus
    from app.reports.portfolio import build_portfolio_report

    check_pdf(format)
    day = parse_day(as_of, "--as-of") or date.today()
    if status and status not in {s.value for s in PartnershipStatus}:
        fail(f"--status must be one of {', '.join(s.value for s in PartnershipStatus)}")
    if level and level not in {v.value for v in PartnershipLevel}:
        fail(f"--level must be one of {', '.join(v.value for v in PartnershipLevel)}")
    report = build_portfolio_report(day, status=status, level=level, pillar=pillar, generated_by=COMMAND_USER,
                                    now=utcnow())
    data, _name = render_portfolio(report, format)
    save(data, output)
