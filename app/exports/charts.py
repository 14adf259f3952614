"""The period report's charts, drawn from the report's figures alone (so an issued report charts as issued).

Each chart is drawn by matplotlib without pyplot (no global figure state; one drawing at a time): SVG with
its text kept as text for the HTML page, PNG for PDF, Word and Excel. Each also carries its text equivalent, a
sentence and a small table, for screen readers and for anyone who cannot read the picture.
"""

import base64
import io
import re
import textwrap
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from app.common.dates import long_date
from app.exports.tables import NO_STATUS
from app.implementation.coverage import Coverage
from app.models import AreaStatus
from app.reports.as_of import counted_on
from app.reports.period_figures import PeriodFigures

if TYPE_CHECKING:
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

#: Fonts tried in turn for each character, so Thai, Vietnamese, Urdu and Chinese pillar names are drawn, not boxes.
PREFERRED_FONTS = ("DejaVu Sans", "Noto Sans", "Noto Sans Thai", "Loma", "Garuda", "Noto Naskh Arabic",
                   "Noto Sans CJK SC", "FreeSans")
#: The tag colours of the pages (Bootstrap's), one per status, always shown with the words beside them.
STATUS_COLOURS = {
    "not_started": "#6c757d", "on_track": "#198754", "at_risk": "#ffc107", "off_track": "#dc3545",
    "completed": "#0d6efd", None: "#adb5bd",
}
ADDRESSED_COLOUR, BEING_ADDRESSED_COLOUR, BAR_COLOUR = "#146c43", "#75b798", "#0d6efd"
PNG_DPI = 150
FIGURE_WIDTH = 7.0  # inches
#: The width of an average character of the 9-point labels, in inches, to leave room for the labels.
CHARACTER_INCHES = 0.068


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    #: The chart in one sentence: its text equivalent.
    summary: str
    columns: tuple[str, ...]
    #: The text equivalent's table, one value per column.
    rows: tuple[tuple[str | int, ...], ...]
    #: Bars: (label, ((series name, value, colour), ...), text at the bar's end); empty when nothing to draw.
    bars: tuple[tuple[str, tuple[tuple[str, float, str], ...], str], ...] = ()
    horizontal: bool = False
    axis_label: str = ""
    as_percent: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.bars

    def svg(self, id_prefix: str) -> str:
        """Inline SVG named by its <title> and described by its <desc>; every id is prefixed to stay unique."""
        text = self._save("svg").decode()
        text = text[text.index("<svg"):]
        # A <style> inside inline SVG would apply to the whole page: its rules move onto the root element.
        text = re.sub(r"<metadata>.*?</metadata>\s*|<defs>\s*<style.*?</style>\s*</defs>\s*", "", text, flags=re.S)
        text = re.sub(r'\bid="([^"]+)"', rf'id="{id_prefix}-\1"', text)
        text = re.sub(r'(url\(#|href="#)', rf"\1{id_prefix}-", text)
        text = re.sub(r'\s(width|height)="[\d.]+pt"', "", text, count=2)
        title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
        opening_end = text.index(">") + 1
        opening = text[:opening_end].replace(
            "<svg", f'<svg role="img" aria-labelledby="{title_id} {desc_id}" class="app-chart-svg" focusable="false" '
            'style="stroke-linejoin: round; stroke-linecap: butt"', 1
        )
        return (f'{opening}<title id="{title_id}">{escape(self.title)}</title>'
                f'<desc id="{desc_id}">{escape(self.summary)}</desc>{text[opening_end:]}').strip()

    def png(self) -> bytes:
        return self._save("png")

    def png_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png()).decode()

    def _save(self, format: str) -> bytes:
        return _drawn(self, format)

    def _figure(self) -> "Figure":
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator, PercentFormatter

        count = len(self.bars)
        width, height = FIGURE_WIDTH, max(2.2, 0.9 + 0.42 * count) if self.horizontal else 2.8
        figure = Figure(figsize=(width, height))
        axes = figure.subplots()
        # Margins worked out from the labels rather than by a layout engine, which would draw everything twice.
        wrap_at = 22 if self.horizontal else max(8, int(width / max(count, 1) / CHARACTER_INCHES) - 2)
        labels = ["\n".join(textwrap.wrap(label, wrap_at)) or label for label, _series, _text in self.bars]
        longest = max((len(line) for label in labels for line in label.splitlines()), default=1)
        lines = max((label.count("\n") + 1 for label in labels), default=1)
        rotated = not self.horizontal and count > 6
        value_axis: Axis
        series_count = len(self.bars[0][1]) if self.bars else 0
        if self.horizontal:
            margins = {"left": longest * CHARACTER_INCHES + 0.3, "right": 0.45, "bottom": 0.55,
                       "top": 0.35 if series_count > 1 else 0.15}
        else:
            margins = {"left": 0.6, "right": 0.15, "top": 0.15,
                       "bottom": 0.45 + 0.15 * (lines - 1) + (0.3 if rotated else 0)}
        figure.subplots_adjust(left=margins["left"] / width, right=1 - margins["right"] / width,
                               bottom=margins["bottom"] / height, top=1 - margins["top"] / height)
        offsets = [0.0] * count
        series_names = [name for name, _value, _colour in self.bars[0][1]] if self.bars else []
        for index, name in enumerate(series_names):
            values = [series[index][1] for _label, series, _text in self.bars]
            colours = [series[index][2] for _label, series, _text in self.bars]
            if self.horizontal:
                axes.barh(range(count), values, left=offsets, color=colours, label=name, height=0.6)
            else:
                axes.bar(range(count), values, bottom=offsets, color=colours, label=name, width=0.6)
            offsets = [a + b for a, b in zip(offsets, values, strict=True)]
        for position, (total, (_label, _series, text)) in enumerate(zip(offsets, self.bars, strict=True)):
            if self.horizontal:
                axes.annotate(text, (total, position), xytext=(4, 0), textcoords="offset points", va="center")
            else:
                axes.annotate(text, (position, total), xytext=(0, 3), textcoords="offset points", ha="center")
        if self.horizontal:
            axes.set_yticks(range(count), labels)
            axes.invert_yaxis()  # first pillar on top, as in the report
            axes.set_xlim(0, 100 if self.as_percent else max(offsets) * 1.15 or 1)
            axes.set_xlabel(self.axis_label)
            value_axis = axes.xaxis
        else:
            axes.set_xticks(range(count), labels, rotation=30 if count > 6 else 0,
                            ha="right" if count > 6 else "center")
            axes.set_ylim(0, max(max(offsets) * 1.2, 1))
            axes.set_ylabel(self.axis_label)
            value_axis = axes.yaxis
        if self.as_percent:
            value_axis.set_major_formatter(PercentFormatter(100))
        elif isinstance(locator := value_axis.get_major_locator(), MaxNLocator):  # the default locator is one
            locator.set_params(integer=True)
        if len(series_names) > 1:
            axes.legend(loc="lower left", bbox_to_anchor=(0, 1), ncols=len(series_names), frameon=False)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        return figure


