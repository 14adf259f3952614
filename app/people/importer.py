"""People and the posts they hold, imported from a spreadsheet: one row per post.

A row's person is matched by name, ignoring case, accents, punctuation and honorifics (``app.people.names``): a
person already there gets the post; someone not there yet is added, with the honorific and email of their first row.
The organisation is named by its name or its short name, as the list of organisations shows them; one that is not
there is the row's problem (the post form, too, offers only organisations already there: import them first). A post
recorded already (the same person, organisation, title and start date) is "already there"; the import never changes
a person or a post. Each row goes through the person and post forms and is saved by ``create_person`` and
``add_position``, as the forms save.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.imports.dates import HINT
from app.imports.preview import Importer
from app.imports.table import Column, RowProblems, SheetRow
from app.imports.values import Problems, form_problems, optional_date
from app.models import Organisation, Person, Position
from app.models.person import person_name
from app.people.details import PersonDetails, PositionDetails
from app.people.forms import PersonForm, PositionForm
from app.people.names import name_key
from app.people.services import add_position, create_person

NAME, HONORIFIC, EMAIL = "Full name", "Honorific", "Email address"
ORGANISATION, TITLE, STARTS_ON, ENDS_ON = "Organisation", "Title of the post", "Start date", "End date"


@dataclass(frozen=True)
class PersonPost:
    person: PersonDetails
    #: Its organisation is always one found (the row has a problem otherwise).
    post: PositionDetails
    #: The person's name as compared (``name_key``).
    name: str

    @property
    def organisation(self) -> Organisation:
        assert self.post.organisation is not None  # read only with an organisation found
        return self.post.organisation


def _date_parts(name: str, day: date | None) -> dict[str, str]:
    """A date as the post form's three boxes would post it."""
    parts = ("day", "month", "year")
    return {f"{name}-{part}": str(getattr(day, part)) if day else "" for part in parts}


class Organisations:
    """The organisations a row may name, by name or short name ignoring case: read once for the whole file."""

    def __init__(self) -> None:
        self._by_name: dict[str, Organisation] | None = None
        self._by_short_name: dict[str, list[Organisation]] = {}

    def find(self, text: str) -> Organisation:
        """The organisation ``text`` names, or ``RowProblems`` saying why none can be chosen."""
        if self._by_name is None:
            organisations = db.session.scalars(sa.select(Organisation).order_by(Organisation.name)).all()
            self._by_name = {o.name.casefold(): o for o in organisations}
            for organisation in organisations:
                self._by_short_name.setdefault(organisation.short_name.casefold(), []).append(organisation)
        if not text:
            raise RowProblems(gettext("Enter the organisation of the post"))
        key = " ".join(text.split()).casefold()
        found = self._by_name.get(key)
        named = [found] if found else self._by_short_name.get(key, [])
        if not named:
            raise RowProblems(gettext("Organisation %(name)s is not in the list of organisations – add it first, or "
                                      "write its name as the list shows it", name=text))
        if len(named) > 1:
            raise RowProblems(gettext("Organisation %(name)s is the short name of %(count)s organisations: "
                                      "%(names)s – write the full name", name=text, count=len(named),
                                      names=", ".join(o.name for o in named)))
        if named[0].is_archived:
            raise RowProblems(gettext("Organisation %(name)s is archived – restore it before adding posts at it",
                                      name=named[0].name))
        return named[0]


