"""Load the demo data in ``seed/demo/*.toml`` through the services, so it obeys the rules the forms obey.

Every record is looked up first by its natural key (an organisation's name, a partnership's slug, a plan's
label, a meeting's number or date, ...) and created only when missing, so running the loader again adds
nothing. The loader flushes and never commits: ``flask seed demo`` commits once at the end.
"""

import secrets
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.auth.passwords import WeakPassword, check_new_password
from app.extensions import db
from app.models import Organisation, Person, Position, User
from app.organisations.details import OrganisationDetails
from app.organisations.services import save_organisation
from app.people.details import PersonDetails, PositionDetails
from app.people.services import add_position, create_person
from app.users.details import UserDetails
from app.users.services import create_user
from seed.partnership_file import PartnershipLoader
from seed.records import Registry, SeedDataError, fields_of

DEMO_DIR = Path(__file__).resolve().parent / "demo"
#: Loaded in this order: people refer to organisations, partnerships to all three.
COMMON_FILES = ("organisations.toml", "users.toml", "people.toml")
PARTNERSHIP_FILES = ("asean-pakistan.toml", "asean-norway.toml", "asean-uae.toml", "asean-india.toml")


def load_demo(directory: Path = DEMO_DIR) -> str:
    """Load every demo file that is not loaded yet; returns a one-line summary. Flushes, never commits."""
    loader = _Loader(directory)
    loader.load_file("organisations.toml", loader.load_organisations)
    loader.load_file("users.toml", loader.load_users)
    loader.load_file("people.toml", loader.load_people)
    for name in PARTNERSHIP_FILES:
        loader.load_file(name, loader.load_partnership)
    return loader.summary()


def unknown_password(email: str, name: str) -> str:
    """A password nobody is told, for a demo officer who is an author and owner only. Drawn again in the rare case
    that it holds a part of the officer's name or address ("min" of Aung Kyaw Min), which the app refuses."""
    while True:
        password = secrets.token_urlsafe(24)
        try:
            check_new_password(password, email=email, name=name)
        except WeakPassword:
            continue
        return password


class _Loader(Registry):
    """Loads the files every partnership refers to (organisations, users, people), then each partnership file."""

    # -- organisations, users, people -----------------------------------------------------------------------

    def load_organisations(self, data: dict[str, Any]) -> None:
        for block in data.get("organisation", []):
            where = f"organisation {block.get('name')}"
            values = fields_of(block, where, required=("name", "short_name", "kind"), optional=("iso_code",))
            existing = db.session.scalar(sa.select(Organisation).where(Organisation.name == values["name"]))
            self.organisations[values["name"]] = self.ensure(
                "organisation", where, existing, lambda v=values: save_organisation(None, OrganisationDetails(**v))
            )

    def load_users(self, data: dict[str, Any]) -> None:
        for block in data.get("user", []):
            where = f"user {block.get('email')}"
            values = fields_of(block, where, required=("email", "name", "role"))
            email = values["email"].lower()
            existing = db.session.scalar(sa.select(User).where(User.email == email))
            # Demo desk officers are authors and owners only: nobody knows their password.
            self.users[email] = self.ensure(
                "user", where, existing,
                lambda v=values: create_user(UserDetails(name=v["name"], role=v["role"]), email=v["email"],
                                             password=unknown_password(v["email"], v["name"])),
            )

    def load_people(self, data: dict[str, Any]) -> None:
        for block in data.get("person", []):
            where = f"person {block.get('full_name')}"
            values = fields_of(
                block, where, required=("full_name",), optional=("honorific", "email", "notes", "position")
            )
            positions = values.pop("position") or []
            existing = db.session.scalar(
                sa.select(Person).where(Person.full_name == values["full_name"]).order_by(Person.id).limit(1)
            )
            person = self.ensure("person", where, existing, lambda v=values: create_person(PersonDetails(**v)))
            self.people[person.full_name] = person
            for post in positions:
                self.load_position(person, post, where)

    def load_position(self, person: Person, block: dict, owner: str) -> Position:
        where = f"{owner}, position {block.get('title') or 'without a title'}"
        values = fields_of(
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
            "position", where, existing,
            lambda: add_position(person, PositionDetails(organisation=organisation, **values)),
        )

    # -- one partnership file -------------------------------------------------------------------------------

    def load_partnership(self, data: dict[str, Any]) -> None:
        unknown = set(data) - {"partnership", "event", "plan", "meeting", "follow_up", "status_review",
                               "activity", "report_remarks"}
        if unknown:
            raise SeedDataError(f"unknown section(s) {', '.join(sorted(unknown))}")
        PartnershipLoader(self, data).load()
