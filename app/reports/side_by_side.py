"""The period report's statements that do not wait for one another, run side by side on connections of their own.

Built one after the other, a report keeps the database and Python taking turns: the database counts while Python
waits, then Python turns rows into figures while the database waits. A request that only reads on PostgreSQL already
runs each statement on a snapshot of its own (``app.database``), so running some of them on other connections of the
same pool shows nothing a page could not have seen, and lets the database count the next figures while Python
builds the last. Elsewhere (SQLite, a request that saves, a command such as ``flask report period``) the work is done
at once, in order, on the session's own connection, as before.

The work handed over must need nothing of the request but its statements, run through ``period_data.run``: no
words to translate (they depend on the reader), no session, no ``current_user``. Its rows come back as they would
have on the session's connection.
"""

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, ParamSpec, Protocol, TypeVar

import sqlalchemy as sa
from flask import has_request_context

from app.database import READS_ONLY
from app.extensions import db

P = ParamSpec("P")
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: Connections a report takes beside the request's own. Python's side of a report outweighs the database's, and
#: Python runs one thread at a time: two keep the database busy while it works, more would only queue.
SIDE_CONNECTIONS = 2

_own_connection: ContextVar[sa.Connection | None] = ContextVar("report_side_connection", default=None)
_workers: dict[int, ThreadPoolExecutor] = {}
_starting = threading.Lock()


def side_connection() -> sa.Connection | None:
    """The connection the work running here was given, if it is running side by side."""
    return _own_connection.get()


class Later(Protocol[T_co]):
    """What a piece of work gives, when it is needed: waited for if it is still being worked out."""

    def result(self) -> T_co: ...


class _Done(Generic[T]):
    """Work done at once."""

    def __init__(self, value: T):
        self.value = value

    def result(self) -> T:
        return self.value


def start(work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Later[T]:
    """``work(*args, **kwargs)``, begun on a connection of its own where the request allows (see above), else done
    now."""
    engine = _side_engine()
    if engine is None:
        return _Done(work(*args, **kwargs))

    def on_own_connection() -> T:
        with engine.connect() as connection, _given(connection):
            return work(*args, **kwargs)

    return _worker().submit(on_own_connection)


def _side_engine() -> sa.Engine | None:
    """The engine of the request's reading statements, when they may run on several connections at once."""
    if not has_request_context() or side_connection() is not None:
        return None
    bind = db.session.get_bind()
    if not isinstance(bind, sa.Engine) or bind.dialect.name != "postgresql":
        return None
    # Only a reading request's engine runs each statement on its own snapshot (see ``app.database``).
    if not bind.get_execution_options().get(READS_ONLY):
        return None
    # A server running many requests at once on threads may have taken most of the pool: the work handed over would
    # wait for a connection held by requests waiting for it. Then the request does its work itself.
    pool = bind.pool
    if isinstance(pool, sa.QueuePool) and pool.checkedout() + SIDE_CONNECTIONS > pool.size():
        return None
    return bind


@contextmanager
def _given(connection: sa.Connection) -> Iterator[None]:
    token = _own_connection.set(connection)
    try:
        yield
    finally:
        _own_connection.reset(token)


def _worker() -> ThreadPoolExecutor:
    """This process's threads: a server that forks its workers after loading the app gives each its own."""
    with _starting:
        worker = _workers.get(os.getpid())
        if worker is None:
            worker = _workers[os.getpid()] = ThreadPoolExecutor(SIDE_CONNECTIONS,
                                                                thread_name_prefix="report-statements")
        return worker
