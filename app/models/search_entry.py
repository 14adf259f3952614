"""What search reads: one entry per searchable record, kept in step with the record in the same transaction."""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model
from app.models.base import Choice, choice_column


class SearchKind(Choice):
    """The kinds of record search covers, in the order the results page shows them."""

    PARTNERSHIP = "partnership"
    ORGANISATION = "organisation"
    PERSON = "person"
    MEETING = "meeting"
    FOLLOW_UP = "follow_up"
    ACTION_LINE = "action_line"
    ACTIVITY = "activity"
    REPORT = "report"

    @property
    def label(self) -> str:
        return str(SEARCH_KIND_LABELS[self])


SEARCH_KIND_LABELS = {
    SearchKind.PARTNERSHIP: _l("Partnerships"),
    SearchKind.ORGANISATION: _l("Organisations"),
    SearchKind.PERSON: _l("People"),
    SearchKind.MEETING: _l("Meetings"),
    SearchKind.FOLLOW_UP: _l("Follow-up actions"),
    SearchKind.ACTION_LINE: _l("Action lines"),
    SearchKind.ACTIVITY: _l("Activities"),
    SearchKind.REPORT: _l("Issued reports"),
}


class SearchEntry(Model):
    """A record as search finds it: its words folded (``app.search.folding``), its public and restricted text apart.

    Written only by ``app.search.index``; the database's own text indexes on it (FTS5 on SQLite, full-text and
    trigram GIN indexes on PostgreSQL) are made by the migration and named in ``app.search.schema``.
    """

    __tablename__ = "search_entries"
    __table_args__ = (
        sa.UniqueConstraint("kind", "record_id"),
        sa.CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),
        sa.CheckConstraint("is_restricted OR (restricted_text = '' AND restricted_title IS NULL)",
                           name="restricted_text_only_when_restricted"),
    )

    #: Made by ``app.search.keys``: it orders and filters the hits inside the text index.
    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
                                    autoincrement=False)
    kind: Mapped[SearchKind] = mapped_column(choice_column(SearchKind, "search_kind"))
    record_id: Mapped[int] = mapped_column()
    #: The partnership the record belongs to, for the partnership filter; NULL for people and organisations.
    partnership_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partnerships.id", ondelete="CASCADE"), index=True)
    #: The record's own dates, for the date filter: a meeting's days, a follow-up's due date, a report's window.
    starts_on: Mapped[date | None] = mapped_column(sa.Date)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    is_archived: Mapped[bool] = mapped_column(default=False)
    is_restricted: Mapped[bool] = mapped_column(default=False)
    #: What everyone sees as the result's heading ("Restricted follow-up action" for a restricted follow-up).
    title: Mapped[str] = mapped_column(sa.String(400))
    #: The heading editors and admins see in its place, when the real one is restricted.
    restricted_title: Mapped[str | None] = mapped_column(sa.String(400))
    #: The slug a partnership's page is reached by; the other pages go by ``record_id``.
    slug: Mapped[str | None] = mapped_column(sa.String(80))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    #: Searched and shown only for readers of restricted notes (``app.common.restricted``).
    restricted_text: Mapped[str] = mapped_column(sa.Text, default="")
    folded_title: Mapped[str] = mapped_column(sa.Text, default="")
    folded_text: Mapped[str] = mapped_column(sa.Text, default="")
    #: The restricted heading, folded: ranked as a heading for those who may read it.
    folded_restricted_title: Mapped[str] = mapped_column(sa.Text, default="")
    folded_restricted: Mapped[str] = mapped_column(sa.Text, default="")
