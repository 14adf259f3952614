"""The period report as an Excel workbook: an overview sheet with native charts, then one sheet per table.

Every cell is typed (dates are date cells, shares are numbers in % format, text is text even when it starts with
"="), header rows are frozen and filterable, and columns are as wide as their content up to a limit, beyond which
text wraps. Printed, every sheet fits the width of an A4 page (landscape when it is wide), its header row on each.
"""

import io
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from decimal import Decimal
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from app.common.numbers import amount_text
from app.exports.charts import Chart, report_charts
from app.exports.copies import Copy, is_draft
from app.exports.properties import period_properties, set_excel_properties
from app.exports.tables import Column, Kind, Table, Value, overview_rows, report_tables
from app.exports.xml_text import xml_text
from app.reports.period_figures import PeriodFigures

MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "d mmmm yyyy"  # 25 March 2024, as on the pages
PERCENT_FORMAT = "0%"
AMOUNT_FORMAT = "#,##0.00"  # 15,000.00, as on the pages
NUMBER_FORMATS = {Kind.DATE: DATE_FORMAT, Kind.PERCENT: PERCENT_FORMAT, Kind.AMOUNT: AMOUNT_FORMAT}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(horizontal="left")
#: Width in characters a date cell needs in DATE_FORMAT ("30 September 2024").
DATE_WIDTH = 18
#: Headings wrap onto two or three lines rather than widen a column of short values past this.
HEADING_WIDTH = 16
OVERVIEW_VALUE_WIDTH = 90
#: The widest a sheet prints on a portrait page, in characters of its columns' widths; a wider one prints landscape.
PORTRAIT_WIDTH = 95
#: The charts stand one below the other to the right of the overview, each this many rows apart.
CHART_ROWS, CHART_HEIGHT_CM, CHART_WIDTH_CM = 18, 8, 16


def period_xlsx(report: PeriodFigures, copy: Copy = Copy.RECIPIENT) -> bytes:
    # Write-only: each row goes straight into the file, so a report with thousands of rows stays quick.
    workbook = Workbook(write_only=True)
    write_overview(new_sheet(workbook, "Overview"), report, copy)
    for table in report_tables(report, copy):
        write_table(new_sheet(workbook, table.title), table)
    if is_draft(report):
        for sheet in workbook.worksheets:
            mark_draft(sheet)
    set_excel_properties(workbook, period_properties(report))
    return saved(workbook)


def saved(workbook: Workbook) -> bytes:
    """The workbook's file, its parts compressed at zlib's fastest level rather than its default: a third of the
    time (the busiest partnership's 2 MB of sheets in 7 ms rather than 20) for a file some 30% larger."""
    buffer = io.BytesIO()
    # openpyxl's own save, with the archive opened here to choose the level.
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=1) as archive:
        workbook.properties.modified = datetime.now(UTC).replace(tzinfo=None)
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def mark_draft(sheet: Worksheet) -> None:
    """Printed, each page of the sheet says DRAFT in its header, in the sheet's own font, bold."""
    header = sheet.oddHeader
    if header is not None:  # every new sheet has one; the stubs allow for none
        header.right.text = "DRAFT: not issued"
        header.right.font = "-,Bold"


def new_sheet(workbook: Workbook, title: str) -> Worksheet:
    """A sheet of the write-only workbook, typed as the public ``Worksheet``: openpyxl's documentation (Optimised
    Modes) names its class only in a private module. It takes ``Worksheet``'s column widths, frozen panes, filter and
    charts, which is all this module uses besides ``append``, the only way it adds rows."""
    sheet: Worksheet = workbook.create_sheet(title)
    return sheet


def styled(sheet: Worksheet, value: Value, **style: object) -> Cell:
    if isinstance(value, str):
        value = xml_text(value)
    cell = WriteOnlyCell(sheet)
    cell.value = value  # set apart from the cell's making, whose stub leaves out dates (openpyxl takes them)
    if isinstance(value, str):
        # openpyxl writes a string that starts with "=" as a formula (and "#N/A" as an error): a follow-up titled
        # =WEBSERVICE("http://...") would call out when the file is opened. What people typed is text.
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def append(sheet: Worksheet, values: Iterable[Value | Cell]) -> None:
    """A row whose every string is written as text (see ``styled``); numbers, dates and styled cells as they are."""
    sheet.append([as_text(sheet, value) if isinstance(value, str) else value for value in values])


