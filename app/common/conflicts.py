"""Refusing to save over a change made by someone else since the form was opened."""

from datetime import date, time

from flask import render_template, request
from flask_babel import gettext
from wtforms import Field, HiddenField

# WTForms has it since 3.1; the stubs (types-WTForms 3.2) do not declare it yet.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.form import BaseForm

from app.common.dates import page_date
from app.models.base import Choice, Versioned


class VersionField:
    """Mixin for edit forms: carries the version of the record the form was opened on."""

    version = HiddenField()


def version_conflict(record: Versioned, form: BaseForm, *, title: str, back_url: str) -> tuple[str, int] | None:
    """The conflict page when the posted version is not the record's current one, else None.

    "Saved now" is what the form was filled with from the record, so build the form from the record on a
    post as on a page load (``obj=record`` or keyword values). Both columns show what the form's options say
    (a partnership's name, "Courtesy call", 14 March 2025), not the ids and codes that are stored.

    A post without a version (not from our form) is not checked here; the version counter still
    refuses a stale flush.
    """
    posted = request.form.get("version", "").strip()
    if not posted or posted == str(record.version):
        return None
    rows: list[dict[str, str]] = []
    for field in form:
        # A list of rows (a meeting's participants) is not one value to set side by side: what was typed is listed
        # below the table.
        if field.name in ("csrf_token", "version") or field.type in ("HiddenField", "CSRFTokenField", "FieldList"):
            continue
        labels = _option_labels(field)
        saved = getattr(field, "object_data", None)
        if labels and field.name.endswith("_id") and str(saved) not in labels:
            # A related record the options no longer offer (they follow what was typed): show it by name.
            saved = getattr(record, field.name.removesuffix("_id"), saved)
        rows.append({"label": field.label.text, "saved": _shown(saved, labels), "typed": _shown(field.data, labels)})
    typed = [(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", "version")]
    return (
        render_template(
            "conflict.html", title=title, rows=rows, typed=typed, version=record.version, back_url=back_url
        ),
        409,
    )


def _option_labels(field: Field) -> dict[str, str]:
    """The words of each option of a choice field, by the option's value as text; {} for other fields."""
    choices = getattr(field, "choices", None) or []
    groups = choices.values() if isinstance(choices, dict) else [choices]
    labels: dict[str, str] = {}
    for group in groups:
        for choice in group:
            if isinstance(choice, SelectChoice):
                value, label = choice.value, choice.label
            elif isinstance(choice, list | tuple):
                value, label = choice[0], choice[1]
            else:
                value = label = choice
            labels[str(value)] = str(label)
    return labels


def _shown(value: object, labels: dict[str, str]) -> str:
    if value is None or value == "":
        return gettext("Not set")
    if isinstance(value, list | tuple | set):
        return ", ".join(_shown(v, labels) for v in value) or gettext("Not set")
    # A related record the form offers by id (a pillar): the option's words, else the record's own name.
    key = str(getattr(value, "id", value))
    if key in labels:
        return labels[key]
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, date):
        return page_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value.label if isinstance(value, Choice) else str(value)
