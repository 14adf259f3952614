from wtforms import Field
from wtforms.form import BaseForm


class DomainError(Exception):
    """A business rule refused an operation; ``field`` names the form field the message belongs beside."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def put_on_form(form: BaseForm, error: DomainError) -> None:
    """Show a service's refusal next to the field it concerns (or the form's first field)."""
    target: Field | None = getattr(form, error.field, None) if error.field else None
    if target is None:
        target = next(f for f in form if f.name != "csrf_token")
    errors = target.errors if isinstance(target.errors, list) else list(target.errors)
    errors.append(error.message)
    target.errors = errors