def as_text(sheet: Worksheet, value: str) -> str | Cell:
    """A string openpyxl writes as text by itself, or a cell that says it is text when openpyxl would take it for a
    formula or an error (see ``styled``): a cell object for every string is the dearest part of writing a long
    sheet."""
    value = xml_text(value)
    if value.startswith("=") or value in ERROR_CODES:
        return styled(sheet, value)
    return value


def header(sheet: Worksheet, headings: Iterable[str]) -> list[Cell]:
    return [styled(sheet, heading, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT)
            for heading in headings]


def set_up_printing(sheet: Worksheet, widths: Iterable[float]) -> None:
    """A4, as wide as a page (as many pages down as it takes), landscape when its columns are wider than a portrait
    page, the header row repeated on each page. Set before the first row: the fit to page is part of what a
    write-only sheet writes first."""
    setup = sheet.page_setup
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.orientation = (Worksheet.ORIENTATION_LANDSCAPE if sum(widths) > PORTRAIT_WIDTH
                         else Worksheet.ORIENTATION_PORTRAIT)
    setup.fitToPage, setup.fitToWidth, setup.fitToHeight = True, 1, 0
    sheet.print_title_rows = "1:1"
    sheet.freeze_panes = "A2"


def write_table(sheet: Worksheet, table: Table) -> None:
    """A table with a frozen, filterable header row, typed cells and fitted columns, on a write-only sheet
    (widths and the frozen row are set before the first row is written)."""
    widths = [column_width(column, (row[index] for row in table.rows)) for index, column in enumerate(table.columns)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    set_up_printing(sheet, widths)
    sheet.append(header(sheet, (column.heading for column in table.columns)))
    cells = [column_cells(sheet, column) for column in table.columns]
    for row in table.rows:
        sheet.append([cell(value) for cell, value in zip(cells, row, strict=True)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"


def column_width(column: Column, values: Iterable[Value]) -> float:
    if column.kind is Kind.DATE:
        widest = DATE_WIDTH
    elif column.kind is Kind.PERCENT:
        widest = 6
    elif column.kind is Kind.AMOUNT:
        widest = max((len(amount_text(value, None)) for value in values if isinstance(value, str)), default=0)
    else:
        widest = max((len(str(value)) for value in values if value is not None), default=0)
    return min(max(widest, min(len(column.heading), HEADING_WIDTH)) + 2, column.max_width)


def column_cells(sheet: Worksheet, column: Column) -> Callable[[Value], Value | Cell]:
    """How each value of ``column`` is written: dates, shares and amounts in their formats, long text wrapped, the
    rest plain.

    A styled cell is made once for the column and filled anew on each row: a write-only sheet writes every cell of
    a row before it takes the next, and making a cell and giving it its style for each date or long text was the
    dearest part of writing a long sheet. (A sheet that is not write-only keeps the cell it is given: it would show
    the column's last value on every row.)"""
    number_format = NUMBER_FORMATS.get(column.kind)
    if number_format:
        formatted = styled(sheet, None, number_format=number_format)

        def in_format(value: Value) -> Cell:
            # An amount is a number to add up, exact to the cent: openpyxl writes a Decimal as the number it is.
            formatted.value = Decimal(value) if column.kind is Kind.AMOUNT and isinstance(value, str) else value
            return formatted

        return in_format
    wrapped = styled(sheet, None, alignment=WRAP)

    def text(value: Value) -> Value | Cell:
        if not isinstance(value, str):
            return value
        if len(value) > column.max_width:
            wrapped.value = xml_text(value)
            wrapped.data_type = "s"  # text, even when it starts with "=" (see ``styled``)
            return wrapped
        return as_text(sheet, value)

    return text


def write_overview(sheet: Worksheet, report: PeriodFigures, copy: Copy) -> None:
    rows = overview_rows(report, copy)
    sheet.column_dimensions["A"].width = max(len(label) for label, _value, _kind in rows) + 2
    widest = max(len(str(value)) for _label, value, kind in rows if kind is Kind.TEXT)
    sheet.column_dimensions["B"].width = min(widest, OVERVIEW_VALUE_WIDTH) + 2
    # The charts beside the figures are not part of what prints as the sheet's width.
    set_up_printing(sheet, [sheet.column_dimensions[letter].width for letter in "AB"])
    sheet.append(header(sheet, ["Figure", "Value"]))
    for label, value, kind in rows:
        shown: Value | Cell = value
        if kind in NUMBER_FORMATS:
            shown = styled(sheet, value, number_format=NUMBER_FORMATS[kind], alignment=LEFT)
        elif kind is Kind.NUMBER:
            shown = styled(sheet, value, alignment=LEFT)
        elif isinstance(value, str) and (len(value) > OVERVIEW_VALUE_WIDTH or "\n" in value):
            shown = styled(sheet, value, alignment=WRAP)
        append(sheet, [label, shown])
    sheet.auto_filter.ref = f"A1:B{len(rows) + 1}"

    written = len(rows) + 1
    for index, chart in enumerate(report_charts(report)):
        sheet.append([])  # a blank row before each chart's figures
        written = write_chart(sheet, chart, written + 2, anchor=f"D{2 + index * CHART_ROWS}")


def write_chart(sheet: Worksheet, chart: Chart, top: int, anchor: str) -> int:
    """The chart's data as a small table from row ``top``, the next row of the sheet (its text equivalent, the
    sentence above it), and a native bar chart drawn from it at ``anchor``, beside the overview. Returns the last
    row used."""
    sheet.append([styled(sheet, chart.title, font=Font(bold=True, size=12))])
    sheet.append([styled(sheet, chart.summary, alignment=Alignment(wrap_text=False))])
    if chart.is_empty:
        return top + 1
    series_names = [name for name, _value, _colour in chart.bars[0][1]]
    header_row = top + 2
    sheet.append(header(sheet, [chart.columns[0], *series_names]))
    for label, series, _text in chart.bars:
        append(sheet, [label, *(styled(sheet, value / 100, number_format=PERCENT_FORMAT) if chart.as_percent
                                else value for _name, value, _colour in series)])
    last_row = header_row + len(chart.bars)

    bar_chart = BarChart()
    bar_chart.type = "bar" if chart.horizontal else "col"
    bar_chart.title = chart.title
    bar_chart.y_axis.title = chart.axis_label
    bar_chart.y_axis.delete = bar_chart.x_axis.delete = False
    if len(series_names) > 1:
        bar_chart.grouping, bar_chart.overlap = "stacked", 100
    else:
        bar_chart.legend = None
    if chart.as_percent:
        bar_chart.y_axis.number_format = PERCENT_FORMAT
        bar_chart.y_axis.scaling.min, bar_chart.y_axis.scaling.max = 0, 1
        bar_chart.y_axis.majorUnit = 0.2
    else:
        bar_chart.y_axis.majorUnit = 1  # counts of areas and meetings are whole numbers
    if chart.horizontal:
        bar_chart.x_axis.scaling.orientation = "maxMin"  # first pillar on top, as in the report
        bar_chart.y_axis.crosses = "max"  # and the percentages stay below the bars
    data = Reference(sheet, min_col=2, max_col=1 + len(series_names), min_row=header_row, max_row=last_row)
    bar_chart.add_data(data, titles_from_data=True)
    bar_chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row))
    for index, series in enumerate(bar_chart.series):
        colours = [bar_series[index][2] for _label, bar_series, _text in chart.bars]
        series.graphicalProperties.solidFill = colours[0][1:]
        series.graphicalProperties.line.solidFill = colours[0][1:]
        for point, colour in enumerate(colours):
            if colour != colours[0]:
                data_point = DataPoint(idx=point)
                data_point.graphicalProperties.solidFill = colour[1:]
                series.dPt.append(data_point)
    if len(series_names) == 1:
        bar_chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False,
                                             showLegendKey=False, showPercent=False)
    bar_chart.height, bar_chart.width = CHART_HEIGHT_CM, CHART_WIDTH_CM
    sheet.add_chart(bar_chart, anchor)
    return last_row
