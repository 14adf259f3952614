"""Two copies of every report file: the copy a desk sends, and the desk's own working copy.

The copy to send leaves out what only concerns the desk: who recorded each status change, and who made the report
or how ("by the report command", "by Desk Officer"). The working copy keeps them. The report page offers both sets of
downloads, and `flask report` writes the copy to send unless given --working-copy.

Whether a report reads as final is said the same way in both: issued; prepared with a way forward (from the
report command's remarks file) though not issued; or a draft, not issued and with no way forward, marked DRAFT on
every page.
"""

from enum import StrEnum

from flask_babel import gettext

from app.common.dates import date_time, long_date
from app.reports.period_figures import PeriodFigures
from app.reports.portfolio_figures import PortfolioFigures


class Copy(StrEnum):
    RECIPIENT = "recipient"
    WORKING = "working"

    # The label and hint are the report pages' words, in the reader's language; the files themselves do not name it.
    @property
    def label(self) -> str:
        return {"recipient": gettext("Copy to send"), "working": gettext("Desk's working copy")}[self.value]

    @property
    def hint(self) -> str:
        if self is Copy.RECIPIENT:
            return gettext("Without who recorded each change or who made the report")
        return gettext("With who recorded each status change and who made or issued the report, for the desk's own "
                       "files")


def copy_asked(value: str | None) -> Copy:
    """The copy a download link or the command asks for; anything but the working copy is the copy to send, so a
    mistyped link never hands out the desk's notes."""
    return Copy.WORKING if value == Copy.WORKING.value else Copy.RECIPIENT


def is_draft(report: PeriodFigures) -> bool:
    """Not issued and with no way forward: every page of its files says DRAFT."""
    return not report["issued"] and not report["way_forward"]


def made(report: PeriodFigures, working: bool) -> tuple[str, str]:
    """How the report came to be, for its "About this report": (label, value)."""
    issued = report["issued"]
    if issued:
        return "Issued", f"{date_time(issued['at'])} UTC by {issued['by']}" if working else long_date(issued["at"])
    moment = report["generated_at"]
    if is_draft(report):
        if working:
            return "Draft", f"Generated {date_time(moment)} UTC by {report['generated_by']}; not issued"
        return "Draft", f"Prepared on {long_date(moment)}; not issued"
    return "Prepared", f"{date_time(moment)} UTC by {report['generated_by']}" if working else long_date(moment)


def portfolio_made(report: PortfolioFigures, working: bool) -> str:
    """The sentence that ends the portfolio's summary."""
    if working:
        return f"Generated {date_time(report['generated_at'])} UTC by {report['generated_by']}."
    return f"Prepared on {long_date(report['generated_at'])}."
