from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from app.audit.forms import AuditFilterForm
from app.audit.history import NEWEST_FIRST, describe, history_query, is_restricted, label_for_reader, record_urls
from app.audit.labels import MODELS, TRACKED
from app.auth import requires
from app.common.lists import page_out_of_range, paginate
from app.common.restricted import may_open
from app.extensions import db
from app.models import AuditEntry, Role, User

bp = Blueprint("audit", __name__)

#: The largest id an integer key holds; a larger one in an address can only be "not found".
MAX_ID = 2**31 - 1
#: Kinds of record whose history only administrators read: users, whom they alone manage, feed addresses and API
#: tokens.
ADMIN_ONLY = frozenset({"users", "calendar_feeds", "api_tokens"})


def audit_query(*, user_id: int | None | bool = False, type: str | None = None, action: str | None = None,
                since: date | None = None, until: date | None = None) -> sa.Select[AuditEntry]:
    """Entries newest first, narrowed by who (``None``: no one signed in), kind of record, action and days."""
    query = sa.select(AuditEntry)
    if user_id is None:
        query = query.where(AuditEntry.user_id.is_(None))
    elif user_id is not False:
        query = query.where(AuditEntry.user_id == user_id)
    if type:
        query = query.where(AuditEntry.record_type == type)
    if action:
        query = query.where(AuditEntry.action == action)
    if since:
        query = query.where(AuditEntry.occurred_at >= datetime.combine(since, time.min, UTC))
    if until:
        query = query.where(AuditEntry.occurred_at <= datetime.combine(until, time.max, UTC))
    return query.options(sa.orm.joinedload(AuditEntry.user))


@bp.route("/admin/audit")
@requires(Role.ADMIN)
def index() -> ResponseReturnValue:
    users = db.session.scalars(sa.select(User).order_by(User.name, User.id)).all()
    form = AuditFilterForm(users, formdata=request.args or None)
    form.validate()
    filters = form.filters()
    pages = paginate(audit_query(**filters), NEWEST_FIRST)
    if redirect := page_out_of_range(pages):
        return redirect
    lines = [describe(entry, reader_sees_restricted=True) for entry in pages.items]
    return render_template(
        "audit/index.html", form=form, pages=pages, lines=lines, nouns=_nouns(),
        urls=record_urls((entry.record_type, entry.record_id) for entry in pages.items),
        filtered=bool(filters),
    )


def _nouns() -> dict[str, str]:
    return {name: str(TRACKED[model]) for name, model in MODELS.items()}


@bp.route("/history")
def record() -> ResponseReturnValue:
    """Every change to one record and its parts: ``?type=meetings&id=7``; for whoever may open the record's page,
    its restricted notes hidden as they are there."""
    record_type = request.args.get("type", "")
    record_id = request.args.get("id", type=int)
    if record_type not in MODELS or record_id is None or not 0 < record_id <= MAX_ID:
        abort(404)
    if record_type in ADMIN_ONLY and not current_user.can(Role.ADMIN):
        abort(403)
    subject = db.session.get(MODELS[record_type], record_id)
    if subject is None:
        abort(404)
    if not may_open(subject):
        abort(403)
    restricted = is_restricted(subject)
    pages = paginate(history_query(record_type, record_id), NEWEST_FIRST)
    if redirect := page_out_of_range(pages):
        return redirect
    lines = [describe(entry, own_type=record_type, restricted_now=restricted) for entry in pages.items]
    return render_template(
        "audit/record.html", pages=pages, lines=lines, noun=str(TRACKED[MODELS[record_type]]),
        label=label_for_reader(subject),
        record_url=record_urls([(record_type, record_id)]).get((record_type, record_id)),
    )
