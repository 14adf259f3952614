"""What a unique rule of the database means on a form: the field beside which a clash is shown, and in what words.

The services check these rules before writing, but two saves at the same moment both pass the check, and the
database refuses the second when it writes (at flush or at commit). That refusal names a constraint, or on SQLite
the columns it covers; this table turns it into the message the service would have given.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from wtforms.form import BaseForm

from app.common.errors import DomainError
from app.extensions import db


@dataclass(frozen=True)
class Clash:
    field: str | None
    #: ``{value}`` is what was typed in ``field``.
    message: str
    #: Shown on a form without ``field`` (an import, say), where there is no typed value to name.
    elsewhere: str = ("Someone saved the same record at the same moment – check what is there now, then try "
                      "again")


ORGANISATION_NAME = Clash("name", "An organisation called {value} already exists – enter a different name")
PLAN_LABEL = Clash(
    "label", "Label {value} is already used by another plan of this partnership – enter a different label")
PILLAR_NAME = Clash("name", "A pillar called {value} is already in this plan – enter a different name")
AREA_CODE = Clash("code", "Area code {value} is already used in this plan – enter a different code")
LINE_CODE = Clash("code", "Action line code {value} is already used in this area – enter a different code")
REMARKS_AT_ONCE = Clash(None, "Someone else saved remarks for this report period at the same moment – what you wrote "
                              "is kept below: save again to keep it over theirs")

#: Constraint or index name -> where and how the clash is shown. A unique rule not listed here is a bug, not a clash
#: a person can resolve, and stays an error. The exact and the case-blind rule of a name give the same message.
CLASHES = {
    "uq_organisations_name": ORGANISATION_NAME,
    "uq_organisations_lower_name": ORGANISATION_NAME,
    "uq_organisations_iso_code": Clash("iso_code", "ISO 3166 code {value} is already used by another organisation"),
    "uq_meetings_partnership_id_type_number": Clash(
        "number", "A meeting of this type numbered {value} was saved for this partnership at the same moment – "
        "enter a different number"),
    "uq_meeting_participants_meeting_id_person_id": Clash(
        "person_id", "This person is already listed for this meeting"),
    "uq_partnerships_organisation_id_partner_id": Clash(
        "partner", "A partnership between these two organisations already exists"),
    "uq_partnerships_slug": Clash(
        "slug", "Web address {value} is already used by another partnership – enter a different one"),
    "uq_plans_partnership_id_label": PLAN_LABEL,
    "uq_plans_partnership_id_lower_label": PLAN_LABEL,
    "uq_plans_supersedes_id": Clash(None, "This plan already has a successor"),
    "uq_pillars_plan_id_name": PILLAR_NAME,
    "uq_pillars_plan_id_lower_name": PILLAR_NAME,
    "uq_cooperation_areas_plan_id_code": AREA_CODE,
    "uq_cooperation_areas_plan_id_lower_code": AREA_CODE,
    "uq_action_lines_area_id_code": LINE_CODE,
    "uq_action_lines_area_id_lower_code": LINE_CODE,
    "uq_users_email": Clash("email", "A user with the email address {value} already exists"),
    "uq_report_remarks_one_per_area": REMARKS_AT_ONCE,
    "uq_report_remarks_one_per_action_line": REMARKS_AT_ONCE,
    "uq_calendar_feeds_live_user_id": Clash(
        None, "A feed address was being made for you at the same moment, from another page: make one again to see it "
              "(the other stops answering)"),
    "uq_api_tokens_live_user_id_lower_name": Clash(
        "name", "You already have a token called {value} – enter a different name"),
    "uq_reminder_settings_user_id": Clash(
        None, "Your reminder e-mails were being saved at the same moment from another page – check them below and "
              "save again"),
}


def constraint_refused(error: IntegrityError) -> str | None:
    """The name of the unique constraint or index behind ``error``, or None for any other refusal."""
    diagnosis = getattr(error.orig, "diag", None)  # psycopg names the constraint
    if diagnosis is not None:
        return diagnosis.constraint_name if getattr(error.orig, "sqlstate", None) == "23505" else None
    # SQLite names an index on an expression ("index 'uq_...'"), else the columns of the constraint.
    text = str(error.orig)
    if not text.startswith("UNIQUE constraint failed: "):
        return None
    refused = text.removeprefix("UNIQUE constraint failed: ")
    if refused.startswith("index '"):
        return refused.removeprefix("index '").rstrip("'")
    return _constraints_by_columns().get(refused)


def _constraints_by_columns() -> dict[str, str]:
    """"table.column, table.column" (as SQLite reports a clash) -> the constraint's name."""
    names: dict[str, str] = {}
    for table in db.metadata.tables.values():
        rules: list[sa.UniqueConstraint | sa.Index] = [
            c for c in table.constraints if isinstance(c, sa.UniqueConstraint)]
        # An index on an expression is reported by its name, never by its columns.
        rules += [i for i in table.indexes if i.unique and all(isinstance(e, sa.Column) for e in i.expressions)]
        for rule in rules:
            if isinstance(rule.name, str):  # the naming convention names every rule
                names[", ".join(f"{table.name}.{column.name}" for column in rule.columns)] = rule.name
    return names


def as_refusal(error: IntegrityError, form: BaseForm) -> DomainError | None:
    """The clash behind ``error`` as a refusal to show on ``form``, or None when it is not one a person can fix."""
    clash = CLASHES.get(constraint_refused(error) or "")
    if clash is None:
        return None
    if clash.field and clash.field not in form:
        return DomainError(None, clash.elsewhere)
    value = form[clash.field].data if clash.field else ""
    return DomainError(clash.field, clash.message.format(value=value))