_DRAWING = threading.Lock()
SAVE_OPTIONS: dict[str, dict[str, Any]] = {"svg": {"metadata": {"Date": None, "Creator": None}},
                "png": {"dpi": PNG_DPI, "metadata": {"Software": None}}}


@lru_cache(maxsize=96)
def _drawn(chart: Chart, format: str) -> bytes:
    """A chart drawn once per figures: the page, then its PDF and Word downloads, reuse the same pictures."""
    import matplotlib

    buffer = io.BytesIO()
    # rc_context sets matplotlib's global settings (read both when drawing and when saving): one drawing at a time.
    with _DRAWING, matplotlib.rc_context(_style()):
        chart._figure().savefig(buffer, format=format, **SAVE_OPTIONS[format])
    return buffer.getvalue()


def forget_drawings() -> None:
    """Draw every chart afresh from now on (a benchmark times a report nobody has looked at yet)."""
    _drawn.cache_clear()


@cache
def _style() -> dict["RcKeyType", str | int | list[str]]:
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return {
        "font.family": [name for name in PREFERRED_FONTS if name in installed] or ["sans-serif"],
        "font.size": 9,
        "svg.fonttype": "none",  # text stays text: selectable, and shaped by the browser
        "svg.hashsalt": "period-report",  # the same figures give the same SVG
        "axes.edgecolor": "#495057",
        "axes.labelcolor": "#212529",
        "xtick.color": "#212529",
        "ytick.color": "#212529",
    }


