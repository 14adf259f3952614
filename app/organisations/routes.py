from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext

from app.audit.history import record_history
from app.auth import requires
from app.common.conflicts import version_conflict
from app.common.lifecycle import add_archive_routes
from app.common.lists import page_out_of_range, paginate, search_term, show_archived
from app.common.saving import Saved, save_form
from app.exports.routes import download
from app.extensions import db
from app.imports.page import import_page
from app.imports.template import template_file, template_urls
from app.models import Organisation, OrganisationKind, Role
from app.organisations.forms import OrganisationForm
from app.organisations.importer import OrganisationImporter
from app.organisations.pages import ORGANISATIONS_ORDER, organisation_list
from app.organisations.services import save_organisation

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


@bp.route("/")
def index() -> ResponseReturnValue:
    kind = request.args.get("kind")
    query = organisation_list(kind=kind, term=search_term(), include_archived=show_archived())
    pages = paginate(query, ORGANISATIONS_ORDER)
    return page_out_of_range(pages) or render_template(
        "organisations/list.html", pages=pages, kinds=OrganisationKind, kind=kind
    )


@bp.route("/<int:organisation_id>")
def detail(organisation_id: int) -> ResponseReturnValue:
    organisation = db.get_or_404(Organisation, organisation_id)
    return render_template(
        "organisations/detail.html", organisation=organisation, record_history=record_history(organisation)
    )


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create() -> ResponseReturnValue:
    form = OrganisationForm()
    if answer := save_form(
        form, lambda: save_organisation(None, form.details()),
        lambda organisation: Saved(gettext("Organisation added: %(name)s", name=organisation.name),
                                   url_for(".detail", organisation_id=organisation.id)),
        made=gettext("the organisation it added"),
    ):
        return answer
    return render_template("organisations/form.html", form=form, organisation=None)


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(organisation_id: int) -> ResponseReturnValue:
    organisation = db.get_or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation)
    detail_url = url_for(".detail", organisation_id=organisation.id)
    if answer := save_form(
        form, lambda: save_organisation(organisation, form.details()),
        lambda _: Saved(gettext("Organisation saved: %(name)s", name=organisation.name), detail_url),
        conflict=lambda: version_conflict(organisation, form, title=organisation.name, back_url=detail_url),
    ):
        return answer
    return render_template("organisations/form.html", form=form, organisation=organisation)


@bp.route("/import", methods=["GET", "POST"])
@requires(Role.EDITOR)
def import_file() -> ResponseReturnValue:
    """Organisations from a filled-in template: previewed first, saved on "Confirm import"."""
    return import_page(OrganisationImporter(), "organisations/import.html", url_for(".index"),
                       section=gettext("Organisations"), back_url=url_for(".index"),
                       template_urls=template_urls(".template"))


@bp.route("/import-template.<format>")
def template(format: str) -> ResponseReturnValue:
    return download(template_file(format, OrganisationImporter.columns, "Organisations", "organisations"))


add_archive_routes(
    bp,
    rule="/<int:organisation_id>",
    kind="organisation",
    load=lambda organisation_id: db.get_or_404(Organisation, organisation_id),
    detail_url=lambda o: url_for("organisations.detail", organisation_id=o.id),
)
