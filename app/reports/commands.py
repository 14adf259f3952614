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

from app.exports.copies import Copy
from app.extensions import db
from app.models import Partnership, Plan, utcnow
from app.reports.batch import Window, reports_to_write, window_asked
from app.reports.period import build_period_report, default_window
from app.reports.period_figures import PeriodFigures
from app.reports.portfolio_figures import PortfolioFigures
from app.reports.remarks import Remarks, RemarksError, put_in, read_remarks

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


def render(report: PeriodFigures, format: str, copy: Copy = Copy.RECIPIENT) -> tuple[bytes, str]:
    """(bytes, file name) of a period report in a format, as the copy to send or the desk's working copy; HTML is the
    page's own body in a printable frame."""
    from app.exports import file_stem, period_file

    if format == "html":
        return standalone_html(report, "period", copy), f"{file_stem(report)}.html"
    export = period_file(report, format, copy=copy)
    return export.data, export.filename


def render_portfolio(report: PortfolioFigures, format: str, copy: Copy = Copy.RECIPIENT) -> tuple[bytes, str]:
    """(bytes, file name) of the portfolio report in a format, as ``render``."""
    from app.exports import portfolio_file

    if format == "html":
        return standalone_html(report, "portfolio", copy), f"portfolio_{report['as_of']}.html"
    export = portfolio_file(report, format, copy)
    return export.data, export.filename


def standalone_html(report: PeriodFigures | PortfolioFigures, kind: str, copy: Copy) -> bytes:
    from flask import render_template

    return render_template("reports/standalone.html", report=report, kind=kind,
                           working_copy=copy is Copy.WORKING).encode("utf-8")


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
@click.option("--year", type=click.IntRange(1, 9999), help="A calendar year as the window (not with --from or --to).")
@click.option("--format", "format", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="The file to write, in a folder that exists.")
@click.option("--remarks", type=click.Path(path_type=Path),
              help="A TOML file with the way forward and any remarks on areas and action lines (see the README); "
                   "without it every page is marked DRAFT.")
@click.option("--working-copy", "working_copy", is_flag=True,
              help="The desk's working copy: with who recorded each change and who made the report. "
                   "Default: the copy to send, without them.")
@click.option("--all", "every", is_flag=True,
              help="A report of every active partnership whose plan covers the window, into --output-dir.")
@click.option("--include-restricted", "include_restricted", is_flag=True,
              help="Include restricted notes (left out unless given).")
@click.option("--output-dir", type=click.Path(path_type=Path), help="With --all: the folder, which must exist.")
def period_command(slug: str | None, label: str | None, starts_on: str | None, ends_on: str | None,
                   year: int | None, format: str, output: Path | None, every: bool, output_dir: Path | None,
                   include_restricted: bool = False, remarks: Path | None = None, working_copy: bool = False) -> None:
    """Write a partnership's period report (or, with --all, every active partnership's) to a file."""
    check_pdf(format)
    if year is not None and (starts_on or ends_on):
        fail("Give either --year or --from and --to, not both: --year 2025 is --from 2025-01-01 --to 2025-12-31")
    starts, ends = parse_day(starts_on, "--from"), parse_day(ends_on, "--to")
    copy = Copy.WORKING if working_copy else Copy.RECIPIENT
    if every:
        if slug or label or output or remarks:
            fail("--all writes a report of every partnership into --output-dir: leave out --partnership, --plan, "
                 "--output and --remarks (a remarks file is written for one report)")
        if output_dir is None:
            fail("--all needs --output-dir")
        if starts and ends and ends < starts:
            fail(f"--to ({ends}) is before --from ({starts})")
        period_all(window_asked(year, starts, ends, date.today()), format, output_dir, include_restricted, copy)
        return
    if not slug or output is None:
        fail("Give --partnership and --output (or --all with --output-dir)")
    written = read_file_remarks(remarks)
    plan = find_plan(find_partnership(slug), label)
    window = period_window(plan, starts, ends, year)
    report = build_period_report(plan, *window, generated_by=COMMAND_USER, now=utcnow(),
                                 include_restricted=include_restricted)
    if remarks is not None and written is not None:
        try:
            put_in(report, written, remarks)
        except RemarksError as error:
            fail(str(error))
    data, _name = render(report, format, copy)
    save(data, output)


