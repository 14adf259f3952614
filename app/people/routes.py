from datetime import date

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.audit.history import record_history
from app.auth import requires
from app.common.conflicts import version_conflict
from app.common.forms import optional_int
from app.common.lifecycle import add_archive_routes
from app.common.lists import page_out_of_range, paginate, search_term, show_archived
from app.common.saving import Saved, save_form
from app.exports.routes import download
from app.extensions import db
from app.imports.page import import_page
from app.imports.template import template_file, template_urls
from app.models import Organisation, Person, Position, Role
from app.people.details import PositionDetails
from app.people.forms import NewPersonForm, PersonForm, PositionForm
from app.people.importer import PeopleImporter
from app.people.namesakes import suggested_namesakes
from app.people.pages import PEOPLE_ORDER, active_organisations, build_person_page, load_person, people_query
from app.people.services import add_position as add_position_service
from app.people.services import (
    create_person,
    update_person,
    update_position,
)

bp = Blueprint("people", __name__)

#: More than any name or honorific the forms accept: what the script sends is cut to this.
NAME_LIMIT = 300


def position_details(form: PositionForm) -> PositionDetails:
    return form.details(db.session.get(Organisation, form.organisation_id.data))


@bp.route("/people/")
def index() -> ResponseReturnValue:
    organisations = active_organisations()
    organisation_id = optional_int(request.args.get("organisation"))
    pages = paginate(
        people_query(term=search_term(), organisation_id=organisation_id, include_archived=show_archived()),
        PEOPLE_ORDER,
    )
    return page_out_of_range(pages) or render_template(
        "people/list.html", pages=pages, organisations=organisations, organisation_id=organisation_id,
        today=date.today(),
    )


@bp.route("/people/namesakes")
def namesakes() -> ResponseReturnValue:
    """For the forms' script: who is already recorded under the name typed for someone new (``full_name``, and
    ``honorific`` if any), the same names first, then close ones."""
    typed = {name: request.args.get(name, "")[:NAME_LIMIT] for name in ("full_name", "honorific")}
    return {"namesakes": [
        {"id": namesake.id, "name": namesake.name, "post": namesake.post_text, "exact": namesake.exact}
        for namesake in suggested_namesakes(typed["full_name"], typed["honorific"])
    ]}


@bp.route("/people/<int:person_id>")
def detail(person_id: int) -> ResponseReturnValue:
    page = build_person_page(person_id)
    return render_template("people/detail.html", page=page, record_history=record_history(page.person))


@bp.route("/people/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create() -> ResponseReturnValue:
    form = NewPersonForm()
    if answer := save_form(
        form, lambda: create_person(form.details()),
        lambda person: Saved(gettext("Person added: %(name)s. Add the post they hold.", name=person.display_name),
                             url_for(".detail", person_id=person.id)),
        made=gettext("the person it added"),
    ):
        return answer
    return render_template("people/form.html", form=form, person=None)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(person_id: int) -> ResponseReturnValue:
    person = db.get_or_404(Person, person_id)
    form = PersonForm(obj=person)
    detail_url = url_for(".detail", person_id=person.id)
    if answer := save_form(
        form, lambda: update_person(person, form.details()),
        lambda _: Saved(gettext("Person saved: %(name)s", name=person.display_name), detail_url),
        conflict=lambda: version_conflict(person, form, title=person.display_name, back_url=detail_url),
    ):
        return answer
    return render_template("people/form.html", form=form, person=person)


@bp.route("/people/<int:person_id>/positions/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_position(person_id: int) -> ResponseReturnValue:
    person = load_person(person_id)
    open_posts = [p for p in person.positions if p.ends_on is None]
    form = PositionForm(organisations=active_organisations())
    if answer := save_form(
        form,
        lambda: add_position_service(
            person, position_details(form), end_current=bool(open_posts and form.end_current.data)
        ),
        lambda position: Saved(gettext("Position added: %(title)s", title=position.title),
                                 url_for(".detail", person_id=person.id)),
        made=gettext("the person with the post it added"),
    ):
        return answer
    return render_template("people/position_form.html", form=form, person=person, position=None,
                           open_posts=open_posts)


@bp.route("/positions/<int:position_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit_position(position_id: int) -> ResponseReturnValue:
    position = db.get_or_404(Position, position_id)
    person = position.person
    form = PositionForm(obj=position, organisations=active_organisations(), keep=position.organisation)
    del form.end_current  # offered only when adding a post
    detail_url = url_for(".detail", person_id=person.id)
    if answer := save_form(
        form, lambda: update_position(position, position_details(form)),
        lambda _: Saved(gettext("Position saved: %(title)s", title=position.title), detail_url),
        conflict=lambda: version_conflict(position, form, title=position.title, back_url=detail_url),
    ):
        return answer
    return render_template("people/position_form.html", form=form, person=person, position=position,
                           open_posts=[])


@bp.route("/people/import", methods=["GET", "POST"])
@requires(Role.EDITOR)
def import_file() -> ResponseReturnValue:
    """People and their posts from a filled-in template: previewed first, saved on "Confirm import"."""
    return import_page(PeopleImporter(), "people/import.html", url_for(".index"), section=gettext("People"),
                       back_url=url_for(".index"), template_urls=template_urls(".template"))


@bp.route("/people/import-template.<format>")
def template(format: str) -> ResponseReturnValue:
    return download(template_file(format, PeopleImporter.columns, "People", "people"))


add_archive_routes(
    bp,
    rule="/people/<int:person_id>",
    kind="person",
    load=lambda person_id: db.get_or_404(Person, person_id),
    detail_url=lambda person: url_for("people.detail", person_id=person.id),
    consequence=_l("They will be hidden from the list of people and from pickers. "
    "Their posts and the meetings they attended are kept. You can restore them at any time."),
)
