"""SQL per page, counted in-process with Flask's test client on the same database; and the floor under each
report: the very statements its request ran, replayed on a bare database connection with no ORM, no Flask and
no template."""

from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask

from app.extensions import db
from benchmarks.browser import csrf_token
from benchmarks.pages import Page, answered_as_expected


class WrongAnswer(Exception):
    """The in-process request did not answer as expected: its statements are not those of the page."""


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: object
    many: bool


@contextmanager
def recording(app: Flask):
    """The statements run inside the block, with the parameters the database driver was given."""
    statements: list[Statement] = []

    def record(_connection, _cursor, sql, parameters, _context, many):
        statements.append(Statement(sql, parameters, many))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


class InProcess:
    """The app in this process, signed in through the real form with the test client."""

    def __init__(self, app: Flask, email: str, password: str, api_token: str | None = None):
        self.app, self.api_token = app, api_token
        self.client = app.test_client()
        token = csrf_token(self.client.get("/sign-in").data)
        answer = self.client.post("/sign-in", data={"csrf_token": token, "email": email, "password": password})
        if answer.status_code != 302:
            raise SystemExit(f"Signing in in-process failed: HTTP {answer.status_code}")
        self.token = csrf_token(self.client.get("/meetings/new").data)

    def fetch(self, page: Page):
        if page.is_api:
            # A client of its own: the session cookie of this one must not travel with the token.
            return self.app.test_client().get(page.path, headers={"Authorization": f"Bearer {self.api_token}"})
        if page.form is None:
            return self.client.get(page.path)
        return self.client.post(page.path, data={**page.form, "csrf_token": self.token})

    def statements(self, page: Page) -> list[Statement]:
        """What one request of ``page`` runs, after a first request has warmed every cache."""
        self.fetch(page)
        with recording(self.app) as statements:
            answer = self.fetch(page)
        if not answered_as_expected(page, answer.status_code, answer.headers.get("Location", "")):
            raise WrongAnswer(f"HTTP {answer.status_code} in-process")
        return statements


def replay(app: Flask, statements: list[Statement], repeat: int) -> float:
    """Median seconds to run ``statements`` one after another on a raw DBAPI connection, reading every row;
    in a transaction rolled back each time, so a write among them (a session touch) leaves nothing behind."""
    with app.app_context():
        connection = db.engine.raw_connection()
    times = []
    try:
        for _ in range(repeat + 1):
            started = time.perf_counter()
            cursor = connection.cursor()
            for statement in statements:
                if statement.many:
                    cursor.executemany(statement.sql, statement.parameters)
                else:
                    cursor.execute(statement.sql, statement.parameters)
                if cursor.description is not None:
                    cursor.fetchall()
            cursor.close()
            times.append(time.perf_counter() - started)
            connection.rollback()
    finally:
        connection.close()
    return statistics.median(times[1:])  # the first run fills the database's caches
