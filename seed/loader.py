"""Load the demo data in ``seed/demo/*.toml`` through the services, so it obeys the rules the forms obey.

Every record is looked up first by its natural key (an organisation's name, a partnership's slug, a plan's
label, a meeting's number or date, ...) and created only when missing, so running the loader again adds
nothing. The loader flushes and never commits: ``flask seed demo`` commits once at the end.
"""

import secrets
import tomllib
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from app.areas.services import add_action_line, add_area, record_status
from app.common.errors import DomainError
from app.extensions import db
from app.follow_ups.services import create_follow_up
from app.meetings.services import add_participant, log_meeting
from app.models import (
    ActionLine,
    CooperationArea,
    FollowUpAction,
    Meeting,
    MeetingParticipant,
    MeetingType,
    Organisation,
    Partnership,
    PartnershipEvent,
    Person,
    Pillar,
    Plan,
    PlanExtension,
    Position,
    StatusUpdate,
    User,
)
from app.organisations.services import save_organisation
from app.partnerships.services import create_partnership, record_partnership_event
from app.people.services import add_position, create_person
from app.plans.services import add_pillar, create_plan, extend_plan
from app.users.services import create_user

DEMO_DIR = Path(__file__).resolve().parent / "demo"
#: Loaded in this order: people refer to organisations, partnerships to all three.
COMMON_FILES = ("organisations.toml", "users.toml", "people.toml")
PARTNERSHIP_FILES = ("asean-pakistan.toml", "asean-norway.toml", "asean-uae.toml", "asean-india.toml")

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
}

#: Keys that document where a block comes from; they are for readers of the files, not data.
NOTE_KEYS = frozenset({"source", "demo"})

Record = TypeVar("Record")


class SeedDataError(Exception):
    """The demo files are inconsistent, or a service refused a record: names the file and the record."""


def load_demo(directory: Path = DEMO_DIR) -> str:
    """Load every demo file that is not loaded yet; returns a one-line summary. Flushes, never commits."""
    loader = _Loader(directory)
    loader.load_file("organisations.toml", loader.load_organisations)
    loader.load_file("users.toml", loader.load_users)
    loader.load_file("people.toml", loader.load_people)
    for name in PARTNERSHIP_FILES:
        loader.load_file(name, loader.load_partnership)
    return loader.summary()


