"""The API's documentation as a page of the app, read from the OpenAPI description the code writes.

Server-rendered: it works without JavaScript and offline, reads with a screen reader like every other page, and
cannot drift from the API, since both come from the same description.
"""

from typing import Any

from flask import Blueprint, current_app, jsonify, render_template
from flask.typing import ResponseReturnValue

from app.api.problems import KINDS, MEDIA_TYPE
from app.auth import public

bp = Blueprint("api_docs", __name__)

#: The key of ``app.extensions`` holding the flask-smorest ``Api``, whose ``spec`` the page reads.
API_EXTENSION = "tracker_api"
METHODS = ("get", "post", "put", "patch", "delete")


def description() -> dict[str, Any]:
    """The OpenAPI description, its error answers named as what they are: ``application/problem+json``."""
    spec: dict[str, Any] = current_app.extensions[API_EXTENSION].spec.to_dict()
    for response in spec.get("components", {}).get("responses", {}).values():
        content = response.get("content", {})
        if "application/json" in content:
            content[MEDIA_TYPE] = content.pop("application/json")
    return spec


def schema_name(schema: dict[str, Any] | None) -> str | None:
    """The name of the component a schema refers to ("Meeting"), or of the items of a list of them."""
    if not schema:
        return None
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        item = schema_name(schema.get("items"))
        return f"list of {item}" if item else "list"
    return None


def field_type(schema: dict[str, Any]) -> str:
    """A field's type in words: "string (date)", "integer or null", "one of: read, read_write"."""
    if "$ref" in schema or schema.get("type") == "array":
        return schema_name(schema) or "list"
    if "allOf" in schema:
        return " and ".join(filter(None, (schema_name(part) for part in schema["allOf"])))
    kinds = schema.get("type", "any")
    words = " or ".join(kinds) if isinstance(kinds, list) else str(kinds)
    if "format" in schema:
        words += f" ({schema['format']})"
    if "enum" in schema:
        words += ": one of " + ", ".join(str(value) for value in schema["enum"] if value is not None)
    return words


def answer(spec: dict[str, Any], code: str, response: dict[str, Any]) -> tuple[str, str, str | None]:
    """A response of a route: its status, what it means and the schema of its body, shared ones looked up."""
    if "$ref" in response:
        response = spec["components"]["responses"][str(response["$ref"]).rsplit("/", 1)[-1]]
    content: dict[str, Any] = next(iter(response.get("content", {}).values()), {})
    return code, str(response.get("description", "")), schema_name(content.get("schema"))


def operations(spec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The routes of the description, by tag, in the order they were declared."""
    by_tag: dict[str, list[dict[str, Any]]] = {tag["name"]: [] for tag in spec.get("tags", ())}
    for path, item in spec.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            entry = {
                "method": method.upper(), "path": path, "id": operation.get("operationId") or f"{method}{path}",
                "summary": operation.get("summary", ""), "description": operation.get("description", ""),
                "parameters": [*shared, *operation.get("parameters", [])], "body": schema_name(body),
                "responses": [answer(spec, code, response)
                              for code, response in operation.get("responses", {}).items()],
            }
            for tag in operation.get("tags", ["Other"]):
                by_tag.setdefault(tag, []).append(entry)
    return {tag: entries for tag, entries in by_tag.items() if entries}


def records(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Each schema of the description with its fields, as the page lists them."""
    listed = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", ()))
        fields = [{"name": field, "type": field_type(prop), "description": prop.get("description", ""),
                   "required": field in required, "read_only": bool(prop.get("readOnly"))}
                  for field, prop in schema.get("properties", {}).items()]
        listed.append({"name": name, "description": schema.get("description", ""), "fields": fields})
    return listed


@bp.route("/api/v1/openapi.json")
@public
def openapi_json() -> ResponseReturnValue:
    """What programs may ask, not any record: read without a token, by the tools that generate clients."""
    return jsonify(description())


@bp.route("/api-documentation")
def documentation() -> ResponseReturnValue:
    spec = description()
    return render_template("api/docs.html", spec=spec, operations=operations(spec),
                           records=records(spec), problems=KINDS,
                           field_type=field_type)
