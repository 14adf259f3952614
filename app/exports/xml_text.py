"""Text for the XML inside Word and Excel files, which cannot hold most control characters.

A vertical tab or form feed pasted from a Word document, or an escape from a terminal, is kept in the database as
typed (the pages show nothing for it), but lxml refuses to write it into a .docx (the download would fail), and a
spreadsheet would show it as its escape ("_x000B_"). They are dropped from the file; tab, line feed and carriage
return stay.
"""

import re
from typing import Any, TypeVar, cast

T = TypeVar("T")

#: The C0 control characters XML 1.0 does not allow.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text: str) -> str:
    return NOT_IN_XML.sub("", text)


def xml_safe(value: T) -> T:
    """``value`` (a report's figures, plain as JSON: dicts, lists, strings, numbers) with every string made
    ``xml_text``."""
    safe: Any = value
    if isinstance(value, str):
        safe = xml_text(value)
    elif isinstance(value, dict):
        safe = {key: xml_safe(item) for key, item in value.items()}
    elif isinstance(value, list):
        safe = [xml_safe(item) for item in value]
    return cast(T, safe)
