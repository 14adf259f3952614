from wtforms import Field, FormField
from wtforms.form import BaseForm


class DomainError(Exception):
    """A business rule refused an operation; ``field`` names the form field the message belongs beside."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def put_on_form(form: BaseForm, error: DomainError) -> None:
    """Show a service's refusal next to the field it concerns, else beside the form's first field (the first of
    a part of the form, when the form begins with one), else at the top of a form that has no field to show."""
    target: Field | None = getattr(form, error.field, None) if error.field else None
    if target is None:
        target = _first_field(form)
    if target is None:
        form.form_errors.append(error.message)
        return
    errors = target.errors if isinstance(target.errors, list) else list(target.errors)
    errors.append(error.message)
    target.errors = errors


def _first_field(form: BaseForm) -> Field | None:
    for field in form:
        if isinstance(field, FormField):
            return _first_field(field.form)
        if field.name != "csrf_token":
            return field
    return None
