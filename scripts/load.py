#!/usr/bin/env python3
"""Load test: desk officers at once logging meetings, adding follow-ups and recording statuses through the real
forms (sign in, open the form for its CSRF token, post it), against gunicorn with 4 workers on a fresh database.
Afterwards every write that got a success response is looked for in the database, and every row the run wrote
is matched with a success response.

    .venv/bin/python scripts/load.py                                  # SQLite file in a temporary folder, 180 s
    .venv/bin/python scripts/load.py --seconds 60 \\
        --database-url postgresql://postgres@127.0.0.1:5432/tracker_load   # created, and dropped first with --recreate

Everything runs on the loopback interface and stops after --seconds. Exit code 0 when there were no errors and
no lost or unacknowledged writes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "load-test-password-1"
WRITE_KINDS = ("meeting", "follow-up", "status")
#: Messages in the server's log that name a failure worth counting on its own.
LOG_SIGNS = {
    "database is locked": "database is locked",
    "deadlock detected": "deadlock detected",
    "could not serialize": "serialization failure",
    "Traceback": "tracebacks in the server log",
}


# --- the database ------------------------------------------------------------------------------------------------

def fresh_database(url: str | None, recreate: bool, folder: Path) -> str:
    """The URL of a new, empty database: a SQLite file in ``folder``, or the PostgreSQL database named in ``url``
    (created; an existing one is dropped only with ``recreate``)."""
    if not url:
        return f"sqlite:///{folder / 'load.sqlite'}"
    import sqlalchemy as sa

    target = sa.make_url(url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://")
                         else url)
    if not target.drivername.startswith("postgresql"):
        sys.exit("--database-url must be a PostgreSQL URL (leave it out for SQLite)")
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database})
        if exists and not recreate:
            sys.exit(f"The database {target.database} exists: pass --recreate to drop it and start afresh, "
                     "or name another one")
        if exists:
            connection.execute(sa.text(f'DROP DATABASE "{target.database}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()
    return target.render_as_string(hide_password=False)


@dataclass
class Desk:
    """What the officers work on."""

    officers: list[str]
    partnerships: list[str]
    areas: list[int]


def prepare(url: str, users: int) -> Desk:
    """Migrate the new database, load the demo data and create the officers, as an administrator would."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.models import CooperationArea, Partnership, Plan
    from app.users.services import create_user
    from seed.loader import load_demo

    app = create_app("development", SQLALCHEMY_DATABASE_URI=url, DEBUG=False)
    with app.app_context():
        upgrade()
        load_demo()
        emails = [f"officer{n:02d}@load.example" for n in range(1, users + 1)]
        for email in emails:
            create_user(email=email, name=email.split("@")[0].title(), role="editor", password=PASSWORD)
        db.session.commit()
        today = date.today()
        areas = db.session.scalars(
            sa.select(CooperationArea.id).join(Plan)
            .where(Plan.starts_on <= today, Plan.ends_on >= today, CooperationArea.archived_at.is_(None),
                   Plan.archived_at.is_(None))
            .order_by(CooperationArea.id)
        ).all()
        partnerships = db.session.scalars(
            sa.select(Partnership.slug).where(Partnership.archived_at.is_(None)).order_by(Partnership.slug)
        ).all()
        db.engine.dispose()
    if not areas or not partnerships:
        sys.exit("The demo data has no partnership or cooperation area to work on")
    return Desk(officers=emails, partnerships=list(partnerships), areas=list(areas))


def written_rows(url: str, run: str) -> Counter:
    """{marker: rows} for every row this run wrote, found by the marker each write carries."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    pattern = f"{run}-%"
    found: Counter = Counter()
    with engine.connect() as connection:
        for table, column in (("meetings", "title"), ("follow_up_actions", "title"), ("status_updates", "note")):
            rows = connection.execute(
                sa.text(f"SELECT {column} FROM {table} WHERE {column} LIKE :pattern"), {"pattern": pattern}
            )
            found.update(value for (value,) in rows)
    engine.dispose()
    return found


# --- the server --------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the app from this checkout on the loopback interface."""

    def __init__(self, url: str, workers: int, log_path: Path):
        self.url, self.workers, self.log_path = url, workers, log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ, "DATABASE_URL": url, "APP_CONFIG": "development", "FLASK_DEBUG": "0",
            "SECRET_KEY": secrets.token_hex(32), "PYTHONPATH": str(ROOT),
        }

    def start(self) -> None:
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "30", "--graceful-timeout", "5", "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped while starting; see {self.log_path}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/sign-in")
                if connection.getresponse().status == 200 and len(self.worker_pids()) >= self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"gunicorn did not answer within 60 s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def kill(self) -> list[int]:
        """SIGKILL the master and every worker at once, as a power cut or the OOM killer would."""
        pids = [self.process.pid, *self.worker_pids()]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        for pid in pids[1:]:
            while Path(f"/proc/{pid}").exists() and "Z" not in _state(pid):
                time.sleep(0.05)
        return pids

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


