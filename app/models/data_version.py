from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model


class DataVersion(Model):
    """One counter, moved on by every transaction that saves something, as part of its commit.

    Server processes keep figures worked out from the data (a list's number of pages, the home page's signals)
    while this counter stays where it was. A row updated in the committing transaction is seen by others exactly
    when the rest of that transaction is: an id handed out earlier, at flush, by a transaction that commits later
    would not tell them.
    """

    __tablename__ = "data_version"
    __table_args__ = (sa.CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    counter: Mapped[int] = mapped_column(sa.BigInteger, default=0, server_default="0")