class PeopleImporter(Importer[PersonPost, Position]):
    source = "Import of people from a file"
    columns = [
        Column(NAME, hint=_l("As on the person's page, without the honorific: “Ameer Khurram Rathore”")),
        Column(HONORIFIC, required=False, hint=_l("As written in official reporting: “H.E.”, “Dato'”, “Dr”")),
        Column(EMAIL, required=False, hint=_l("name@example.org")),
        Column(ORGANISATION, hint=_l("Its name or short name, as in the list of organisations: “Pakistan”")),
        Column(TITLE, hint=_l("“Ambassador of Pakistan to ASEAN”")),
        Column(STARTS_ON, required=False, hint=_l("%(dates)s; blank when not known", dates=HINT)),
        Column(ENDS_ON, required=False, hint=_l("Blank while the post is held")),
    ]

    def __init__(self) -> None:
        self._organisations = Organisations()
        self._people: dict[str, list[Person]] = {}
        #: What each row to be created says beside it, by key; and the first row of each person not there yet.
        self._notes: dict[str, str] = {}
        self._new_people: dict[str, int] = {}
        self._added: dict[str, Person] = {}

    def read(self, row: SheetRow) -> PersonPost:
        values = row.values
        person = PersonForm(formdata=MultiDict({"full_name": values[NAME], "honorific": values[HONORIFIC],
                                                "email": values[EMAIL]}), meta={"csrf": False})
        person.validate()
        problems = Problems(form_problems(person))
        organisation = problems.read(self._organisations.find, values[ORGANISATION])
        starts_on = problems.read(optional_date, values[STARTS_ON], STARTS_ON)
        ends_on = problems.read(optional_date, values[ENDS_ON], ENDS_ON)
        post = PositionForm(formdata=MultiDict({
            "organisation_id": str(organisation.id if organisation else ""), "title": values[TITLE],
            **_date_parts("starts_on", starts_on), **_date_parts("ends_on", ends_on),
        }), organisations=[organisation] if organisation else [], meta={"csrf": False})
        post.validate()
        problems.extend(form_problems(field for field in post if field is not post.organisation_id))
        if problems:
            raise RowProblems(*problems)
        details = person.details()
        return PersonPost(details, post.details(organisation), name_key(details.full_name, details.honorific))

    def key(self, values: PersonPost) -> str:
        post = values.post
        return f"{values.name}|{values.organisation.id}|{post.title.casefold()}|{post.starts_on or ''}"

    def label(self, values: PersonPost) -> str:
        return gettext("The post of %(title)s at %(organisation)s of %(name)s", title=values.post.title,
                       organisation=values.organisation.short_name, name=values.person.full_name)

    def existing(self, keys: set[str]) -> Mapping[str, Position]:
        # A desk knows a few thousand people at most: all of them with their posts, in two queries.
        people = db.session.scalars(sa.select(Person).options(selectinload(Person.positions))).all()
        self._people = {}
        for person in people:
            self._people.setdefault(name_key(person.full_name, person.honorific), []).append(person)
        self._notes, self._new_people = {}, {}
        found: dict[str, Position] = {}
        for name, named in self._people.items():
            for position in (position for person in named for position in person.positions):
                key = f"{name}|{position.organisation_id}|{position.title.casefold()}|{position.starts_on or ''}"
                if key in keys:
                    found[key] = position
        return found

    def problems(self, row: SheetRow, values: PersonPost, record: Position | None) -> list[str]:
        named = self._people.get(values.name, [])
        if len(named) > 1:
            return [gettext("%(count)s people are called %(name)s: %(names)s – add this post on the person's page",
                            count=len(named), name=values.person.full_name,
                            names=", ".join(person.display_name for person in named))]
        if named and named[0].is_archived:
            return [gettext("%(name)s is archived – restore them before adding their posts",
                            name=named[0].display_name)]
        key = self.key(values)
        if named:
            self._notes[key] = gettext("Adds the post to %(name)s, already there", name=named[0].display_name)
        elif values.name in self._new_people:
            self._notes[key] = gettext("Adds the post to the person added by row %(row)s",
                                       row=self._new_people[values.name])
        elif not row.problems:
            self._new_people[values.name] = row.number
            self._notes[key] = gettext("Adds the person %(name)s",
                                       name=person_name(values.person.honorific, values.person.full_name))
        return []

    def notes(self, values: PersonPost) -> list[str]:
        note = self._notes.get(self.key(values))
        return [note] if note else []

    def create(self, values: PersonPost) -> Position:
        named = self._people.get(values.name)
        person = named[0] if named else self._added.get(values.name)
        if person is None:
            person = self._added[values.name] = create_person(values.person)
        return add_position(person, values.post)
