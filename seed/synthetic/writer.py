"""Bulk inserts for the synthetic data: Core executemany in chunks, ids chosen here, sequences moved after."""

from collections.abc import Callable, Iterable
from itertools import islice

import sqlalchemy as sa

from app.extensions import db

#: Rows per executemany: large enough that per-statement cost vanishes, small enough to keep memory flat.
CHUNK = 5_000


class BulkWriter:
    """Writes rows straight into tables, bypassing the ORM: the only way to add a million rows in minutes.

    Ids are assigned here (after the largest id already present), so children can refer to parents without
    reading ids back; on PostgreSQL the id sequences are moved past them at the end.
    """

    def __init__(self, connection: sa.Connection, on_rows: Callable[[int], None] = lambda n: None):
        self.connection = connection
        self.on_rows = on_rows
        self.counts: dict[str, int] = {}
        self._next_id: dict[str, int] = {}

    def table(self, name: str) -> sa.Table:
        return db.metadata.tables[name]

    def next_id(self, name: str) -> int:
        """The next free id of a table; every call hands out a new one."""
        if name not in self._next_id:
            table = self.table(name)
            self._next_id[name] = (self.connection.scalar(sa.select(sa.func.max(table.c.id))) or 0) + 1
        value = self._next_id[name]
        self._next_id[name] = value + 1
        return value

    def insert(self, name: str, rows: Iterable[dict], *, counted: bool = True) -> None:
        statement = self.table(name).insert()
        iterator = iter(rows)
        while chunk := list(islice(iterator, CHUNK)):
            self.connection.execute(statement, chunk)
            self.counts[name] = self.counts.get(name, 0) + len(chunk)
            if counted:
                self.on_rows(len(chunk))

    def finish(self) -> None:
        """Refresh the planner's statistics for the new rows; on PostgreSQL move the id sequences past them."""
        self.connection.execute(sa.text("ANALYZE"))
        if self.connection.dialect.name != "postgresql":
            return
        for name in self._next_id:
            self.connection.execute(
                sa.text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
            )
