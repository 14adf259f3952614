"""The desk officers of a run, each a thread at a browser, and the tally of what they did."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from loadtest.browser import Browser, Failure, date_fields, form_on, options_of
from loadtest.database import Desk

WRITE_KINDS = ("meeting", "follow-up", "status")


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