# --- an officer at a browser -------------------------------------------------------------------------------------

class FormReader(HTMLParser):
    """What a browser would send for each form on a page, before anyone changes a field."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._fields = []
            self.forms.append((attrs.get("action") or "", self._fields))
        elif self._fields is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "image", "file"):
                self._fields.append((attrs["name"], attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and attrs.get("name"):
            self._select = (attrs["name"], [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea, self._text = attrs["name"], ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [value for value, _ in options[:1]]
            self._fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            self._fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def form_on(page: str, action: str) -> dict[str, str | list[str]]:
    """The fields of the page's form that posts to ``action``; a name sent more than once maps to a list."""
    reader = FormReader()
    reader.feed(page)
    for form_action, fields in reader.forms:
        if form_action in ("", action) or urlsplit(form_action).path == urlsplit(action).path:
            values: dict[str, str | list[str]] = {}
            for name, value in fields:
                if name in values:
                    previous = values[name]
                    values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
                else:
                    values[name] = value
            return values
    raise LookupError(f"no form posting to {action} on the page")


def options_of(page: str, name: str) -> list[str]:
    """The values a radio group or select offers (besides the blank one)."""
    values = re.findall(rf'name="{re.escape(name)}"[^>]*?value="([^"]*)"', page)
    values += re.findall(rf'<select[^>]*name="{re.escape(name)}".*?</select>', page, re.S)
    options = []
    for value in values:
        if value.startswith("<select"):
            options += re.findall(r'<option[^>]*value="([^"]+)"', value)
        elif value:
            options.append(value)
    return options


