"""Files as a desk officer would attach them, and the ones the checks must refuse, made here byte by byte."""

import io
import zipfile
import zlib

from pypdf import PdfWriter
from pypdf.actions import JavaScript


def pdf(*, script: str | None = None) -> bytes:
    """A one-page PDF written by pypdf; with ``script``, JavaScript run when it is opened."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if script is not None:
        writer.add_open_action(JavaScript(script))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_script_in_object_stream() -> bytes:
    """A PDF whose catalogue, with its /OpenAction running JavaScript, sits only inside a compressed object
    stream (PDF 1.5): nothing of the script is in the file's plain bytes."""
    objects = b"1 0 2 60 " .ljust(20) + (b"<< /Type /Catalog /Pages 3 0 R /OpenAction 2 0 R >>".ljust(40)
                                           + b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
    packed = zlib.compress(objects)
    body = (b"%PDF-1.7\n"
            b"3 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"4 0 obj << /Type /ObjStm /N 2 /First 20 /Filter /FlateDecode /Length " + str(len(packed)).encode()
            + b" >>\nstream\n" + packed + b"\nendstream\nendobj\n")
    assert b"JavaScript" not in body and b"/JS" not in body
    return body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    """A 1x1 PNG: its signature is what the check reads."""
    return (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
            + b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
            + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def docx() -> bytes:
    """The parts that make a ZIP a Word document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    return out.getvalue()


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56)
SHELL_SCRIPT = b"#!/bin/sh\nrm -rf ~\n"
MINUTES_TEXT = b"Minutes of the 7th JSCC, 18 September 2023\nAgreed: a work plan by March.\n"
