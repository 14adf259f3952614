"""The pages of a Word report: A4, portrait or landscape, 2 cm margins, the title above each page and "Page N of M"
below, DRAFT under the title while the report is a draft; and the width a table has between the margins."""

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor

from app.exports.word_xml import add_field

TEXT_WIDTH_CM = 17  # A4 less 2 cm margins
TEXT_HEIGHT_CM = 25.7
DRAFT_COLOUR = RGBColor(0x84, 0x20, 0x29)


def set_up_pages(document: WordDocument, title: str, *, landscape: bool = False) -> None:
    """A4 with 2 cm margins, ``landscape`` for tables of many columns; the title above each page and "Page N of M"
    below."""
    section = document.sections[0]
    orient(section, landscape)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20)
    header = section.header.paragraphs[0]
    header.text = title
    header.style = document.styles["Header"]
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    add_field(footer, "PAGE")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES")


def orient(section: Section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))


def new_section(document: WordDocument, *, landscape: bool) -> None:
    """What follows on a new page, ``landscape`` or portrait. The new section keeps the margins and, linked to the
    one before, its header and footer: the running title and "Page N of M" go on."""
    orient(document.add_section(WD_SECTION.NEW_PAGE), landscape)


def mark_draft(document: WordDocument) -> None:
    """DRAFT in the page header, under the title: on every page."""
    mark = document.sections[0].header.add_paragraph()
    mark.style = document.styles["Header"]
    run = mark.add_run("DRAFT: not issued")
    run.bold = True
    run.font.size = Pt(10)
    run.font.color.rgb = DRAFT_COLOUR


def text_width_cm(document: WordDocument) -> float:
    """The width between the margins of the document's last section, where a table is added."""
    section = document.sections[-1]
    # set_up_pages sets all three on the document's first section, and a section added later takes them over.
    page, left, right = section.page_width, section.left_margin, section.right_margin
    return TEXT_WIDTH_CM if page is None or left is None or right is None else Length(page - left - right).cm


def text_height_cm(document: WordDocument) -> float:
    """The height between the margins of the document's last section."""
    section = document.sections[-1]
    page, top, bottom = section.page_height, section.top_margin, section.bottom_margin
    return TEXT_HEIGHT_CM if page is None or top is None or bottom is None else Length(page - top - bottom).cm
