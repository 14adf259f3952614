from collections.abc import Sequence
from datetime import date
from typing import Any, TypedDict

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

# WTForms has it since 3.1; the stubs (types-WTForms 3.2) do not declare it yet.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]

from app.audit.labels import MODELS, TRACKED
from app.common.forms import DateInputField, options
from app.models import AuditAction, User

#: The user filter's value for changes made with no one signed in (the demo loader, commands).
NO_USER = "none"


class AuditFilters(TypedDict, total=False):
    """The filters chosen on the audit page, as ``audit_query`` takes them."""

    #: None: changes made with no one signed in.
    user_id: int | None
    type: str
    action: str
    since: date
    until: date


class AuditFilterForm(FlaskForm):
    """The audit page's filters; GET, so a filtered page has an address of its own."""

    class Meta:
        csrf = False

    user = SelectField(_l("Who"), validate_choice=False)
    type = SelectField(_l("Kind of record"), validate_choice=False)
    action = SelectField(_l("Action"), validate_choice=False)
    since = DateInputField(_l("From"), what=_l("the first day"))
    until = DateInputField(_l("To"), what=_l("the last day"))

    def __init__(self, users: Sequence[User], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user.choices = [
            SelectChoice("", gettext("Anyone")),
            *(SelectChoice(str(user.id), f"{user.name} ({user.email})") for user in users),
            SelectChoice(NO_USER, gettext("No one signed in (demo data, commands)")),
        ]
        kinds = sorted((str(TRACKED[model]), name) for name, model in MODELS.items())
        self.type.choices = [SelectChoice("", gettext("Any kind")), *(SelectChoice(name, noun) for noun, name in kinds)]
        self.action.choices = [SelectChoice("", gettext("Any action")),
                               *(SelectChoice(a.value, a.label) for a in AuditAction)]

    def filters(self) -> AuditFilters:
        """The filters chosen. A value that is not on offer is put beside its field and ignored."""
        chosen: AuditFilters = {}
        for field in (self.user, self.type, self.action):
            if not field.data:
                continue
            if field.data not in {value for value, _ in options(field)}:
                field.errors = [*field.errors,
                                gettext("Select %(what)s from the list", what=str(field.label.text).lower())]
            elif field is self.user:
                chosen["user_id"] = None if field.data == NO_USER else int(field.data)
            elif field is self.type:
                chosen["type"] = field.data
            else:
                chosen["action"] = field.data
        since, until = self.since.data, self.until.data
        if since and until and until < since:
            self.until.errors = [*self.until.errors, "Last day must be the same as or after the first day"]
            until = None
        if isinstance(since, date) and not self.since.errors:
            chosen["since"] = since
        if isinstance(until, date) and not self.until.errors:
            chosen["until"] = until
        return chosen
