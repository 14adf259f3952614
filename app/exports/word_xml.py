"""What the Word download sets that python-docx has no property for, written as XML with its public ``docx.oxml``
helpers: a header row repeated on each page (python-docx issue #322), rows that never split across pages, shaded
header cells (issue #146), page-number fields, a picture's alternative text, and a paragraph's style named by id.
"""

from collections.abc import Sequence
from typing import overload

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.table import Table
from docx.text.paragraph import Paragraph


@overload
def xml_of(block: Paragraph) -> CT_P: ...
@overload
def xml_of(block: Table) -> CT_Tbl: ...
def xml_of(block: Paragraph | Table) -> CT_P | CT_Tbl:
    """The XML element of a paragraph or table. python-docx's API reference (docs/api/text.rst, docs/api/table.rst)
    documents no way to reach it and the settings of this module have no property (issues
    https://github.com/python-openxml/python-docx/issues/322 and /146 are open), so this is the one place that reads
    python-docx's own attribute for it."""
    return block._element


def set_style_id(paragraph: Paragraph, style_id: str) -> None:
    """The paragraph's style, named by its id. ``Paragraph.style`` does the same after looking the style up among
    every style of the document and comparing it with the default style, for each paragraph: a large share of the
    time of a long report."""
    xml_of(paragraph).style = style_id


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word and LibreOffice compute when they lay the document out (page numbers)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    xml_of(paragraph).append(field)


def describe_picture(paragraph: Paragraph, title: str, description: str) -> None:
    """The alternative text of the picture in the paragraph, read out by screen readers."""
    properties = xml_of(paragraph).xpath(".//wp:docPr")[0]
    properties.set("title", title)
    properties.set("descr", description)


def repeat_and_shade_header_row(table: Table, colour: str) -> None:
    """The table's first row shaded, and repeated at the top of each page the table runs onto."""
    header = xml_of(table).tr_lst[0]
    for cell in header.tc_lst:
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), colour)
        cell.get_or_add_tcPr().append(fill)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.get_or_add_trPr().append(repeat)


def keep_rows_whole(table: Table, which: Sequence[bool]) -> None:
    """Keep each row of ``table`` on one page where ``which`` says so (row by row)."""
    for row, whole in zip(xml_of(table).tr_lst, which, strict=True):
        if not whole:
            continue
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        row.get_or_add_trPr().append(cant_split)