def _fields(block: dict, where: str, *, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> dict:
    """The data keys of ``block``; a missing required key or an unknown key (a typo) stops the load."""
    unknown = set(block) - set(required) - set(optional) - NOTE_KEYS
    if unknown:
        raise SeedDataError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    missing = [key for key in required if key not in block]
    if missing:
        raise SeedDataError(f"{where}: missing key(s) {', '.join(missing)}")
    return {key: block.get(key) for key in (*required, *optional)}


class _Loader:
    def __init__(self, directory: Path):
        self.directory = directory
        self.total: Counter[str] = Counter()
        self.added: Counter[str] = Counter()
        self.organisations: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.people: dict[str, Person] = {}

    # -- plumbing -------------------------------------------------------------------------------------------

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

    # -- organisations, users, people -----------------------------------------------------------------------

    def load_organisations(self, data: dict[str, Any]) -> None:
        for block in data.get("organisation", []):
            where = f"organisation {block.get('name')}"
            values = _fields(block, where, required=("name", "short_name", "kind"), optional=("iso_code",))
            existing = db.session.scalar(sa.select(Organisation).where(Organisation.name == values["name"]))
            self.organisations[values["name"]] = self.ensure(
                "organisation", where, existing, lambda v=values: save_organisation(None, **v)
            )

    def load_users(self, data: dict[str, Any]) -> None:
        for block in data.get("user", []):
            where = f"user {block.get('email')}"
            values = _fields(block, where, required=("email", "name", "role"))
            email = values["email"].lower()
            existing = db.session.scalar(sa.select(User).where(User.email == email))
            # Demo desk officers are authors and owners only: nobody knows their password.
            self.users[email] = self.ensure(
                "user", where, existing,
                lambda v=values: create_user(**v, password=secrets.token_urlsafe(24)),
            )

    def load_people(self, data: dict[str, Any]) -> None:
        for block in data.get("person", []):
            where = f"person {block.get('full_name')}"
            values = _fields(
                block, where, required=("full_name",), optional=("honorific", "email", "notes", "position")
            )
            positions = values.pop("position") or []
            existing = db.session.scalar(
                sa.select(Person).where(Person.full_name == values["full_name"]).order_by(Person.id).limit(1)
            )
            person = self.ensure("person", where, existing, lambda v=values: create_person(**v))
            self.people[person.full_name] = person
            for post in positions:
                self.load_position(person, post, where)

    def load_position(self, person: Person, block: dict, owner: str) -> Position:
        where = f"{owner}, position {block.get('title') or 'without a title'}"
        values = _fields(
            block, where, required=("organisation", "title"), optional=("starts_on", "ends_on")
        )
        organisation = self.organisation(values.pop("organisation"), where)
        existing = db.session.scalar(
            sa.select(Position).where(
                Position.person_id == person.id,
                Position.organisation_id == organisation.id,
                Position.title == values["title"],
            )
        )
        return self.ensure(
            "position", where, existing, lambda: add_position(person, organisation=organisation, **values)
        )

    # -- one partnership file -------------------------------------------------------------------------------

    def load_partnership(self, data: dict[str, Any]) -> None:
        unknown = set(data) - {"partnership", "event", "plan", "meeting", "follow_up", "status_review"}
        if unknown:
            raise SeedDataError(f"unknown section(s) {', '.join(sorted(unknown))}")
        _PartnershipLoader(self, data).load()


class _PartnershipLoader:
    """One partnership file: the partnership, its history, plans, meetings, follow-ups and status reviews."""

    def __init__(self, loader: _Loader, data: dict[str, Any]):
        self.loader = loader
        self.data = data
        self.plans: dict[str, Plan] = {}
        self.areas: dict[tuple[str, str], CooperationArea] = {}
        self.lines: dict[tuple[str, str], ActionLine] = {}
        self.meetings: dict[tuple[str, object], Meeting] = {}
        self.partnership: Partnership

    def load(self) -> None:
        self.load_partnership()
        for block in self.data.get("event", []):
            self.load_event(block)
        for block in self.data.get("plan", []):
            self.load_plan(block)
        for block in self.data.get("meeting", []):
            self.load_meeting(block)
        for block in self.data.get("follow_up", []):
            self.load_follow_up(block)
        for block in self.data.get("status_review", []):
            self.load_status_review(block)

    def fail(self, where: str, message: str) -> SeedDataError:
        return SeedDataError(f"{where}: {message}")

    def load_partnership(self) -> None:
        block = self.data.get("partnership")
        if block is None:
            raise self.fail("[partnership]", "missing")
        values = _fields(block, "[partnership]", required=("organisation", "partner", "slug"), optional=("notes",))
        where = f"partnership {values['slug']}"
        organisation = self.loader.organisation(values.pop("organisation"), where)
        partner = self.loader.organisation(values.pop("partner"), where)
        existing = db.session.scalar(sa.select(Partnership).where(Partnership.slug == values["slug"]))
        self.partnership = self.loader.ensure(
            "partnership", where, existing,
            lambda: create_partnership(organisation=organisation, partner=partner, **values),
        )

    def load_event(self, block: dict) -> None:
        where = f"event of {block.get('occurred_on')}"
        values = _fields(
            block, where, required=("occurred_on", "kind", "status"), optional=("level", "description")
        )
        existing = db.session.scalar(
            sa.select(PartnershipEvent).where(
                PartnershipEvent.partnership_id == self.partnership.id,
                PartnershipEvent.occurred_on == values["occurred_on"],
                PartnershipEvent.kind == values["kind"],
            )
        )
        self.loader.ensure(
            "event", where, existing, lambda: record_partnership_event(self.partnership, **values)
        )

    # -- plans ----------------------------------------------------------------------------------------------

    def load_plan(self, block: dict) -> None:
        where = f"plan {block.get('label')}"
        values = _fields(
            block, where,
            required=("label", "kind", "title", "starts_on", "ends_on", "pillars"),
            optional=("adopted_on", "state", "supersedes", "extension", "area"),
        )
        pillars, extensions, areas = values.pop("pillars"), values.pop("extension") or [], values.pop("area") or []
        label = values["label"]
        if values["supersedes"] is not None:
            if values["supersedes"] not in self.plans:
                raise self.fail(where, f"supersedes {values['supersedes']}, which is not an earlier plan in the file")
            values["supersedes"] = self.plans[values["supersedes"]]
        values["state"] = values["state"] or "draft"
        existing = db.session.scalar(
            sa.select(Plan).where(Plan.partnership_id == self.partnership.id, Plan.label == label)
        )
        plan = self.loader.ensure("plan", where, existing, lambda: create_plan(self.partnership, **values))
        self.plans[label] = plan

        for extension in extensions:
            self.load_extension(plan, extension, where)
        by_name = {}
        for position, name in enumerate(pillars, start=1):
            existing = db.session.scalar(sa.select(Pillar).where(Pillar.plan_id == plan.id, Pillar.name == name))
            by_name[name] = self.loader.ensure(
                "pillar", f"{where}, pillar {name}", existing,
                lambda n=name, p=position: add_pillar(plan, name=n, position=p),
            )
        for area in areas:
            self.load_area(plan, by_name, area, where)

    def load_extension(self, plan: Plan, block: dict, owner: str) -> None:
        where = f"{owner}, extension to {block.get('new_ends_on')}"
        values = _fields(block, where, required=("new_ends_on", "decided_on", "decision"))
        existing = db.session.scalar(
            sa.select(PlanExtension).where(
                PlanExtension.plan_id == plan.id, PlanExtension.new_ends_on == values["new_ends_on"]
            )
        )
        self.loader.ensure("extension", where, existing, lambda: extend_plan(plan, **values))

    def load_area(self, plan: Plan, pillars: dict[str, Pillar], block: dict, owner: str) -> None:
        where = f"{owner}, area {block.get('code')}"
        values = _fields(
            block, where, required=("pillar", "code", "name"),
            optional=("focal_point", "description", "action_lines"),
        )
        lines = values.pop("action_lines") or []
        pillar_name = values.pop("pillar")
        if pillar_name not in pillars:
            raise self.fail(where, f"pillar {pillar_name} is not one of the plan's pillars")
        existing = db.session.scalar(
            sa.select(CooperationArea).where(
                CooperationArea.plan_id == plan.id, CooperationArea.code == values["code"]
            )
        )
        area = self.loader.ensure(
            "area", where, existing, lambda: add_area(plan, pillar=pillars[pillar_name], **values)
        )
        self.areas[(plan.label, area.code)] = area
        for line in lines:
            line_where = f"{where}, action line {line.get('code')}"
            line_values = _fields(line, line_where, required=("code", "text"))
            existing = db.session.scalar(
                sa.select(ActionLine).where(ActionLine.area_id == area.id, ActionLine.code == line_values["code"])
            )
            action_line = self.loader.ensure(
                "action_line", line_where, existing, lambda v=line_values: add_action_line(area, **v)
            )
            key = (plan.label, action_line.code)
            if key in self.lines:
                raise self.fail(line_where, "action line codes must be unique within a plan in the demo files")
            self.lines[key] = action_line

    def area(self, plan_label: str | None, code: str, where: str) -> CooperationArea:
        try:
            return self.areas[(plan_label, code)]
        except KeyError:
            raise self.fail(where, f"no area {code} in the plan {plan_label}") from None

    def line(self, plan_label: str, code: str, where: str) -> ActionLine:
        try:
            return self.lines[(plan_label, code)]
        except KeyError:
            raise self.fail(where, f"no action line {code} in the plan {plan_label}") from None

    # -- meetings -------------------------------------------------------------------------------------------

    @staticmethod
    def meeting_key(type: str, number: int | None, held_on: date | None) -> tuple[str, object]:
        # Committee meetings are known by their number (the 6th JSCC has no date); the others by their date.
        return (type, number) if MeetingType(type).is_committee else (type, held_on)

    def load_meeting(self, block: dict) -> None:
        where = f"meeting {block.get('type')} {block.get('number') or block.get('held_on')}"
        values = _fields(
            block, where, required=("type",),
            optional=(
                "number", "held_on", "title", "starts_at", "ends_on", "venue", "format", "summary", "asks",
                "commitments", "outcome_document", "outcome_reference", "plan", "areas", "participants",
            ),
        )
        participants = values.pop("participants") or []
        plan_label = values.pop("plan")
        values["areas"] = [self.area(plan_label, code, where) for code in values["areas"] or []]
        values["format"] = values["format"] or "in_person"
        values["outcome_document"] = values["outcome_document"] or "none"
        key = self.meeting_key(values["type"], values["number"], values["held_on"])
        query = sa.select(Meeting).where(Meeting.partnership_id == self.partnership.id, Meeting.type == key[0])
        if MeetingType(key[0]).is_committee:
            query = query.where(Meeting.number == key[1])
        else:
            query = query.where(Meeting.held_on == key[1])
        existing = db.session.scalar(query.order_by(Meeting.id).limit(1))
        meeting = self.loader.ensure("meeting", where, existing, lambda: log_meeting(self.partnership, **values))
        self.meetings[key] = meeting
        for participant in participants:
            self.load_participant(meeting, participant, where)

    def load_participant(self, meeting: Meeting, block: dict, owner: str) -> None:
        where = f"{owner}, participant {block.get('person') or block.get('organisation')}"
        values = _fields(block, where, required=("side", "role"), optional=("person", "organisation"))
        query = sa.select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
        if values["person"] is not None:
            values["person"] = self.loader.person(values["person"], where)
            query = query.where(MeetingParticipant.person_id == values["person"].id)
        elif values["organisation"] is not None:
            values["organisation"] = self.loader.organisation(values["organisation"], where)
            query = query.where(
                MeetingParticipant.person_id.is_(None),
                MeetingParticipant.organisation_id == values["organisation"].id,
            )
        else:
            raise self.fail(where, "name a person or an organisation")
        existing = db.session.scalar(query.limit(1))
        self.loader.ensure("participant", where, existing, lambda: add_participant(meeting, **values))

    # -- follow-ups and status updates ----------------------------------------------------------------------

    def load_follow_up(self, block: dict) -> None:
        where = f"follow-up {block.get('title')!r}"
        values = _fields(
            block, where, required=("title",),
            optional=(
                "description", "meeting", "plan", "area", "owner", "partner_person", "partner_office", "opened_on",
                "due_on", "status", "completed_on", "cancelled_on",
            ),
        )
        plan_label, area_code, owner = values.pop("plan"), values.pop("area"), values.pop("owner")
        values["area"] = self.area(plan_label, area_code, where) if area_code else None
        values["owner_user"] = self.loader.user(owner, where) if owner else None
        if values["partner_person"] is not None:
            values["partner_person"] = self.loader.person(values["partner_person"], where)
        if values["meeting"] is not None:
            reference = values["meeting"]
            key = self.meeting_key(reference.get("type"), reference.get("number"), reference.get("held_on"))
            if key not in self.meetings:
                raise self.fail(where, f"no meeting {reference} in the file")
            values["meeting"] = self.meetings[key]
        values["status"] = values["status"] or "open"
        existing = db.session.scalar(
            sa.select(FollowUpAction).where(
                FollowUpAction.partnership_id == self.partnership.id, FollowUpAction.title == values["title"]
            )
        )
        self.loader.ensure("follow_up", where, existing, lambda: create_follow_up(self.partnership, **values))

    def load_status_review(self, block: dict) -> None:
        where = f"status review of {block.get('plan')} as of {block.get('as_of')}"
        review = _fields(block, where, required=("plan", "as_of", "author", "updates"))
        author = self.loader.user(review["author"], where)
        for update in review["updates"]:
            subject = update.get("area") or update.get("line")
            update_where = f"{where}, {subject}"
            values = _fields(
                update, update_where, required=("status", "note"), optional=("area", "line", "progress", "as_of")
            )
            values["as_of"] = values["as_of"] or review["as_of"]
            area_code, line_code = values.pop("area"), values.pop("line")
            if (area_code is None) == (line_code is None):
                raise self.fail(update_where, "give exactly one of area and line")
            if area_code is not None:
                target = {"area": self.area(review["plan"], area_code, update_where)}
                column = StatusUpdate.area_id == target["area"].id
            else:
                target = {"action_line": self.line(review["plan"], line_code, update_where)}
                column = StatusUpdate.action_line_id == target["action_line"].id
            existing = db.session.scalar(
                sa.select(StatusUpdate).where(
                    column, StatusUpdate.as_of == values["as_of"], StatusUpdate.status == values["status"]
                ).limit(1)
            )
            self.loader.ensure(
                "status_update", update_where, existing,
                lambda t=target, v=values: record_status(author, **t, **v),
            )
