from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # in WTForms, not in its stubs

from app.activities.pages import activities_of_meeting
from app.attachments.section import attachment_section
from app.audit.history import record_history
from app.auth import requires
from app.common.conflicts import version_conflict
from app.common.dates import page_date
from app.common.forms import ConfirmForm
from app.common.lifecycle import add_archive_routes
from app.common.lists import page_out_of_range, paginate, search_term, show_archived
from app.common.numbers import page_ordinal
from app.common.restricted import can_read_restricted
from app.common.saving import Saved, save_form, saved
from app.exports.routes import download
from app.extensions import db
from app.imports.page import import_page
from app.imports.template import template_file, template_urls
from app.meetings import changing, date_rules, revisions, rows, services
from app.meetings.agenda import AGENDA_LIMIT, START_WITH_AGENDA, starting_data
from app.meetings.arising import next_of_series
from app.meetings.choices import AreaGroup, areas_by_pillar, organisations_in_use, partnership_options, person_options
from app.meetings.details import MeetingDetails
from app.meetings.edit_form import ChangeMeetingForm, MeetingAsSaved, SavedFollowUpRow, SavedParticipantRow, saved_rows
from app.meetings.forms import (
    ASKS_LIMIT,
    COMMITMENTS_LIMIT,
    MAX_FOLLOW_UPS,
    MAX_PARTICIPANTS,
    SUMMARY_LIMIT,
    LogMeetingForm,
    MeetingForm,
    ParticipantForm,
    opening_data,
    partnership_choices,
)
from app.meetings.importer import MeetingImporter
from app.meetings.numbering import abbreviation, gap_notice, next_committee_number, numbered
from app.meetings.pages import (
    MAX_ID,
    follow_ups_of,
    meeting_list,
    meeting_page,
    meeting_years,
    participant_name,
    plans_to_update,
)
from app.meetings.row_forms import FollowUpRow, ParticipantRow
from app.models import (
    COMMITTEE_TYPES,
    Meeting,
    MeetingParticipant,
    MeetingType,
    Organisation,
    Partnership,
    Person,
    Plan,
    Role,
    Side,
)

bp = Blueprint("meetings", __name__, url_prefix="/meetings")

#: Posted by the form that changes a meeting: its participant and follow-up rows are on it, so a row missing was
#: removed.
ROWS_ON_FORM = "rows_on_form"
#: Committee types in the order the desk lists them.
COMMITTEES = [t for t in MeetingType if t in COMMITTEE_TYPES]


def load_meeting(meeting_id: int) -> Meeting:
    if not 0 < meeting_id <= MAX_ID:
        abort(404)
    return db.get_or_404(Meeting, meeting_id)


def partnership_by_slug(slug: str | None) -> Partnership | None:
    if not slug:
        return None
    return db.session.scalar(sa.select(Partnership).where(Partnership.slug == slug[:80]))


@dataclass
class FormPage:
    """What the meeting form shows besides its fields: the partnership chosen and the plan whose areas are offered."""

    partnership: Partnership | None
    plan: Plan | None
    groups: list[AreaGroup]


def prepare_meeting_form(form: MeetingForm, meeting: Meeting | None = None) -> FormPage:
    form.partnership_id.choices = partnership_choices(meeting.partnership if meeting else None)
    partnership = form.partnership_id.choices.record(form.partnership_id.data)
    plan = date_rules.plan_for(partnership, form.held_on.data) if partnership else None
    groups = areas_by_pillar(plan, keep=meeting.areas if meeting else ())
    form.area_ids.choices = [SelectChoice(str(area.id), str(area)) for group in groups for area in group.areas]
    return FormPage(partnership, plan, groups)


def number_hint(page: FormPage, form: MeetingForm, meeting: Meeting | None) -> str:
    partnership, kind = page.partnership, form.meeting_type
    if partnership is None or meeting is not None:
        return gettext("Only for committee meetings (JCC, JSCC and DPC)")
    if kind is not None and kind.is_committee:
        next_number, name = next_committee_number(partnership, kind), abbreviation(kind)
        if next_number == 1:
            return gettext("Only for committee meetings (JCC, JSCC and DPC). No %(committee)s of %(partnership)s is "
                           "recorded yet, so this would be the 1st", committee=name, partnership=partnership.name)
        return gettext("Only for committee meetings (JCC, JSCC and DPC). The highest %(committee)s recorded for "
                       "%(partnership)s is the %(last)s, so the next is the %(next)s", committee=name,
                       partnership=partnership.name, last=page_ordinal(next_number - 1),
                       next=page_ordinal(next_number))
    suggestions = ", ".join(
        numbered(next_committee_number(partnership, kind), kind) for kind in COMMITTEES
    )
    return gettext("Only for committee meetings (JCC, JSCC and DPC). Next numbers for %(partnership)s: "
                   "%(suggestions)s", partnership=partnership.name, suggestions=suggestions)


