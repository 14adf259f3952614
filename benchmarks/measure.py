"""Timing pages over real HTTP: one client, then several at once, each on its own connection."""

from __future__ import annotations

import http.client
import math
import statistics
import threading
from collections import Counter
from dataclasses import dataclass, field

from benchmarks.browser import Browser, Session, refusal
from benchmarks.pages import Page, answered_as_expected


@dataclass
class Timing:
    clients: int
    seconds: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.seconds) + sum(self.errors.values())

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def p95(self) -> float | None:
        """Nearest rank: the time 95 % of the answers came within."""
        if not self.seconds:
            return None
        ordered = sorted(self.seconds)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def bytes(self) -> int | None:
        return int(statistics.median(self.sizes)) if self.sizes else None

    def as_dict(self) -> dict:
        return {"clients": self.clients, "requests": self.requests, "median_s": self.median, "p95_s": self.p95,
                "bytes": self.bytes, "errors": sum(self.errors.values()), "error_kinds": dict(self.errors)}


def form_with_token(page: Page, session: Session | None) -> dict | None:
    if page.form is None:
        return None
    return {**page.form, "csrf_token": session.csrf_token} if session else page.form


def time_page(port: int, session: Session | None, page: Page, requests: int, clients: int) -> Timing:
    """``requests`` answers to ``page`` shared among ``clients`` threads that start together."""
    timing = Timing(clients)
    lock = threading.Lock()
    left = [requests]
    start = threading.Barrier(clients)
    form = form_with_token(page, session)

    def client() -> None:
        browser = session.browser(port, page.is_api) if session else Browser(port)
        try:
            start.wait()
            while True:
                with lock:
                    if left[0] == 0:
                        return
                    left[0] -= 1
                try:
                    answer = browser.request(page.method, page.path, form)
                except (OSError, http.client.HTTPException) as error:
                    with lock:
                        timing.errors[f"{type(error).__name__}"] += 1
                    continue
                with lock:
                    if answered_as_expected(page, answer.status, answer.location):
                        timing.seconds.append(answer.seconds)
                        timing.sizes.append(len(answer.body))
                    else:
                        timing.errors[describe(answer.status, answer.location, answer.body)] += 1
        finally:
            browser.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timing


def describe(status: int, location: str, body: bytes) -> str:
    if status in (301, 302, 303):
        return f"HTTP {status} to {location[:80]}"
    if status == 200:
        return f"HTTP 200 {refusal(body) or '(not the redirect expected)'}"
    return f"HTTP {status}"
