"""A step down that would destroy data says how much and stops, unless the person running it says to go ahead.

A downgrade that drops a table or a column throws away whatever it holds; the lower revision has nowhere to keep
it, and stepping up again brings back the structure, not the rows. So before it drops anything that can hold data,
a migration's ``downgrade()`` names what it would lose, and this module counts it and refuses with the counts.
The whole run is one transaction on both databases (see env.py), so a refusal leaves the revision and every row
as they were. ``flask db downgrade -x allow-data-loss=yes <revision>`` goes ahead.

In a new migration, first thing in ``downgrade()``::

    from migrations.data_loss import Held, refuse_to_lose

    def downgrade():
        refuse_to_lose(revision, Held("follow_up_state_entries", "follow-up state entries"))
        op.drop_table("follow_up_state_entries")

``Held(table, meaning)`` counts the rows of a table; for a column, ``Held("meetings", "restrictions on meetings",
column="is_restricted", where="is_restricted")`` counts the rows where it holds something (by default: not null).
``meaning`` says what is lost as a desk officer would.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from alembic import context, op
from alembic.util import CommandError

GO_AHEAD = "allow-data-loss"


@dataclass(frozen=True)
class Held:
    """Data a step down would destroy: the rows of ``table``, or for a dropped ``column`` the values it holds.

    ``where`` (SQL) picks the rows that would lose something, by default those where ``column`` is not null.
    """

    table: str
    meaning: str
    column: str | None = None
    where: str | None = None

    def count_query(self) -> sa.TextClause:
        where = self.where or (f"{self.column} IS NOT NULL" if self.column else None)
        return sa.text(f"SELECT count(*) FROM {self.table}" + (f" WHERE {where}" if where else ""))

    def place(self) -> str:
        return f"{self.table}.{self.column}" if self.column else self.table


class DataLossRefused(CommandError):
    """Flask-Migrate prints a ``CommandError`` as one line and exits with status 1, without a traceback."""


def loss_allowed() -> bool:
    return context.get_x_argument(as_dictionary=True).get(GO_AHEAD) == "yes"


def refuse_to_lose(revision: str, *held: Held) -> None:
    """Refuse to step down below ``revision`` if any of ``held`` has rows, unless allowed with ``-x``."""
    if loss_allowed():
        return
    go_ahead = f"run again with -x {GO_AHEAD}=yes to go ahead"
    if context.is_offline_mode():
        # A SQL script is written without a database to count in: it is written only when asked for knowingly.
        raise DataLossRefused(
            f"Stepping down below {revision} drops {', '.join(item.place() for item in held)}, whose rows cannot "
            f"be counted while writing SQL; {go_ahead}."
        )
    bind = op.get_bind()
    counted = [(item, bind.execute(item.count_query()).scalar_one()) for item in held]
    lost = [f"{item.meaning}: {count:,} {'row' if count == 1 else 'rows'} of {item.place()}"
            for item, count in counted if count]
    if lost:
        raise DataLossRefused(
            f"Stepping down below {revision} would delete {'; '.join(lost)}. Nothing was changed; {go_ahead}."
        )
