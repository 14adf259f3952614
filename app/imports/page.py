"""The page of an import from a file, the same for every import: upload and preview, then confirm.

A route loads what the import belongs to, then hands over to ``import_page`` with its importer, its template and
where to go once saved.
"""

from collections.abc import Callable
from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from werkzeug.datastructures import FileStorage

from app.common.errors import DomainError, put_on_form
from app.common.numbers import page_number
from app.common.saving import Saved, save_form
from app.imports.forms import ImportFileForm
from app.imports.messages import SELECT_A_FILE
from app.imports.preview import (
    Importer,
    ImportPreview,
    RowState,
    confirm_import,
    pack_rows,
    preview_import,
    problems_message,
    unpack_rows,
)
from app.imports.table import Column, Limits, SheetRow, read_table
from app.imports.xlsx import UNPACKED_FACTOR


def uploaded_rows(upload: object, columns: list[Column]) -> list[SheetRow]:
    """The rows of the file the form carries, read within the configured limits (never more than the size limit
    from the request)."""
    if not isinstance(upload, FileStorage) or not upload.filename:
        raise DomainError("file", str(SELECT_A_FILE))
    limits = Limits.configured()
    return read_table(upload.filename, upload.stream.read(limits.max_bytes + 1), columns, limits)


def posted_rows(form: ImportFileForm, columns: list[Column],
                confirm: Callable[[list[SheetRow]], ResponseReturnValue | None]) -> tuple[list[SheetRow] | None,
                                                                                           ResponseReturnValue | None]:
    """The rows of the form as posted (a file to preview, or the rows of a preview being confirmed), or None when
    there are none to show; and the answer when ``confirm`` saved. A file that cannot be read says why on the form."""
    try:
        if request.form.get("action") == "confirm":
            limit = UNPACKED_FACTOR * Limits.configured().max_bytes  # no more than the file itself could unpack to
            rows = unpack_rows(form.rows.data, columns, limit)
            if answer := confirm(rows):
                return None, answer
            return unpack_rows(form.rows.data, columns, limit), None  # afresh: the confirmation added problems
        if form.validate_on_submit():
            return uploaded_rows(form.file.data, columns), None
    except DomainError as error:
        put_on_form(form, error)
    return None, None


def imported(preview: ImportPreview[Any, Any]) -> str:
    return gettext("Import saved: %(created)s created, %(changed)s changed, %(there)s already there",
                   created=page_number(preview.count(RowState.NEW)),
                   changed=page_number(preview.count(RowState.CHANGES)),
                   there=page_number(preview.count(RowState.EXISTS)))


def import_page(importer: Importer[Any, Any], template: str, done_url: str, **context: Any) -> ResponseReturnValue:
    """The import's page: the file's preview with every row's result beside it, then the import confirmed."""
    form = ImportFileForm()

    def confirm(rows: list[SheetRow]) -> ResponseReturnValue | None:
        return save_form(form, lambda: confirm_import(importer, rows, previewed=form.previewed.data or ""),
                         lambda preview: Saved(imported(preview), done_url), made=gettext("the records it imported"))

    rows, answer = posted_rows(form, importer.columns, confirm)
    if answer is not None:
        return answer
    preview = None
    if rows is not None:
        form.rows.data = pack_rows(rows)
        preview = preview_import(importer, rows)
        form.previewed.data = preview.fingerprint
        if preview.problems and not form.file.errors:
            form.file.errors = [problems_message(preview.problems)]
    return render_template(template, form=form, importer=importer, preview=preview, **context)
