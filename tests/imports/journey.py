"""The import journey through the real pages: upload a file to preview it, confirm what the preview carries, read
a row of the preview and the counts above it."""

import io
import re
from html import unescape

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry


def upload(visitor, url: str, content: bytes, name: str = "import.xlsx"):
    return visitor.submit(url, {"file": (io.BytesIO(content), name), "action": "preview"})


def confirm(visitor, url: str, page: str, **changed):
    """Press "Confirm import" on ``page``, with the hidden fields it carries (``changed`` replacing some)."""
    fields = {name: unescape(value) for name, value in re.findall(
        r'<input[^>]*name="(csrf_token|previewed|form_token|rows)"[^>]*value="([^"]*)"', page)}
    assert set(fields) == {"csrf_token", "previewed", "form_token", "rows"}
    return visitor.client.post(url, data={**fields, **changed, "action": "confirm"}, follow_redirects=True)


def row(page: str, number: int) -> str:
    found = re.search(rf'<tr id="row-{number}".*?</tr>', page, re.S)
    assert found, f"no row {number}"
    return found.group(0)


def said(page: str) -> str:
    """The page's text with its spaces run together, to find a sentence split over lines."""
    return " ".join(page.split())


def audited(source: str, action: str | None = None) -> int:
    query = sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.source == source)
    if action:
        query = query.where(AuditEntry.action == action)
    return db.session.scalar(query)
