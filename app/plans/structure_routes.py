"""Importing a plan's structure in one step, from pasted text or a spreadsheet, and exporting it as a spreadsheet."""

from collections.abc import Callable

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import FileStorage
from wtforms import Field

from app.auth import requires
from app.common.errors import DomainError, put_on_form
from app.common.saving import Saved, save_form
from app.exports import ExportFile
from app.exports.excel import MIME_TYPE as XLSX
from app.exports.routes import download
from app.imports.messages import SELECT_A_FILE
from app.imports.table import Limits, read_table
from app.models import Plan, Role
from app.plans.forms import STRUCTURE_MAX, StructureFileForm, StructureImportForm
from app.plans.pages import load_plan
from app.plans.routes import plan_url
from app.plans.structure_file import (
    TEMPLATE,
    rows_from_json,
    rows_to_json,
    structure_rows,
    structure_xlsx,
    template_xlsx,
)
from app.plans.structure_import import (
    FILE_IMPORT_SOURCE,
    StructurePreview,
    import_structure,
    preview_structure,
    problems_message,
)
from app.plans.structure_text import TextRow, read_structure

bp = Blueprint("structure", __name__)

IN_THE_FILE = "the file"


def imported(preview: StructurePreview) -> str:
    return f"Structure imported: {preview.to_create} created, {preview.already_there} already there"


ImportForm = StructureImportForm | StructureFileForm


def _confirm(
    form: ImportForm, plan: Plan, rows: Callable[[], list[TextRow]], **kwargs: str
) -> ResponseReturnValue | None:
    return save_form(
        form, lambda: import_structure(plan, rows(), previewed=form.previewed.data or "", **kwargs),
        lambda preview: Saved(imported(preview), plan_url(plan)), made="the plan with the structure it imported",
    )


def _show(plan: Plan, rows: list[TextRow], form: ImportForm, field: Field, where: str = "the text") -> StructurePreview:
    """The preview of ``rows``, its fingerprint on the form, and a message beside ``field`` if a row has a problem."""
    preview = preview_structure(plan, rows, where)
    form.previewed.data = preview.fingerprint
    if preview.problems and not field.errors:
        field.errors = [problems_message(preview.problems, where)]
    return preview


@bp.route("/plans/<int:plan_id>/import", methods=["GET", "POST"])
@requires(Role.EDITOR)
def import_text(plan_id: int) -> ResponseReturnValue:
    """Pillars, areas and action lines pasted from the plan document: previewed first, saved on "Confirm import"."""
    plan = load_plan(plan_id)
    form = StructureImportForm()
    if request.form.get("action") == "confirm":
        if answer := _confirm(form, plan, lambda: read_structure(form.structure.data or "")):
            return answer
    elif form.is_submitted():
        form.validate()
    text = form.structure.data or ""
    preview = None
    if form.is_submitted() and text.strip() and len(text) <= STRUCTURE_MAX:
        preview = _show(plan, read_structure(text), form, form.structure)
    return render_template("plans/import_structure.html", form=form, plan=plan, preview=preview)


def _uploaded_rows(upload: object) -> list[TextRow]:
    if not isinstance(upload, FileStorage) or not upload.filename:
        raise DomainError("file", SELECT_A_FILE)
    limits = Limits.configured()
    return structure_rows(read_table(upload.filename, upload.stream.read(limits.max_bytes + 1), TEMPLATE, limits))


@bp.route("/plans/<int:plan_id>/import/file", methods=["GET", "POST"])
@requires(Role.EDITOR)
def import_file(plan_id: int) -> ResponseReturnValue:
    """A filled-in template uploaded: previewed first, saved on "Confirm import" from what the preview read."""
    plan = load_plan(plan_id)
    form = StructureFileForm()
    rows: list[TextRow] | None = None
    try:
        if request.form.get("action") == "confirm":
            if answer := _confirm(form, plan, lambda: rows_from_json(form.rows.data), source=FILE_IMPORT_SOURCE,
                                  field_name="file", where=IN_THE_FILE):
                return answer
            rows = rows_from_json(form.rows.data)
        elif form.validate_on_submit():
            rows = _uploaded_rows(form.file.data)
    except DomainError as error:
        put_on_form(form, error)
    preview = None
    if rows is not None:
        form.rows.data = rows_to_json(rows)  # before the preview adds its own problems, worked out again on confirming
        preview = _show(plan, rows, form, form.file, IN_THE_FILE)
    return render_template("plans/import_structure_file.html", form=form, plan=plan, preview=preview)


@bp.route("/plans/structure-template.xlsx")
def template() -> ResponseReturnValue:
    return download(ExportFile(template_xlsx(), XLSX, "plan-structure-template.xlsx"))


@bp.route("/plans/<int:plan_id>/structure.xlsx")
def export(plan_id: int) -> ResponseReturnValue:
    plan = load_plan(plan_id)
    return download(ExportFile(structure_xlsx(plan), XLSX, f"{plan.partnership.slug}_{plan.label}_structure.xlsx"))
