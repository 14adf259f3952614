"""Reading one record with its version as ``ETag``, and refusing a change sent for a version no longer current.

The same optimistic locking as the forms: a form carries the version it was opened on, an API client sends back
the ``ETag`` it read as ``If-Match``. A change without one is refused (428), so that no program overwrites a
colleague's save without having seen it; a change for an older version is refused (412) and saves nothing.
"""

from typing import TypeVar

from flask import abort, after_this_request, request
from flask.typing import ResponseClass
from sqlalchemy.orm.interfaces import ORMOption

from app.api.problems import problem
from app.extensions import db
from app.models.base import Versioned

V = TypeVar("V")


def etag(record: Versioned) -> str:
    return f'"{record.version}"'


def one_record(model: type[V], record_id: int, *options: ORMOption) -> V:
    """The record, or 404; a versioned one's answer carries its version as ``ETag``. ``options``: what to load with
    it (``selectinload(...)``), so that dumping it runs a fixed number of queries."""
    record = db.session.get(model, record_id, options=options)
    if record is None:
        abort(404)
    if isinstance(record, Versioned):
        tag = etag(record)

        @after_this_request
        def add_etag(response: ResponseClass) -> ResponseClass:
            response.headers["ETag"] = tag
            return response

    return record


def check_version(record: Versioned) -> None:
    """Stop the request with a problem unless ``If-Match`` names the record's current version."""
    sent = request.headers.get("If-Match")
    if not sent:
        abort(problem(428, "Read the record first and send its ETag back as If-Match.",
                      kind="precondition-required"))
    if not {"*", etag(record)} & {part.strip() for part in sent.split(",")}:
        abort(problem(412, f"The record is at version {record.version} now: read it again, then send your change "
                           "with its new ETag.", kind="changed", headers={"ETag": etag(record)}))
