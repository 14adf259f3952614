"""The figures of a run: what was attempted, what succeeded, errors by kind, lost and unacknowledged writes, and the
server log's signs of trouble."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: Messages in the server's log that name a failure worth counting on its own.
LOG_SIGNS = {
    "database is locked": "database is locked",
    "deadlock detected": "deadlock detected",
    "could not serialize": "serialization failure",
    "Traceback": "tracebacks in the server log",
}


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
