"""Every error of the API as ``application/problem+json`` (RFC 9457), never an HTML page or a stack trace.

A problem names its kind (``type``: a section of the API's own documentation, or ``about:blank`` for a plain HTTP
status), a ``title`` for that kind, a ``detail`` for this occurrence, and for a request that did not pass its
checks an ``errors`` list: one entry per field, each with a JSON Pointer into the body sent (``pointer``) or the
name of the query parameter (``parameter``), and the message the same field gets on the pages.
"""

from collections.abc import Iterator, Mapping
from http import HTTPStatus
from typing import Any

import marshmallow as ma
from flask import Response, current_app, json, url_for
from werkzeug.exceptions import HTTPException

MEDIA_TYPE = "application/problem+json"

#: The problem kinds of our own, each a section of the API documentation (its anchor), with their titles.
KINDS = {
    "invalid": "The request did not pass its checks",
    "changed": "The record changed since you read it",
    "precondition-required": "Say which version of the record you change",
    "token": "The access token was not accepted",
    "scope": "The access token may only read",
    "too-many-requests": "Too many requests",
}


class FieldProblemSchema(ma.Schema):
    pointer = ma.fields.String(metadata={"description": "Where in the body sent: a JSON Pointer (RFC 6901)."})
    parameter = ma.fields.String(metadata={"description": "The query parameter, for a problem with one."})
    detail = ma.fields.String(required=True, metadata={"description": "What is wrong, as the page would say it."})


class ProblemSchema(ma.Schema):
    """An error (RFC 9457 problem details)."""

    type = ma.fields.String(required=True, metadata={"description": "The kind of problem: a section of the "
                                                                   "documentation, or about:blank."})
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(metadata={"description": "What went wrong with this request."})
    errors = ma.fields.List(ma.fields.Nested(FieldProblemSchema),
                            metadata={"description": "Each field that did not pass its checks."})


def kind_url(kind: str) -> str:
    return url_for("api_docs.documentation", _anchor=f"problem-{kind}")


def problem(status: int, detail: str | None = None, *, kind: str | None = None,
            errors: list[dict[str, str]] | None = None, headers: Mapping[str, str] | None = None) -> Response:
    """The response for a problem of ``kind`` (one of ``KINDS``), or a plain HTTP ``status`` without one."""
    body: dict[str, Any] = {
        "type": kind_url(kind) if kind else "about:blank",
        "title": KINDS[kind] if kind else HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = current_app.response_class(json.dumps(body), status=status, mimetype=MEDIA_TYPE)
    response.headers.update(dict(headers or {}))
    return response


def field_errors(messages: Mapping[str, Any]) -> list[dict[str, str]]:
    """webargs' messages by location ({"json": {"title": ["..."]}, "query": {...}}) as the problem's ``errors``."""
    errors: list[dict[str, str]] = []
    for location, fields in messages.items():
        for path, message in _flattened(fields, ()):
            if location == "json":
                pointer = "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path)
                errors.append({"pointer": pointer, "detail": message})
            else:
                errors.append({"parameter": ".".join(str(part) for part in path), "detail": message})
    return errors


def _flattened(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            # marshmallow names a whole-body problem "_schema": it belongs to the body itself.
            yield from _flattened(inner, path if key == "_schema" else (*path, key))
    elif isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        for message in value:
            yield path, message
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flattened(item, path)
    else:
        yield path, str(value)


def http_problem(error: HTTPException) -> Response:
    """A refusal raised anywhere in an API request (``abort``, webargs, routing) as a problem."""
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    if status == 422 and "messages" in data:
        return problem(422, "Correct the values named in errors and send the request again.", kind="invalid",
                       errors=field_errors(data["messages"]))
    detail = data.get("message") if isinstance(data.get("message"), str) else None
    headers = dict(error.get_headers())
    headers.pop("Content-Type", None)
    return problem(status, detail or _plain_detail(error), headers=headers)


def _plain_detail(error: HTTPException) -> str | None:
    """Werkzeug's description of the status, unless it is its stock sentence about HTML pages and browsers."""
    if error.description and error.description != type(error).description:
        return error.description
    return None
