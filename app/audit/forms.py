from datetime import date

from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from app.audit.labels import MODELS, TRACKED
from app.common.forms import DateInputField
from app.models import AuditAction, User

#: The user filter's value for changes made with no one signed in (the demo loader, commands).
NO_USER = "none"


class AuditFilterForm(FlaskForm):
    """The audit page's filters; GET, so a filtered page has an address of its own."""

    class Meta:
        csrf = False

    user = SelectField("Who", validate_choice=False)
    type = SelectField("Kind of record", validate_choice=False)
    action = SelectField("Action", validate_choice=False)
    since = DateInputField("From", what="the first day")
    until = DateInputField("To", what="the last day")

    def __init__(self, users: list[User], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user.choices = [
            SelectChoice("", "Anyone"),
            *(SelectChoice(str(user.id), f"{user.name} ({user.email})") for user in users),
            SelectChoice(NO_USER, "No one signed in (demo data, commands)"),
        ]
        kinds = sorted((TRACKED[model], name) for name, model in MODELS.items())
        self.type.choices = [SelectChoice("", "Any kind"), *(SelectChoice(name, noun) for noun, name in kinds)]
        self.action.choices = [SelectChoice("", "Any action"), *(SelectChoice(a.value, a.label) for a in AuditAction)]

    def filters(self) -> dict:
        """The filters chosen. A value that is not on offer is put beside its field and ignored."""
        chosen: dict = {}
        for field in (self.user, self.type, self.action):
            if not field.data:
                continue
            if field.data not in {choice.value for choice in field.choices}:
                field.errors = [*field.errors, f"Select {field.label.text.lower()} from the list"]
            elif field is self.user:
                chosen["user_id"] = None if field.data == NO_USER else int(field.data)
            else:
                chosen[field.name] = field.data
        since, until = self.since.data, self.until.data
        if since and until and until < since:
            self.until.errors = [*self.until.errors, "Last day must be the same as or after the first day"]
            until = None
        for name, day in (("since", since), ("until", until)):
            if isinstance(day, date) and not getattr(self, name).errors:
                chosen[name] = day
        return chosen