def area_hint(page: FormPage, held_on: date | None) -> str:
    day = page_date(held_on) if held_on else None
    if page.plan:
        return (gettext("Areas of %(plan)s, the plan covering %(day)s", plan=page.plan.title, day=day) if day
                else gettext("Areas of %(plan)s, the plan in force today", plan=page.plan.title))
    if page.partnership:
        name = page.partnership.name
        return (gettext("%(partnership)s has no plan covering %(day)s", partnership=name, day=day) if day
                else gettext("%(partnership)s has no plan in force today", partnership=name))
    return gettext("Choose the partnership and enter the date, then show the areas of its plan")


def meeting_details(form: MeetingForm, page: FormPage) -> MeetingDetails:
    return form.details(area for group in page.groups for area in group.areas)


def render_meeting_form(form: MeetingForm, page: FormPage, meeting: Meeting | None, **extra: object) -> str:
    return render_template(
        "meetings/form.html", form=form, meeting=meeting, page=page,
        number_hint=number_hint(page, form, meeting), area_hint=area_hint(page, form.held_on.data),
        limits={"summary": SUMMARY_LIMIT, "asks": ASKS_LIMIT, "commitments": COMMITMENTS_LIMIT, "agenda": AGENDA_LIMIT},
        **extra,
    )


def wants_refresh() -> bool:
    """The no-JavaScript "Show the areas" button: re-show the form for the partnership and date chosen."""
    return request.method == "POST" and request.form.get("action") == "refresh"


@bp.route("/")
def index() -> ResponseReturnValue:
    slug = request.args.get("partnership") or None
    kind = request.args.get("type") or None
    year = request.args.get("year", "")
    query = meeting_list(
        partnership_slug=slug, type=kind, year=year, term=search_term(),
        restricted_readable=can_read_restricted(), include_archived=show_archived(),
    )
    # Newest first; meetings whose date is not known go last.
    pages = paginate(query, Meeting.newest_first())
    return page_out_of_range(pages) or render_template(
        "meetings/list.html", pages=pages, partnerships=partnership_options(), types=MeetingType,
        years=meeting_years(), chosen={"partnership": slug, "type": kind, "year": year},
    )


@bp.route("/<int:meeting_id>")
def detail(meeting_id: int) -> ResponseReturnValue:
    meeting = meeting_page(meeting_id)
    if meeting is None:
        abort(404)
    sides = [(side, [p for p in meeting.participants if p.side == side]) for side in Side]
    return render_template(
        "meetings/detail.html", meeting=meeting, sides=[(s, ps) for s, ps in sides if ps],
        follow_ups=follow_ups_of(meeting), gap_notice=gap_notice(meeting), today=date.today(),
        record_history=record_history(meeting), activities=activities_of_meeting(meeting.id),
        section=attachment_section(meeting), next_of_series=next_of_series(meeting),
        status_plans=plans_to_update(meeting) if current_user.can(Role.EDITOR) else [],
    )


@bp.route("/new/areas")
@requires(Role.EDITOR)
def area_choices() -> ResponseReturnValue:
    """For the form's script: the areas (and the committee number hint) for the partnership and date chosen so far,
    so the page need not be sent to show them."""
    form = MeetingForm(formdata=request.args, meta={"csrf": False})
    page = prepare_meeting_form(form)
    return {
        "hint": area_hint(page, form.held_on.data),
        "number_hint": number_hint(page, form, None),
        "groups": [
            {"pillar": group.pillar.name, "areas": [[area.id, f"{area.code} {area.name}"] for area in group.areas]}
            for group in page.groups
        ],
    }


