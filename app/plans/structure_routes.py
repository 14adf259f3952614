"""Importing a plan's structure in one step, from pasted text or a spreadsheet, and exporting it as a spreadsheet."""

from collections.abc import Callable

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from wtforms import Field

from app.auth import requires
from app.common.numbers import page_number
from app.common.saving import Saved, save_form
from app.exports import ExportFile
from app.exports.routes import download
from app.exports.spreadsheet import MIME_TYPE as XLSX
from app.imports.forms import ImportFileForm
from app.imports.page import posted_rows
from app.imports.preview import pack_rows
from app.models import Plan, Role
from app.plans.forms import STRUCTURE_MAX, StructureImportForm
from app.plans.pages import load_plan
from app.plans.routes import plan_url
from app.plans.structure_file import (
    TEMPLATE,
    structure_rows,
    structure_xlsx,
    template_xlsx,
)
from app.plans.structure_import import (
    FILE_IMPORT_SOURCE,
    IN_THE_FILE,
    IN_THE_TEXT,
    StructurePreview,
    import_structure,
    preview_structure,
    problems_message,
)
from app.plans.structure_text import TextRow, read_structure

bp = Blueprint("structure", __name__)


def imported(preview: StructurePreview) -> str:
    return _("Structure imported: %(created)s created, %(there)s already there",
             created=page_number(preview.to_create), there=page_number(preview.already_there))


ImportForm = StructureImportForm | ImportFileForm


def _confirm(
    form: ImportForm, plan: Plan, rows: Callable[[], list[TextRow]], **kwargs: str
) -> ResponseReturnValue | None:
    return save_form(
        form, lambda: import_structure(plan, rows(), previewed=form.previewed.data or "", **kwargs),
        lambda preview: Saved(imported(preview), plan_url(plan)), made=_("the plan with the structure it imported"),
    )


def _show(plan: Plan, rows: list[TextRow], form: ImportForm, field: Field,
          where: str = IN_THE_TEXT) -> StructurePreview:
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


@bp.route("/plans/<int:plan_id>/import/file", methods=["GET", "POST"])
@requires(Role.EDITOR)
def import_file(plan_id: int) -> ResponseReturnValue:
    """A filled-in template uploaded: previewed first, saved on "Confirm import" from what the preview read."""
    plan = load_plan(plan_id)
    form = ImportFileForm()
    rows, answer = posted_rows(form, TEMPLATE, lambda rows: _confirm(
        form, plan, lambda: structure_rows(rows), source=FILE_IMPORT_SOURCE, field_name="file", where=IN_THE_FILE))
    if answer is not None:
        return answer
    preview = None
    if rows is not None:
        form.rows.data = pack_rows(rows)
        preview = _show(plan, structure_rows(rows), form, form.file, IN_THE_FILE)
    return render_template("plans/import_structure_file.html", form=form, plan=plan, preview=preview)


@bp.route("/plans/structure-template.xlsx")
def template() -> ResponseReturnValue:
    return download(ExportFile(template_xlsx(), XLSX, "plan-structure-template.xlsx"))


@bp.route("/plans/<int:plan_id>/structure.xlsx")
def export(plan_id: int) -> ResponseReturnValue:
    plan = load_plan(plan_id)
    return download(ExportFile(structure_xlsx(plan), XLSX, f"{plan.partnership.slug}_{plan.label}_structure.xlsx"))
