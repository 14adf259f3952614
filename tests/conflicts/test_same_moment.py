"""A save that lands between loading a record and writing it is too close for the conflict page to catch: the
version counter refuses the write, and the person gets a page that says so, not a server error."""

import pytest

from app.extensions import db
from app.models import Person
from app.people import routes as people_routes
from tests.conflicts.editors import open_form, send


@pytest.mark.parametrize("with_version", [True, False], ids=["from-the-form", "without-a-version"])
def test_a_save_at_the_same_moment_gets_a_page_and_keeps_the_other_save(editors, make, monkeypatch, with_version):
    officer, _ = editors()
    person = make.person("Ameer Khurram Rathore", notes="Speaks Urdu")
    url = f"/people/{person.id}/edit"
    opened = open_form(officer, url)
    if not with_version:
        opened.pop("version")  # a post not from our form: nothing to compare before writing
    update_person = people_routes.update_person

    def colleague_saves_first(record, details):
        """A colleague's save commits after this request loaded the person, before it writes."""
        people = Person.__table__
        with db.engine.begin() as connection:
            connection.execute(people.update().where(people.c.id == record.id)
                               .values(notes="Prefers English", version=people.c.version + 1))
        return update_person(record, details)

    monkeypatch.setattr(people_routes, "update_person", colleague_saves_first)
    response = send(officer, url, opened, notes="Speaks Urdu and Punjabi")

    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this record at the same moment" in html
    assert "Your changes were not saved. Go back and try again." in html
    assert f'<a href="{url}">Open the page again to see what is saved now</a>' in html
    db.session.expire_all()
    assert db.session.get(Person, person.id).notes == "Prefers English"

    monkeypatch.undo()
    response = send(officer, url, open_form(officer, url), notes="Speaks Urdu and Punjabi")
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Person, person.id).notes == "Speaks Urdu and Punjabi"