class Failure(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class Browser:
    """One person's cookies and requests; gunicorn's sync workers close each connection, so each request opens one."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except ConnectionRefusedError:
            raise Failure("server down (connection refused)") from None
        except (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead, BrokenPipeError):
            raise Failure("connection dropped mid-request") from None
        except TimeoutError:
            raise Failure("no answer within 60 s") from None
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or "expires=thu, 01 jan 1970" in header.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, dict(response.headers), text

    def page(self, path: str) -> str:
        status, headers, text = self.request("GET", path)
        if status in (301, 302, 303) and "/sign-in" in headers.get("Location", ""):
            raise Failure("signed out")
        if status != 200:
            raise Failure(f"HTTP {status} opening a form")
        return text

    def submit(self, path: str, fields: dict, expect: str) -> str:
        """Post a form; the address the success redirect leads to, else Failure naming what went wrong."""
        status, headers, text = self.request("POST", path, fields)
        location = headers.get("Location", "")
        if status in (302, 303) and re.search(expect, location):
            return location
        if status == 200:
            message = re.search(r'<a href="#[^"]*">([^<]+)</a>', text.split("error-summary", 1)[-1])
            raise Failure(f"form refused: {message.group(1).strip() if message else 'no message'}")
        detail = " (server error)" if status >= 500 else f" to {location}" if location else ""
        raise Failure(f"HTTP {status}{detail}")

    def sign_in(self, email: str) -> None:
        page = self.page("/sign-in")
        fields = form_on(page, "/sign-in")
        fields.update(email=email, password=PASSWORD)
        self.submit("/sign-in", fields, expect=r"^(/|http://[^/]+/)($|\?)")


def date_fields(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


@dataclass
class Tally:
    """What every officer did, added up under a lock."""

    attempted: Counter = field(default_factory=Counter)
    succeeded: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    successes: set[str] = field(default_factory=set)
    reads: int = 0
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def attempt(self, kind: str) -> None:
        with self.lock:
            self.attempted[kind] += 1

    def success(self, kind: str, marker: str, seconds: float) -> None:
        with self.lock:
            self.succeeded[kind] += 1
            self.successes.add(marker)
            self.latencies.append(seconds)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1


class Officer(threading.Thread):
    """One desk officer: signs in, then until the deadline logs meetings, adds follow-ups and records statuses,
    now and then reading a list, with a short pause between actions as a person would."""

    def __init__(self, number: int, email: str, desk: Desk, run: str, port: int, deadline: float, tally: Tally,
                 seed: int):
        super().__init__(name=f"officer-{number:02d}", daemon=True)
        self.number, self.email, self.desk, self.run_id = number, email, desk, run
        self.browser = Browser(port)
        self.deadline, self.tally = deadline, tally
        self.random = random.Random(seed)
        self.sequence = 0

    def marker(self) -> str:
        self.sequence += 1
        return f"{self.run_id}-u{self.number:02d}-{self.sequence:05d}"

    def run(self) -> None:
        signed_in = False
        while time.monotonic() < self.deadline:
            try:
                if not signed_in:
                    self.browser.cookies.clear()
                    self.browser.sign_in(self.email)
                    signed_in = True
                kind = self.random.choice(WRITE_KINDS + ("read",))
                if kind == "read":
                    self.browser.page(self.random.choice(("/", "/meetings/", "/follow-ups/", "/partnerships/")))
                    with self.tally.lock:
                        self.tally.reads += 1
                else:
                    self.write(kind)
            except Failure as failure:
                self.tally.error(failure.kind)
                if failure.kind == "signed out":
                    signed_in = False
                elif failure.kind.startswith(("server down", "connection dropped")):
                    time.sleep(0.2)  # a person waits a moment and tries again
            time.sleep(self.random.uniform(0.0, 0.05))

    def write(self, kind: str) -> None:
        today = date.today()
        marker = self.marker()
        slug = self.random.choice(self.desk.partnerships)
        if kind == "meeting":
            path, expect = "/meetings/new", r"/meetings/\d+$"
            fields = form_on(self.browser.page(f"{path}?partnership={slug}&type=courtesy_call"), path)
            fields.update(title=marker, format="in_person", outcome_document="none", type="courtesy_call",
                          venue="ASEAN Secretariat, Jakarta", summary=f"Courtesy call logged by {self.email}",
                          **date_fields("held_on", today - timedelta(days=self.random.randint(0, 60))))
            fields.pop("action", None)
        elif kind == "follow-up":
            path, expect = "/follow-ups/new", r"/follow-ups/\d+$"
            fields = form_on(self.browser.page(f"{path}?partnership={slug}"), path)
            fields.update(title=marker, partner_office="Mission to ASEAN", owner_user_id="",
                          description="Agreed at the courtesy call",
                          **date_fields("due_on", today + timedelta(days=self.random.randint(1, 90))))
            fields.pop("action", None)
        else:
            area = self.random.choice(self.desk.areas)
            path, expect = f"/areas/{area}/status/new", rf"/areas/{area}($|[?#])"
            page = self.browser.page(path)
            fields = form_on(page, path)
            fields.update(status=self.random.choice(options_of(page, "status") or ["on_track"]), note=marker,
                          progress=str(self.random.randint(0, 100)), **date_fields("as_of", today))
        self.tally.attempt(kind)
        started = time.monotonic()
        self.browser.submit(path, fields, expect)
        self.tally.success(kind, marker, time.monotonic() - started)


# --- the run -----------------------------------------------------------------------------------------------------

@dataclass
class Outcome:
    database: str
    users: int
    seconds: float
    attempted: int
    succeeded: int
    errors: dict
    reads: int
    lost: list[str]
    unacknowledged: list[str]
    duplicated: list[str]
    server_log: dict
    p50_ms: float
    p95_ms: float
    extra: dict = field(default_factory=dict)
    #: Error kinds expected in this run (the crash test's dropped connections), reported but not held against it.
    expected_errors: tuple[str, ...] = ()
    #: Whether a row without a success response is expected (a write cut off after its commit by a crash).
    unacknowledged_expected: bool = False

    @property
    def unexpected_errors(self) -> dict:
        expected = self.expected_errors
        return {kind: n for kind, n in self.errors.items() if not (expected and kind.startswith(expected))}

    @property
    def clean(self) -> bool:
        return not (self.unexpected_errors or self.lost or self.duplicated
                    or (self.unacknowledged and not self.unacknowledged_expected)
                    or self.server_log.get("database is locked")
                    or not str(self.extra.get("integrity", "ok")).startswith("ok"))

    def report(self) -> str:
        lines = [
            f"database:              {self.database}",
            f"users:                 {self.users} for {self.seconds:.0f} s",
            f"writes attempted:      {self.attempted} ({self.attempted / max(self.seconds, 1):.1f}/s), "
            f"plus {self.reads} page reads",
            f"writes succeeded:      {self.succeeded}",
            f"write time:            median {self.p50_ms:.0f} ms, 95th percentile {self.p95_ms:.0f} ms",
            f"errors:                {sum(self.errors.values())}"
            + (f", {sum(self.unexpected_errors.values())} not caused by the kill" if self.expected_errors else "")
            + "".join(f"\n    {count:6d}  {kind}" for kind, count in sorted(self.errors.items(), key=lambda e: -e[1])),
            "server log:            " + (", ".join(f"{kind}: {n}" for kind, n in self.server_log.items()) or "clean"),
            f"lost writes:           {len(self.lost)} (success response, row not in the database)"
            + (f" e.g. {self.lost[:5]}" if self.lost else ""),
            f"unacknowledged writes: {len(self.unacknowledged)} (row in the database, no success response"
            + ("; allowed when cut off by the kill)" if self.unacknowledged_expected else ")")
            + (f" e.g. {self.unacknowledged[:5]}" if self.unacknowledged else ""),
            f"duplicated writes:     {len(self.duplicated)}",
        ]
        lines += [f"{key + ':':22} {value}" for key, value in self.extra.items()]
        return "\n".join(lines)


def scan_log(path: Path) -> dict:
    text = path.read_text(errors="replace") if path.exists() else ""
    return {label: text.count(sign) for sign, label in LOG_SIGNS.items() if text.count(sign)}


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def arguments(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=180, help="how long the load runs (default 180)")
    parser.add_argument("--users", type=int, default=20, help="concurrent officers (default 20)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--database-url", help="a PostgreSQL database to create for the run (default: SQLite)")
    parser.add_argument("--recreate", action="store_true", help="drop the PostgreSQL database first if it exists")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the officers' choices")
    return parser


def run_load(args, *, during=None) -> tuple[Outcome, str, Server]:
    """Prepare, serve, load for ``args.seconds`` (calling ``during(server, elapsed)`` every 0.5 s), verify."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-load-"))
    url = fresh_database(args.database_url, args.recreate, folder)
    print(f"Preparing {url.split('@')[-1]} in {folder} ...", flush=True)
    desk = prepare(url, args.users)
    server = Server(url, args.workers, folder / "gunicorn.log")
    server.start()
    print(f"gunicorn on 127.0.0.1:{server.port}, {args.workers} workers; {args.users} officers for "
          f"{args.seconds} s ...", flush=True)
    run = f"load{secrets.token_hex(3)}"
    tally = Tally()
    started = time.monotonic()
    deadline = started + args.seconds
    officers = [Officer(n, email, desk, run, server.port, deadline, tally, seed=args.seed * 1000 + n)
                for n, email in enumerate(desk.officers, 1)]
    try:
        for officer in officers:
            officer.start()
        while any(officer.is_alive() for officer in officers):
            time.sleep(0.5)
            if during:
                during(server, time.monotonic() - started)
        for officer in officers:
            officer.join()
    finally:
        server.stop()
    elapsed = time.monotonic() - started
    stored = written_rows(url, run)
    outcome = Outcome(
        database="PostgreSQL" if url.startswith("postgresql") else "SQLite",
        users=args.users, seconds=elapsed,
        attempted=sum(tally.attempted.values()), succeeded=sum(tally.succeeded.values()),
        errors=dict(tally.errors), reads=tally.reads,
        lost=sorted(tally.successes - set(stored)),
        unacknowledged=sorted(set(stored) - tally.successes),
        duplicated=sorted(marker for marker, rows in stored.items() if rows > 1),
        server_log=scan_log(server.log_path),
        p50_ms=percentile(tally.latencies, 0.5), p95_ms=percentile(tally.latencies, 0.95),
        extra={"rows written": sum(stored.values()), "server log file": str(server.log_path)},
    )
    return outcome, url, server


def finish(outcome: Outcome, args) -> int:
    print(outcome.report())
    if args.json:
        figures = {**outcome.__dict__, "unexpected_errors": outcome.unexpected_errors, "clean": outcome.clean}
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    print("RESULT:", "clean" if outcome.clean else "PROBLEMS FOUND")
    return 0 if outcome.clean else 1


def main() -> int:
    args = arguments(__doc__).parse_args()
    outcome, _url, _server = run_load(args)
    return finish(outcome, args)


if __name__ == "__main__":
    sys.exit(main())