def coverage_by_pillar(report: PeriodFigures) -> Chart:
    ends_on = long_date(counted_on(report))
    rows, bars, parts = [], [], []
    for pillar in report["pillars"]:
        coverage = Coverage(**pillar["coverage_end"])
        rows.append((pillar["name"], coverage.text, coverage.addressed_text))
        parts.append(f"{pillar['name']} {coverage.text}")
        bars.append((pillar["name"], (
            ("Addressed", 100 * coverage.addressed / coverage.total if coverage.total else 0, ADDRESSED_COLOUR),
            ("Being addressed", 100 * coverage.being_addressed / coverage.total if coverage.total else 0,
             BEING_ADDRESSED_COLOUR),
        ), f"{coverage.percent}%"))
    if rows:
        summary = (f"Action lines being addressed or addressed on {ends_on}, by pillar: " + "; ".join(parts) + ".")
    else:
        summary = "The plan has no cooperation areas, so there is no coverage to chart."
    return Chart(
        key="coverage", title="Coverage by pillar at the end of the period", summary=summary,
        columns=("Pillar", "Being addressed or addressed", "Addressed only"), rows=tuple(rows), bars=tuple(bars),
        horizontal=True, axis_label="Share of the pillar's action lines", as_percent=True,
    )


def status_distribution(report: PeriodFigures) -> Chart:
    ends_on = long_date(counted_on(report))
    areas = [area for pillar in report["pillars"] for area in pillar["areas"]]
    counts = Counter(area["status_end"]["value"] if area["status_end"] else None for area in areas)
    categories = [(status.value, status.label) for status in AreaStatus] + [(None, NO_STATUS)]
    rows = tuple((label, counts[value]) for value, label in categories)
    bars = tuple((label, (("Areas", counts[value], STATUS_COLOURS[value]),), str(counts[value]))
                 for value, label in categories) if areas else ()
    stated = [f"{count} {'with no status recorded' if label == NO_STATUS else label.lower()}"
              for label, count in rows if count]
    summary = (f"Status of the {len(areas)} cooperation area{'s' if len(areas) != 1 else ''} on {ends_on}: "
               + ", ".join(stated) + ".") if areas else "The plan has no cooperation areas."
    return Chart(
        key="statuses", title=f"Cooperation areas by status on {ends_on}", summary=summary,
        columns=("Status", "Cooperation areas"), rows=rows, bars=bars, axis_label="Cooperation areas",
    )


def meetings_over_time(report: PeriodFigures) -> Chart:
    starts_on = date.fromisoformat(report["window"]["starts_on"])
    ends_on = date.fromisoformat(report["window"]["ends_on"])
    by_quarter = (ends_on.year - starts_on.year) < 3  # up to 12 quarters read well; longer windows go by year
    unit = "quarter" if by_quarter else "year"

    def bucket(day: date) -> str:
        return f"{day.year} Q{(day.month - 1) // 3 + 1}" if by_quarter else str(day.year)

    buckets: list[str] = []
    for year in range(starts_on.year, ends_on.year + 1):
        for first_month in (1, 4, 7, 10) if by_quarter else (1,):
            name = bucket(date(year, first_month, 1))
            if not buckets or buckets[-1] != name:
                buckets.append(name)
    first, last = bucket(starts_on), bucket(ends_on)
    buckets = buckets[buckets.index(first):buckets.index(last) + 1]
    counts = Counter[str]()
    for month in report["meetings_by_month"]:
        counts[bucket(date.fromisoformat(f"{month['month']}-01"))] += month["count"]
    rows = tuple((name, counts[name]) for name in buckets)
    total = sum(counts.values())
    if total:
        held = [f"{count} in {name}" for name, count in rows if count]
        quiet = f"; none in the other {unit}s" if len(held) < len(rows) else ""
        summary = f"{total} meeting{'s' if total != 1 else ''} held in the period, by {unit}: {', '.join(held)}{quiet}."
    else:
        summary = "No meetings were held in the period."
    return Chart(
        key="meetings", title=f"Meetings held per {unit}", summary=summary,
        columns=(unit.capitalize(), "Meetings"), rows=rows,
        bars=tuple((name, (("Meetings", count, BAR_COLOUR),), str(count)) for name, count in rows) if total else (),
        axis_label="Meetings",
    )


def report_charts(report: PeriodFigures) -> list[Chart]:
    """The three charts of a period report, in the order the overview shows them."""
    return [coverage_by_pillar(report), status_distribution(report), meetings_over_time(report)]