def read_file_remarks(path: Path | None) -> Remarks | None:
    """The remarks file at ``path``, checked; None (a draft) without one."""
    if path is None:
        return None
    try:
        return read_remarks(path)
    except RemarksError as error:
        fail(str(error))


def period_all(window: Window, format: str, output_dir: Path, include_restricted: bool, copy: Copy) -> None:
    """The report of each plan of each active partnership that covers ``window``; the others are listed with the
    reason they have none. One failure does not stop the others."""
    if not output_dir.is_dir():  # checked once here, rather than failing once for each partnership
        reason = errno.ENOTDIR if output_dir.exists() else errno.ENOENT
        fail(f"Cannot write {output_dir}: {os.strerror(reason)}")
    planned, skipped = reports_to_write(window, date.today())
    failures: list[str] = []
    written = 0
    with click.progressbar(planned, label="Writing reports", file=sys.stderr,
                           item_show_func=lambda p: p.plan.partnership.slug if p else "") as bar:
        for report_of in bar:
            try:
                report = build_period_report(report_of.plan, report_of.starts_on, report_of.ends_on,
                                             generated_by=COMMAND_USER, now=utcnow(),
                                             include_restricted=include_restricted)
                data, name = render(report, format, copy)
                write(data, output_dir / name)
                written += 1
            except Exception as error:  # one partnership's problem must not stop the batch
                db.session.rollback()
                failures.append(f"{report_of.plan.partnership.slug}: {error}")
    click.echo(f"Wrote {written} report{'s' if written != 1 else ''} to {output_dir}")
    if skipped:
        click.echo(f"No report for {len(skipped)} partnership{'s' if len(skipped) != 1 else ''}:")
        for item in skipped:
            click.echo(f"  {item.slug}: {item.reason}")
    if failures:
        click.echo(f"{len(failures)} failed:", err=True)
        for line in failures:
            click.echo(f"  {line}", err=True)
        sys.exit(1)


@report_cli.command("portfolio")
@click.option("--as-of", "as_of", help="The date the figures describe, YYYY-MM-DD (default: today).")
@click.option("--status", help="Only partnerships with this status, e.g. dialogue_partner.")
@click.option("--level", help="Only partnerships at this level, e.g. strategic_partnership.")
@click.option("--pillar", help="Only areas under pillars of this name, e.g. Economic.")
@click.option("--format", "format", type=click.Choice(FORMATS), default="pdf", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), required=True)
@click.option("--working-copy", "working_copy", is_flag=True,
              help="The desk's working copy: says who made it. Default: the copy to send.")
def portfolio_command(as_of: str | None, status: str | None, level: str | None, pillar: str | None, format: str,
                      output: Path, working_copy: bool = False) -> None:
    """Write the portfolio report (every partnership as of a date) to a file."""
    from app.models import PartnershipLevel, PartnershipStatus
    from app.reports.portfolio import build_portfolio_report, pillar_names

    check_pdf(format)
    day = parse_day(as_of, "--as-of") or date.today()
    if status and status not in {s.value for s in PartnershipStatus}:
        fail(f"--status must be one of {', '.join(s.value for s in PartnershipStatus)}")
    if level and level not in {v.value for v in PartnershipLevel}:
        fail(f"--level must be one of {', '.join(v.value for v in PartnershipLevel)}")
    if pillar is not None:
        # Pillars are matched without regard to case, as the portfolio page's filter matches them.
        names = pillar_names()
        if pillar.lower() not in {name.lower() for name in names}:
            fail(f"No pillar {pillar!r}. Pillars: {', '.join(names) or 'none'}")
    report = build_portfolio_report(day, status=status, level=level, pillar=pillar, generated_by=COMMAND_USER,
                                    now=utcnow())
    data, _name = render_portfolio(report, format, Copy.WORKING if working_copy else Copy.RECIPIENT)
    save(data, output)
