import re
from datetime import UTC, datetime

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry

ARCHIVED_AT = datetime(2025, 3, 31, 9, 30, tzinfo=UTC)
PAKISTAN = "Islamic Republic of Pakistan"
PLAN = "Practical Cooperation Areas (2024-2028)"


def last_entry_id() -> int:
    return db.session.scalar(sa.select(sa.func.max(AuditEntry.id))) or 0


def entries_since(marker: int) -> list[tuple]:
    """(action, record type, label, changes, user id) of each entry written after ``marker``, oldest first."""
    db.session.expire_all()
    rows = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.id > marker).order_by(AuditEntry.id))
    return [(e.action.value, e.record_type, e.record_label, e.changes, e.user_id) for e in rows]


def words(html: str) -> str:
    """The text a sighted reader sees: tags and screen-reader-only text removed, spaces squeezed."""
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" :", ":").strip()


def history_section(page: str) -> str:
    start = page.index('id="audit-history"')
    return page[start : page.index("</section>", start)]


def history_rows(page: str) -> list[str]:
    """Each row of the History table on a record's page, as words: "When Who What changed"."""
    body = history_section(page)
    return [words(row.split("</tr>")[0]) for row in body.split("<tr>")[2:]]
