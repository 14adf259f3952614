from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypedDict

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, Form, FormField, HiddenField, RadioField, SelectField, TextAreaField

# WTForms has it since 3.1; the stubs (types-WTForms 3.2) do not declare it yet.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import DataRequired, InputRequired

from app.common.dates import page_date
from app.common.forms import DateInputField, max_length, optional_int, options, strip
from app.models import REMARK_MAX, ActionLine, CooperationArea, PartnershipLevel, PartnershipStatus, Plan, ReportRemark
from app.reports.drafts import RemarkAnswer, Subject, texts_digest
from app.reports.remarks import WAY_FORWARD_MAX

WINDOWS = [SelectChoice("plan", _l("The whole plan")), SelectChoice("year", _l("A calendar year")),
           SelectChoice("dates", _l("From one date to another"))]


class ReportWindowForm(FlaskForm):
    """Which plan and which window the report covers; sent with GET so a report has a shareable address."""

    class Meta:
        csrf = False

    # Choices are checked below with messages of our own, not WTForms' "Not a valid choice".
    plan = SelectField(_l("Plan"), coerce=optional_int, validate_choice=False,
                       validators=[InputRequired(message=_l("Select the plan"))])
    window = RadioField(_l("Period to report on"), choices=WINDOWS, default="dates")
    year = SelectField(_l("Calendar year"), coerce=optional_int, validate_choice=False)
    starts_on = DateInputField(_l("From"), what=_l("the start of the report period"))
    ends_on = DateInputField(_l("To"), what=_l("the end of the report period"))
    # Honoured for editors and admins only; see app.reports.routes.include_restricted.
    include_restricted = BooleanField(_l("Include restricted notes"), false_values=("", "0", "false"))

    def __init__(self, plans: Sequence[Plan], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plans = {plan.id: plan for plan in plans}
        self.plan.choices = [SelectChoice(plan.id, f"{plan.title} ({plan.state.label.lower()})") for plan in plans]
        years = sorted({y for plan in plans for y in range(plan.starts_on.year, plan.ends_on.year + 1)})
        self.year.choices = [SelectChoice(year, str(year)) for year in years]

    def validate_plan(self, field: SelectField) -> None:
        if field.data not in self.plans:
            raise_error(field, gettext("Select the plan from the list"))

    def chosen_window(self) -> tuple[date, date] | None:
        """The window asked for, or None after putting a message on the field at fault."""
        plan = self.plans.get(self.plan.data)
        if plan is None:
            return None
        if self.window.data == "plan":
            return plan.starts_on, plan.ends_on
        if self.window.data == "year":
            if self.year.data is None or not plan.starts_on.year <= self.year.data <= plan.ends_on.year:
                raise_error(self.year, gettext("Select a year between %(first)s and %(last)s",
                                               first=plan.starts_on.year, last=plan.ends_on.year))
                return None
            return max(date(self.year.data, 1, 1), plan.starts_on), min(date(self.year.data, 12, 31), plan.ends_on)
        starts_on, ends_on = self.starts_on.data, self.ends_on.data
        if starts_on is None:
            raise_error(self.starts_on, gettext("Enter the start of the report period"))
        if ends_on is None:
            raise_error(self.ends_on, gettext("Enter the end of the report period"))
        if starts_on is None or ends_on is None:
            return None
        if ends_on < starts_on:
            raise_error(self.ends_on, gettext("End of the report period must be the same as or after its start"))
            return None
        if starts_on < plan.starts_on or ends_on > plan.ends_on:
            raise_error(self.starts_on if starts_on < plan.starts_on else self.ends_on,
                        gettext("The report period must be within the plan, %(starts_on)s to %(ends_on)s",
                                starts_on=page_date(plan.starts_on), ends_on=page_date(plan.ends_on)))
            return None
        return starts_on, ends_on


def raise_error(field: Field, message: str) -> None:
    field.errors = [*field.errors, message]


def own_args(form: FlaskForm, args: Mapping[str, str]) -> dict[str, str]:
    """The query arguments among ``args`` that are ``form``'s own fields (a date as its day, month and year), for
    a link or redirect back to the form's page. Anything else is left behind: passed on to ``url_for``, a ``slug``
    would clash with the page's own, and ``_external``, ``_scheme`` or ``_method`` would change where it leads."""
    names = []
    for field in form:
        names += [f"{field.name}-{part}" for part in field.PARTS] if isinstance(field, DateInputField) else [field.name]
    return {name: args[name] for name in names if name in args}


class IssueReportForm(FlaskForm):
    way_forward = TextAreaField(
        _l("Way forward"),
        validators=[DataRequired(message=_l("Enter the way forward")), max_length(_l("Way forward"), WAY_FORWARD_MAX)],
        filters=[strip],
    )


class SubjectRemarksForm(Form):
    """The remarks and way forward of one area or action line: a part of the area's remarks form, whose labels and
    messages name the subject's code (``area_remarks_form``)."""

    remarks = TextAreaField(_l("Remarks"), filters=[strip], validators=[max_length(_l("Remarks"), REMARK_MAX)])
    way_forward = TextAreaField(_l("Way forward"), filters=[strip],
                                validators=[max_length(_l("Way forward"), REMARK_MAX)])
    #: The version of the draft the page was opened on; 0 when there was none.
    version = HiddenField(default="0")
    #: A digest of the texts the page was opened with: a part left as it was is not saved, so it never takes the
    #: place of what someone else saved meanwhile.
    opened = HiddenField(default="")

    @property
    def changed(self) -> bool:
        """Whether the texts differ from those the page was opened with (a post that does not say is changed)."""
        if not self.opened.data:
            return True
        return texts_digest(self.remarks.data or "", self.way_forward.data or "") != self.opened.data

    def name_subject(self, code: str) -> None:
        for field, label in ((self.remarks, gettext("Remarks on %(code)s", code=code)),
                             (self.way_forward, gettext("Way forward on %(code)s", code=code))):
            field.label.text = label
            field.validators = [max_length(label, REMARK_MAX)]


class AreaRemarksForm(FlaskForm):
    """The area's remarks and way forward, then each action line's (``line_<id>`` parts added per area)."""

    area = FormField(SubjectRemarksForm)

    def __init__(self, *args: Any, subjects: dict[str, CooperationArea | ActionLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The area or action line of each part, by the part's name.
        self.subjects = subjects
        for name, subject in subjects.items():
            self.part(name).name_subject(subject.code)

    def part(self, name: str) -> SubjectRemarksForm:
        field = self[name]
        assert isinstance(field, FormField)  # every subject's part is one (``area_remarks_form``)
        part: SubjectRemarksForm = field.form
        return part

    def answers(self) -> list[RemarkAnswer]:
        answers = []
        for name, subject in self.subjects.items():
            part = self.part(name)
            area, line = (subject, None) if isinstance(subject, CooperationArea) else (None, subject)
            answers.append(RemarkAnswer(area, line, part.remarks.data or "", part.way_forward.data or "",
                                        optional_int(part.version.data) or 0, changed=part.changed))
        return answers


def opened_on(draft: ReportRemark) -> dict[str, str]:
    """A part's fields as a page opened on ``draft`` fills them."""
    return {"remarks": draft.remarks, "way_forward": draft.way_forward, "version": str(draft.version),
            "opened": texts_digest(draft.remarks, draft.way_forward)}


def area_remarks_form(area: CooperationArea, lines: Sequence[ActionLine],
                      drafts: dict[Subject, ReportRemark]) -> AreaRemarksForm:
    """The form for ``area`` and its ``lines``, filled with the window's ``drafts`` (or what was posted)."""
    parts = {f"line_{line.id}": FormField(SubjectRemarksForm) for line in lines}
    form_class = type("LinesRemarksForm", (AreaRemarksForm,), parts)
    subjects: dict[str, CooperationArea | ActionLine] = {"area": area, **{f"line_{line.id}": line for line in lines}}
    data = {}
    for name, subject in subjects.items():
        draft = drafts.get(("area" if name == "area" else "action_line", subject.id))
        data[name] = opened_on(draft) if draft is not None else {"opened": texts_digest("", "")}
    form: AreaRemarksForm = form_class(data=data, subjects=subjects)
    return form


class PortfolioFilters(TypedDict, total=False):
    """The filters chosen on the portfolio page, as ``build_portfolio_report`` takes them."""

    status: str
    level: str
    pillar: str


class PortfolioForm(FlaskForm):
    """The date and filters of the portfolio report; GET, so the page has a shareable address."""

    class Meta:
        csrf = False

    as_of = DateInputField(_l("Status as of"), what=_l("the date of the report"))
    status = SelectField(_l("Partnership status"), validate_choice=False)
    level = SelectField(_l("Level"), validate_choice=False)
    pillar = SelectField(_l("Pillar"), validate_choice=False)

    def __init__(self, pillars: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        def with_blank(blank: str, pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
            return [SelectChoice("", blank), *(SelectChoice(value, text) for value, text in pairs)]

        self.status.choices = with_blank(gettext("Any status"), PartnershipStatus.choices())
        self.level.choices = with_blank(gettext("Any level"), PartnershipLevel.choices())
        self.pillar.choices = with_blank(gettext("All pillars"), [(name, name) for name in pillars])

    def filters(self) -> PortfolioFilters:
        """The filters chosen; an unknown value is put beside its field and ignored."""
        chosen: PortfolioFilters = {}
        if status := _on_offer(self.status, gettext("Select partnership status from the list")):
            chosen["status"] = status
        if level := _on_offer(self.level, gettext("Select level from the list")):
            chosen["level"] = level
        if pillar := _on_offer(self.pillar, gettext("Select pillar from the list")):
            chosen["pillar"] = pillar
        return chosen


def _on_offer(field: SelectField, message: str) -> str | None:
    """The value chosen in ``field`` (None: nothing chosen), or None after putting ``message`` beside the field when
    the value is not one it offers."""
    if not field.data:
        return None
    if field.data not in {value for value, _ in options(field)}:
        raise_error(field, message)
        return None
    return str(field.data)
