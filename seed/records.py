"""The demo loader's bookkeeping: which records each file names, which were there already and which it added,
and how a problem in a file is reported."""

import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from app.common.errors import DomainError
from app.models import Organisation, Person, User

#: What each kind of record is called in the summary line, in the order it is printed.
KINDS = {
    "organisation": ("organisation", "organisations"),
    "user": ("user", "users"),
    "person": ("person", "people"),
    "position": ("position", "positions"),
    "partnership": ("partnership", "partnerships"),
    "event": ("partnership event", "partnership events"),
    "plan": ("plan", "plans"),
    "extension": ("plan extension", "plan extensions"),
    "pillar": ("pillar", "pillars"),
    "area": ("cooperation area", "cooperation areas"),
    "action_line": ("action line", "action lines"),
    "meeting": ("meeting", "meetings"),
    "participant": ("participant", "participants"),
    "follow_up": ("follow-up", "follow-ups"),
    "status_update": ("status update", "status updates"),
    "activity": ("activity", "activities"),
    "report_remarks": ("report remark", "report remarks"),
}

#: Keys that document where a block comes from; they are for readers of the files, not data.
NOTE_KEYS = frozenset({"source", "demo"})

Record = TypeVar("Record")


class SeedDataError(Exception):
    """The demo files are inconsistent, or a service refused a record: names the file and the record."""


def fields_of(block: dict, where: str, *, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> dict:
    """The data keys of ``block``; a missing required key or an unknown key (a typo) stops the load."""
    unknown = set(block) - set(required) - set(optional) - NOTE_KEYS
    if unknown:
        raise SeedDataError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    missing = [key for key in required if key not in block]
    if missing:
        raise SeedDataError(f"{where}: missing key(s) {', '.join(missing)}")
    return {key: block.get(key) for key in (*required, *optional)}


class Registry:
    """The records loaded so far, by the names the files use for them, and what was counted and added."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.total: Counter[str] = Counter()
        self.added: Counter[str] = Counter()
        self.organisations: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.people: dict[str, Person] = {}

    def load_file(self, name: str, load: Callable[[dict[str, Any]], None]) -> None:
        """Read one file and load it; any problem is reported with the file's name in front."""
        try:
            with (self.directory / name).open("rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise SeedDataError(f"{name}: {error}") from error
        try:
            load(data)
        except SeedDataError as error:
            raise SeedDataError(f"{name}: {error}") from error.__cause__

    def ensure(self, kind: str, where: str, existing: Record | None, create: Callable[[], Record]) -> Record:
        """``existing``, or what ``create`` makes through a service; counts both for the summary."""
        self.total[kind] += 1
        if existing is not None:
            return existing
        try:
            record = create()
        except DomainError as error:
            raise SeedDataError(f"{where}: {error.message}") from error
        self.added[kind] += 1
        return record

    def organisation(self, name: str, where: str) -> Organisation:
        try:
            return self.organisations[name]
        except KeyError:
            raise SeedDataError(f"{where}: no organisation called {name} in organisations.toml") from None

    def person(self, full_name: str, where: str) -> Person:
        try:
            return self.people[full_name]
        except KeyError:
            raise SeedDataError(f"{where}: no person called {full_name} in people.toml") from None

    def user(self, email: str, where: str) -> User:
        try:
            return self.users[email.lower()]
        except KeyError:
            raise SeedDataError(f"{where}: no user {email} in users.toml") from None

    def summary(self) -> str:
        parts = []
        for kind, (singular, plural) in KINDS.items():
            count = self.total[kind]
            parts.append(f"{count} {singular if count == 1 else plural}")
        return f"Demo data: {', '.join(parts)} ({sum(self.added.values())} added on this run)"