@bp.route("/new", methods=["GET", "POST"])
@requires(Role.EDITOR)
def create() -> ResponseReturnValue:
    # Opened from matters arising with the agenda edited there: shown to be filled in, not yet judged.
    starting = request.method == "POST" and request.form.get("action") == START_WITH_AGENDA
    if request.method == "GET" or starting:
        initial = opening_data(request.args.get("type"), current_user.id)
        if partnership := partnership_by_slug(request.args.get("partnership")):
            initial["partnership_id"] = partnership.id
        if starting:
            initial |= starting_data(partnership, request.args.get("type"), request.form)
        form = LogMeetingForm(formdata=None, data=initial)
    else:
        form = LogMeetingForm()
    page = prepare_meeting_form(form)
    action = request.form.get("action") if request.method == "POST" else None
    # "Add another" and "Remove" without JavaScript: show the form again with one row more or less, unjudged.
    focus_id = rows.apply_list_action(form, action)
    choices = rows.load_choices(form, page.groups)

    def log() -> Meeting:
        assert page.partnership is not None  # the form requires one of those offered, so a valid form has one
        return services.log_meeting_in_full(
            page.partnership, meeting_details(form, page),
            participants=rows.participant_entries(form, choices), follow_ups=rows.follow_up_entries(form, choices),
        )

    if focus_id is None and not wants_refresh() and not starting and (answer := save_form(
        form, log,
        lambda meeting: Saved(gettext("Meeting saved: %(meeting)s", meeting=meeting.name),
                              url_for(".detail", meeting_id=meeting.id)),
        made=gettext("the meeting it made"), put_error=rows.put_error,
    )):
        return answer
    return render_meeting_form(
        form, page, None, choices=choices, focus_id=focus_id,
        blank_participant=choices.blank(ParticipantRow), blank_follow_up=choices.blank(FollowUpRow),
        max_rows={"participants": MAX_PARTICIPANTS, "followups": MAX_FOLLOW_UPS},
    )


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(meeting_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    in_use = follow_ups_of(meeting)
    # Shown first with the rows of the meeting as it stands; once posted, with the rows posted (none kept from the
    # record: a row added or removed on the form would be paired with the wrong one).
    rows_now = saved_rows(meeting, in_use) if request.method == "GET" else {"participants": [], "followups": []}
    form = ChangeMeetingForm(obj=MeetingAsSaved(meeting, rows_now), area_ids=[area.id for area in meeting.areas])
    page = prepare_meeting_form(form, meeting)
    focus_id = rows.apply_list_action(form, request.form.get("action") if request.method == "POST" else None)
    choices = rows.load_choices(form, page.groups, rows.Kept.of(meeting, in_use))
    detail_url = url_for(".detail", meeting_id=meeting.id)

    def change() -> Meeting:
        details = meeting_details(form, page)
        if ROWS_ON_FORM not in request.form:
            # Posted by something other than the page (which always says it shows the rows): details only.
            return changing.change_meeting_in_full(meeting, details, partnership=page.partnership)
        participants, follow_ups = rows.participant_entries(form, choices), rows.follow_up_entries(form, choices)
        rows.with_saved_records(form, meeting, in_use, participants, follow_ups)
        return changing.change_meeting_in_full(meeting, details, partnership=page.partnership,
                                               participants=participants, follow_ups=follow_ups)

    if focus_id is None and not wants_refresh() and (answer := save_form(
        form, change, lambda _: Saved(gettext("Meeting saved: %(meeting)s", meeting=meeting.name), detail_url),
        conflict=lambda: version_conflict(meeting, form, title=meeting.name, back_url=detail_url),
        put_error=rows.put_error,
    )):
        return answer
    return render_meeting_form(
        form, page, meeting, choices=choices, focus_id=focus_id,
        blank_participant=choices.blank(SavedParticipantRow), blank_follow_up=choices.blank(SavedFollowUpRow),
        max_rows={"participants": MAX_PARTICIPANTS, "followups": MAX_FOLLOW_UPS},
        delegations=[participant_name(p) for p in meeting.participants if p.person_id is None],
        rows_on_form=ROWS_ON_FORM,
    )


@bp.route("/<int:meeting_id>/participants/new", methods=["GET", "POST"], endpoint="add_participant")
@requires(Role.EDITOR)
def new_participant(meeting_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    form = ParticipantForm()
    form.person_id.choices = [SelectChoice("", gettext("Choose a person"))] + [
        SelectChoice(str(person.id), person.label) for person in person_options()
    ]
    form.organisation_id.choices = [SelectChoice("", gettext("Not a whole delegation"))] + [
        SelectChoice(str(o.id), o.name) for o in organisations_in_use()
    ]

    def add() -> MeetingParticipant:
        person = db.session.get(Person, form.person_id.data) if form.person_id.data else None
        organisation = db.session.get(Organisation, form.organisation_id.data) if form.organisation_id.data else None
        return services.add_participant(
            meeting, side=form.side.data, role=form.role.data, person=person, organisation=organisation
        )

    def said(participant: MeetingParticipant) -> Saved:
        name = participant_name(participant)
        message = (gettext("Participant added: %(name)s, %(post)s", name=name, post=participant.position.title)
                   if participant.position else gettext("Participant added: %(name)s", name=name))
        return Saved(message,
                     url_for(".detail", meeting_id=meeting.id, _anchor="participants"))

    if answer := save_form(form, add, said, made=gettext("the meeting with the participant it added")):
        return answer
    return render_template("meetings/participant_form.html", form=form, meeting=meeting)


def load_participant(meeting: Meeting, participant_id: int) -> MeetingParticipant | None:
    if not 0 < participant_id <= MAX_ID:
        return None
    participant = db.session.get(MeetingParticipant, participant_id)
    return participant if participant is not None and participant.meeting_id == meeting.id else None


@bp.route("/<int:meeting_id>/participants/<int:participant_id>/remove", methods=["GET", "POST"])
@requires(Role.EDITOR)
def remove_participant(meeting_id: int, participant_id: int) -> ResponseReturnValue:
    meeting = load_meeting(meeting_id)
    participant = load_participant(meeting, participant_id)
    back = url_for(".detail", meeting_id=meeting.id, _anchor="participants")
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if participant is None:
            # Pressed twice: the first press removed them.
            return redirect(back)
        # Named before the removal: a call named after who met whom may change its name with it.
        message = gettext("Participant removed from %(meeting)s: %(name)s", meeting=meeting.name,
                          name=participant_name(participant))
        services.remove_participant(participant)
        return saved(message, back)
    if participant is None:
        abort(404)
    return render_template("meetings/remove_participant.html", meeting=meeting, participant=participant,
                           name=participant_name(participant), form=form, cancel_url=back)


@bp.route("/<int:meeting_id>/history")
def history(meeting_id: int) -> ResponseReturnValue:
    """Every version of the meeting's summary, asks and commitments, who set each and when; with ``?text=summary&
    earlier=1&later=3``, what changed between two of them, word by word."""
    meeting = load_meeting(meeting_id)
    texts = revisions.text_histories(meeting)
    chosen = request.args.get("text", "")
    compared = next((text for text in texts if text.field.value == chosen), None)
    earlier, later = (compared.version(request.args.get(name, type=int)) if compared else None
                      for name in ("earlier", "later"))
    problem = None
    if compared is not None and (earlier is None or later is None):
        problem = gettext("Select two versions of the %(text)s from the lists", text=compared.label.lower())
    elif earlier and later and earlier.number > later.number:
        earlier, later = later, earlier  # what changed reads from the older version to the newer, however chosen
    difference = (revisions.word_difference(earlier.text, later.text)
                  if earlier and later and not earlier.hidden and not later.hidden else None)
    return render_template(
        "meetings/history.html", meeting=meeting, texts=texts, compared=compared, earlier=earlier, later=later,
        difference=difference, problem=problem, audit_url=url_for("audit.record", type="meetings", id=meeting.id),
    )


@bp.route("/import/<slug>", methods=["GET", "POST"])
@requires(Role.EDITOR)
def import_file(slug: str) -> ResponseReturnValue:
    """A partnership's past meetings from a filled-in template: previewed first, saved on "Confirm import"."""
    partnership = partnership_by_slug(slug) or abort(404)
    meetings_url = url_for(".index", partnership=partnership.slug)
    return import_page(MeetingImporter(partnership), "meetings/import.html", meetings_url, partnership=partnership,
                       section=partnership.name, back_url=url_for("partnerships.detail", slug=partnership.slug),
                       template_urls=template_urls(".template"))


@bp.route("/import-template.<format>")
def template(format: str) -> ResponseReturnValue:
    return download(template_file(format, MeetingImporter.columns, "Meetings", "meetings"))


add_archive_routes(
    bp,
    rule="/<int:meeting_id>",
    kind="meeting",
    load=load_meeting,
    detail_url=lambda m: url_for("meetings.detail", meeting_id=m.id),
)
