from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from app.audit.history import record_history
from app.auth import requires
from app.common.conflicts import version_conflict
from app.common.dates import page_date
from app.common.lifecycle import add_archive_routes
from app.common.lists import page_out_of_range, search_term, show_archived
from app.common.saving import Saved, save_form
from app.errors import error_answer
from app.extensions import db
from app.models import Organisation, PartnershipStatus, Role, User
from app.partnerships.details import PartnershipDetails
from app.partnerships.forms import NO_LEVEL, PartnershipEventForm, PartnershipForm
from app.partnerships.listing import NO_STATUS, partnership_list
from app.partnerships.pages import (
    build_partnership_page,
    default_organisation_id,
    get_partnership_or_404,
    officer_choices,
    organisation_choices,
    renamed_to,
)
from app.partnerships.services import create_partnership, record_partnership_event, standing, update_partnership
from app.templating import with_query

bp = Blueprint("partnerships", __name__, url_prefix="/partnerships")


@bp.app_errorhandler(404)
def follow_a_changed_slug(error: HTTPException) -> ResponseReturnValue:
    """An address with a partnership's former slug, on any page under it, goes to the same page at its slug now.
    308 keeps a form's POST a POST: a colleague's edit opened before the change reaches the conflict check."""
    slug = (request.view_args or {}).get("slug")
    if isinstance(slug, str) and request.endpoint and (slug_now := renamed_to(slug[:80])):
        path = url_for(request.endpoint, **{**(request.view_args or {}), "slug": slug_now})
        return redirect(with_query(path, request.args.items(multi=True)), code=308)
    return error_answer(error)


def partnership_details(form: PartnershipForm) -> PartnershipDetails:
    officer_id = form.desk_officer.data
    return form.details(organisation=db.session.get(Organisation, form.organisation.data),
                        partner=db.session.get(Organisation, form.partner.data),
                        desk_officer=db.session.get(User, officer_id) if officer_id is not None else None)


@bp.route("/")
def index() -> ResponseReturnValue:
    status = request.args.get("status")
    if status != NO_STATUS and status not in {s.value for s in PartnershipStatus}:
        status = None
    pages = partnership_list(status=status, term=search_term(), archived=show_archived())
    return page_out_of_range(pages) or render_template(
        "partnerships/list.html", pages=pages, statuses=PartnershipStatus, status=status, no_status=NO_STATUS,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create() -> ResponseReturnValue:
    form = PartnershipForm(organisations=organisation_choices(), officers=officer_choices(None))
    if request.method == "GET":
        form.organisation.data = default_organisation_id()
    if answer := save_form(
        form, lambda: create_partnership(partnership_details(form)),
        lambda partnership: Saved(gettext("Partnership added: %(name)s", name=partnership.name),
                                  url_for(".detail", slug=partnership.slug)),
        made=gettext("the partnership it added"),
    ):
        return answer
    return render_template("partnerships/form.html", form=form, partnership=None)


@bp.route("/<slug>")
def detail(slug: str) -> ResponseReturnValue:
    partnership = get_partnership_or_404(slug)
    return render_template(
        "partnerships/detail.html", page=build_partnership_page(partnership),
        record_history=record_history(partnership),
    )


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(slug: str) -> ResponseReturnValue:
    partnership = get_partnership_or_404(slug)
    form = PartnershipForm(
        organisations=organisation_choices(partnership.organisation_id, partnership.partner_id),
        officers=officer_choices(partnership.desk_officer),
        organisation=partnership.organisation_id,
        partner=partnership.partner_id,
        desk_officer=partnership.desk_officer_id,
        slug=partnership.slug,
        notes=partnership.notes,
        version=partnership.version,
    )
    detail_url = url_for(".detail", slug=partnership.slug)
    if answer := save_form(
        form, lambda: update_partnership(partnership, partnership_details(form)),
        # The slug may have just changed: the address is the one it has now.
        lambda _: Saved(gettext("Partnership saved: %(name)s", name=partnership.name),
                        url_for(".detail", slug=partnership.slug)),
        conflict=lambda: version_conflict(partnership, form, title=partnership.name, back_url=detail_url),
    ):
        return answer
    return render_template("partnerships/form.html", form=form, partnership=partnership)


@bp.route("/<slug>/events/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def add_event(slug: str) -> ResponseReturnValue:
    partnership = get_partnership_or_404(slug)
    form = PartnershipEventForm()
    now = standing(partnership.events)
    if request.method == "GET":
        # Start from where the partnership stands, so only what changed needs choosing.
        form.status.data = now.status.value if now.status else None
        form.level.data = now.level.value if now.level else NO_LEVEL
    if answer := save_form(
        form,
        lambda: record_partnership_event(
            partnership,
            occurred_on=form.occurred_on.data,
            kind=form.kind.data,
            status=form.status.data,
            level=form.chosen_level,
            description=form.description.data,
        ),
        lambda event: Saved(gettext("Status change recorded: %(kind)s on %(day)s", kind=event.kind.label,
                                      day=page_date(event.occurred_on)),
                            url_for(".detail", slug=partnership.slug)),
        made=gettext("the partnership with the status change it recorded"),
    ):
        return answer
    return render_template("partnerships/event_form.html", form=form, partnership=partnership, standing=now)


add_archive_routes(
    bp,
    rule="/<slug>",
    kind="partnership",
    load=get_partnership_or_404,
    detail_url=lambda p: url_for("partnerships.detail", slug=p.slug),
    consequence=_l("It will be hidden from the list of partnerships. Its plans, meetings and follow-ups are "
    "kept. You can restore it at any time."),
)
