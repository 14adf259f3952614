"""Word's tables and headings, for the period and portfolio reports: a caption above each table, its header row
repeated on each page, no row split across pages, and columns as wide as their words need."""

from collections.abc import Sequence
from datetime import date

from docx.blkcntnr import BlockItemContainer
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Length, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from app.common.dates import long_date
from app.exports.tables import Kind, Table, Value, whole_percent
from app.exports.word_pages import TEXT_WIDTH_CM, text_height_cm, text_width_cm
from app.exports.word_xml import keep_rows_whole, repeat_and_shade_header_row, set_style_id

CHARACTER_CM, CELL_PADDING_CM, LINE_CM = 0.19, 0.45, 0.42  # at TABLE_FONT_SIZE
#: Values up to this long (dates, statuses, names) are kept on one line where the page allows.
SHORT_VALUE = 18
LONG_TEXT_CM = 5
HEADER_FILL = "E9ECEF"
TABLE_FONT_SIZE = Pt(9)
#: Paragraph styles of Word's default template, by id (see ``set_style_id``), and its table style, by name.
CAPTION, BULLET = "Caption", "ListBullet"
TABLE_GRID = "Table Grid"
#: A cell written as paragraphs, each a list of runs of (text, bold): an activity's title in bold, its dates below.
Paragraphs = list[list[tuple[str, bool]]]
CellText = str | Paragraphs


def styled(document: WordDocument, text: str, style_id: str) -> Paragraph:
    paragraph = document.add_paragraph(text)
    set_style_id(paragraph, style_id)
    return paragraph


def heading(document: WordDocument, text: str, level: int) -> Paragraph:
    """Title (level 0) or Heading 1 to 3: Word's navigation pane and table of contents list them."""
    return styled(document, text, "Title" if level == 0 else f"Heading{level}")


def add_table(document: WordDocument, table: Table, caption: str) -> None:
    add_rows(document, caption, [column.heading for column in table.columns],
             [[text(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
              for row in table.rows])


def text(value: Value, kind: Kind) -> str:
    if value is None:
        return ""
    if kind is Kind.DATE and isinstance(value, date):  # a date column holds dates only
        return long_date(value)
    if kind is Kind.PERCENT and isinstance(value, int | float):  # a percent column holds shares only
        return f"{whole_percent(value)}%"
    return str(value)


def add_rows(document: WordDocument, caption: str, headings: list[str], rows: Sequence[Sequence[CellText]],
             least: Sequence[float] = ()) -> None:
    """A captioned table whose header row repeats on every page and whose rows do not split across pages (but for
    one taller than a page); its columns at least ``least`` cm wide (see ``column_widths``)."""
    styled(document, caption, CAPTION).paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(headings), style=TABLE_GRID)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    widths = column_widths(headings, [[plain(value) for value in row] for row in rows], text_width_cm(document),
                           least)
    for cell, heading, width in zip(table.rows[0].cells, headings, widths, strict=True):
        cell.text = heading
        cell.width = width
        cell.paragraphs[0].runs[0].bold = True
    repeat_and_shade_header_row(table, HEADER_FILL)
    for row in rows:
        for cell, value, width in zip(table.add_row().cells, row, widths, strict=True):
            write(cell, value)
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    keep_short_rows_whole(document, table, [headings, *rows], widths)
    document.add_paragraph()


def keep_short_rows_whole(document: WordDocument, table: DocxTable, rows: Sequence[Sequence[CellText]],
                          widths: Sequence[Length]) -> None:
    """Keep each row on one page, but for a row taller than a page: kept whole, Word would cut it off at the
    page's foot."""
    page_lines = text_height_cm(document) / LINE_CM
    keep_rows_whole(table, [lines_of(row, widths) < page_lines for row in rows])


def lines_of(row: Sequence[CellText], widths: Sequence[Length]) -> float:
    """About how many lines the row's tallest cell takes at its column's width."""
    def lines(value: CellText, width: Length) -> float:
        per_line: float = max((width.cm - CELL_PADDING_CM) / CHARACTER_CM, 1)
        return sum(max(len(paragraph) / per_line, 1) for paragraph in plain(value).split("\n"))

    return max(lines(value, width) for value, width in zip(row, widths, strict=True))


def write(cell: BlockItemContainer, value: CellText) -> None:
    """``value`` into a new, empty cell (which holds one empty paragraph)."""
    for index, runs in enumerate([[(value, False)]] if isinstance(value, str) else value):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold or None  # not bold: the style's weight, as ``cell.text`` leaves it


def plain(value: CellText) -> str:
    """A cell's text, a line per paragraph."""
    return value if isinstance(value, str) else "\n".join("".join(text for text, _bold in runs) for runs in value)


def column_widths(headings: list[str], rows: list[list[str]], text_width: float = TEXT_WIDTH_CM,
                  least: Sequence[float] = ()) -> list[Length]:
    """Share the text width (``text_width`` cm): first so no word is broken, then so short values (dates, statuses,
    names) stay on one line, then what is left to the columns of long text (notes, action lines). A column is at
    least as wide as ``least`` says (cm, column by column): room kept for what is written later."""
    # Each column's width without broken words, with short values whole, with all on a line.
    tiers: list[list[float]] = [[], [], []]
    for index, heading in enumerate(headings):
        values = [line for row in rows for line in str(row[index]).splitlines()]
        words = [word for text in [heading, *values] for word in text.split()]
        short = [value for value in values if len(value) <= SHORT_VALUE]
        for tier, texts in zip(tiers, (words, [*words, *short], [heading, *values]), strict=True):
            tier.append(max(map(len, texts), default=1) * CHARACTER_CM + CELL_PADDING_CM)
        if len(short) < len(values):  # a column of long text is never squeezed to a word a line
            tiers[0][-1] = tiers[1][-1] = max(tiers[1][-1], min(LONG_TEXT_CM, tiers[2][-1]))
    for index, width in enumerate(least):
        for tier in tiers:
            tier[index] = max(tier[index], width)
    widths = tiers[0]
    if sum(widths) >= text_width:
        return [Cm(width * text_width / sum(widths)) for width in widths]
    for goal in tiers[1:]:
        room = text_width - sum(widths)
        wanted = sum(g - w for g, w in zip(goal, widths, strict=True))
        if wanted <= 0:
            continue
        share = min(1.0, room / wanted)
        widths = [w + (g - w) * share for g, w in zip(goal, widths, strict=True)]
        if share < 1:
            break
    return [Cm(width * text_width / sum(widths)) for width in widths]  # the table spans the text width
