"""The period report as an Excel workbook: an overview sheet with native charts, then one sheet per table.

Every sheet's header row is frozen and filterable, and its columns are as wide as their content up to a limit,
beyond which text wraps. Printed, every sheet fits the width of an A4 page (landscape when it is wide), its header
row on each (``app.exports.spreadsheet``).
"""

from app.exports.charts import Chart, report_charts
from app.exports.copies import Copy, is_draft
from app.exports.properties import period_properties
from app.exports.spreadsheet import MIME_TYPE, NUMBER_FORMATS, PERCENT_FORMAT, WRAP, Book, CellValue, Sheet, write_table
from app.exports.tables import Kind, overview_rows, report_tables
from app.reports.period_figures import PeriodFigures

__all__ = ["MIME_TYPE", "period_xlsx"]

OVERVIEW_VALUE_WIDTH = 90
#: The charts stand one below the other to the right of the overview, each this many rows apart, 16 by 8 cm.
CHART_ROWS, CHART_WIDTH, CHART_HEIGHT = 18, 605, 302  # pixels at 96 per inch


def period_xlsx(report: PeriodFigures, copy: Copy = Copy.RECIPIENT) -> bytes:
    book = Book()
    write_overview(book, report, copy)
    for table in report_tables(report, copy):
        write_table(book, table)
    if is_draft(report):
        for sheet in book.sheets:
            sheet.mark_draft()
    return book.file(period_properties(report))


def write_overview(book: Book, report: PeriodFigures, copy: Copy) -> None:
    sheet = book.sheet("Overview")
    rows = overview_rows(report, copy)
    widths = [max(len(label) for label, _value, _kind in rows) + 2,
              min(max(len(str(value)) for _label, value, kind in rows if kind is Kind.TEXT), OVERVIEW_VALUE_WIDTH) + 2]
    sheet.set_widths(widths)
    # The charts beside the figures are not part of what prints as the sheet's width.
    sheet.set_up_printing(widths)
    sheet.header(["Figure", "Value"])
    wrapped = book.format(**WRAP)
    for label, value, kind in rows:
        value_format = None
        if kind in NUMBER_FORMATS:
            value_format = book.format(num_format=NUMBER_FORMATS[kind], align="left")
        elif kind is Kind.NUMBER:
            value_format = book.format(align="left")
        elif isinstance(value, str) and (len(value) > OVERVIEW_VALUE_WIDTH or "\n" in value):
            value_format = wrapped
        sheet.append([label, value], [None, value_format])
    sheet.filter(2)
    for index, chart in enumerate(report_charts(report)):
        sheet.rows += 1  # a blank row before each chart's figures
        write_chart(book, sheet, chart, anchor=f"D{2 + index * CHART_ROWS}")


def write_chart(book: Book, sheet: Sheet, chart: Chart, anchor: str) -> None:
    """The chart's title and its text equivalent (the sentence, then its figures as a small table) on the next rows
    of ``sheet``, and a native bar chart of those figures at ``anchor``, beside the overview."""
    sheet.append([chart.title], [book.format(bold=True, font_size=12)])
    sheet.append([chart.summary])
    if chart.is_empty:
        return
    series_names = [name for name, _value, _colour in chart.bars[0][1]]
    header_row = sheet.rows
    sheet.header([chart.columns[0], *series_names])
    percent = book.format(num_format=PERCENT_FORMAT)
    for label, series, _text in chart.bars:
        values: list[CellValue] = [label, *(value / 100 if chart.as_percent else value for _n, value, _c in series)]
        sheet.append(values, [None, *([percent] * len(series))] if chart.as_percent else [])
    first, last = header_row + 1, sheet.rows - 1

    stacked = len(series_names) > 1
    drawn = book.workbook.add_chart({"type": "bar" if chart.horizontal else "column",
                                     **({"subtype": "stacked"} if stacked else {})})
    for index in range(len(series_names)):
        column = 1 + index
        colours = [bar_series[index][2] for _label, bar_series, _text in chart.bars]
        drawn.add_series({
            "name": [sheet.title, header_row, column],
            "categories": [sheet.title, first, 0, last, 0],
            "values": [sheet.title, first, column, last, column],
            "fill": {"color": colours[0]}, "border": {"color": colours[0]},
            "points": [None if colour == colours[0] else {"fill": {"color": colour}, "border": {"color": colour}}
                       for colour in colours],
            **({"overlap": 100} if stacked else {"data_labels": {"value": True}}),
        })
    drawn.set_title({"name": chart.title})
    values_axis: dict[str, object] = {"name": chart.axis_label, "major_unit": 1}  # counts are whole numbers
    if chart.as_percent:
        values_axis.update(num_format=PERCENT_FORMAT, min=0, max=1, major_unit=0.2)
    categories_axis: dict[str, object] = {}
    if chart.horizontal:
        # A bar chart's values run along its x axis. First pillar on top, as in the report, and the percentages
        # stay below the bars.
        categories_axis.update(reverse=True, crossing="max")
        drawn.set_x_axis(values_axis)
        drawn.set_y_axis(categories_axis)
    else:
        drawn.set_x_axis(categories_axis)
        drawn.set_y_axis(values_axis)
    if not stacked:
        drawn.set_legend({"none": True})
    drawn.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    sheet.worksheet.insert_chart(anchor, drawn)
