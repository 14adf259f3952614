"""Refusing to save over a change made by someone else since the form was opened."""

from flask import render_template, request
from wtforms import HiddenField


class VersionField:
    """Mixin for edit forms: carries the version of the record the form was opened on."""

    version = HiddenField()


def version_conflict(record, form, *, title: str, back_url: str):
    """The conflict page when the posted version is not the record's current one, else None.

    A post without a version (not from our form) is not checked here; the version counter still
    refuses a stale flush.
    """
    posted = request.form.get("version", "").strip()
    if not posted or posted == str(record.version):
        return None
    rows = []
    for field in form:
        if field.name in ("csrf_token", "version") or field.type in ("HiddenField", "CSRFTokenField"):
            continue
        saved = getattr(record, field.name, None)
        saved = getattr(saved, "label", saved) if hasattr(saved, "value") else saved
        rows.append({"label": field.label.text, "saved": _shown(saved), "typed": _shown(field.data)})
    typed = [(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", "version")]
    return (
        render_template(
            "conflict.html", title=title, rows=rows, typed=typed, version=record.version, back_url=back_url
        ),
        409,
    )


def _shown(value) -> str:
    if value is None or value == "":
        return "Not set"
    if isinstance(value, list | tuple | set):
        return ", ".join(_shown(v) for v in value) or "Not set"
    return str(value)
