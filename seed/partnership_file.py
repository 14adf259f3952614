"""One partnership file of the demo data: the partnership, its history, plans, meetings, follow-ups and status
reviews, each looked up by its natural key first and created through the services when missing."""

from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from app.activities.details import ActivityDetails
from app.activities.services import create_activity, set_activity_state
from app.areas.details import ActionLineDetails, AreaDetails, StatusDetails
from app.areas.services import add_action_line, add_area, record_status
from app.extensions import db
from app.follow_ups.chases import record_chase
from app.follow_ups.details import FollowUpDetails
from app.follow_ups.services import create_follow_up
from app.meetings.details import MeetingDetails
from app.meetings.services import add_participant, log_meeting
from app.models import (
    ActionLine,
    Activity,
    CooperationArea,
    FollowUpAction,
    Meeting,
    MeetingParticipant,
    MeetingType,
    Partnership,
    PartnershipEvent,
    Pillar,
    Plan,
    PlanExtension,
    ReportRemark,
    StatusUpdate,
)
from app.partnerships.details import PartnershipDetails
from app.partnerships.services import create_partnership, record_partnership_event
from app.plans.details import PlanDetails
from app.plans.services import add_pillar, create_plan, extend_plan
from app.reports.drafts import RemarkAnswer, drafts_of, save_remarks
from seed.records import Registry, SeedDataError, fields_of


class PartnershipLoader:
    """One partnership file: the partnership, its history, plans, meetings, follow-ups and status reviews."""

    def __init__(self, loader: Registry, data: dict[str, Any]):
        self.loader = loader
        self.data = data
        self.plans: dict[str, Plan] = {}
        self.areas: dict[tuple[str, str], CooperationArea] = {}
        self.lines: dict[tuple[str, str], ActionLine] = {}
        self.meetings: dict[tuple[str, object], Meeting] = {}
        self.partnership: Partnership

    def load(self) -> None:
        self.load_partnership()
        for block in self.data.get("event", []):
            self.load_event(block)
        for block in self.data.get("plan", []):
            self.load_plan(block)
        for block in self.data.get("meeting", []):
            self.load_meeting(block)
        for block in self.data.get("follow_up", []):
            self.load_follow_up(block)
        for block in self.data.get("status_review", []):
            self.load_status_review(block)
        for block in self.data.get("activity", []):
            self.load_activity(block)
        for block in self.data.get("report_remarks", []):
            self.load_report_remarks(block)

    def fail(self, where: str, message: str) -> SeedDataError:
        return SeedDataError(f"{where}: {message}")

    def load_partnership(self) -> None:
        block = self.data.get("partnership")
        if block is None:
            raise self.fail("[partnership]", "missing")
        values = fields_of(block, "[partnership]", required=("organisation", "partner", "slug"), optional=("notes",))
        where = f"partnership {values['slug']}"
        organisation = self.loader.organisation(values.pop("organisation"), where)
        partner = self.loader.organisation(values.pop("partner"), where)
        existing = db.session.scalar(sa.select(Partnership).where(Partnership.slug == values["slug"]))
        self.partnership = self.loader.ensure(
            "partnership", where, existing,
            lambda: create_partnership(PartnershipDetails(organisation=organisation, partner=partner, **values)),
        )

    def load_event(self, block: dict) -> None:
        where = f"event of {block.get('occurred_on')}"
        values = fields_of(
            block, where, required=("occurred_on", "kind", "status"), optional=("level", "description")
        )
        existing = db.session.scalar(
            sa.select(PartnershipEvent).where(
                PartnershipEvent.partnership_id == self.partnership.id,
                PartnershipEvent.occurred_on == values["occurred_on"],
                PartnershipEvent.kind == values["kind"],
            )
        )
        self.loader.ensure(
            "event", where, existing, lambda: record_partnership_event(self.partnership, **values)
        )

    # -- plans ----------------------------------------------------------------------------------------------

    def load_plan(self, block: dict) -> None:
        where = f"plan {block.get('label')}"
        values = fields_of(
            block, where,
            required=("label", "kind", "title", "starts_on", "ends_on", "pillars"),
            optional=("adopted_on", "state", "supersedes", "extension", "area"),
        )
        pillars, extensions, areas = values.pop("pillars"), values.pop("extension") or [], values.pop("area") or []
        label = values["label"]
        if values["supersedes"] is not None:
            if values["supersedes"] not in self.plans:
                raise self.fail(where, f"supersedes {values['supersedes']}, which is not an earlier plan in the file")
            values["supersedes"] = self.plans[values["supersedes"]]
        values["state"] = values["state"] or "draft"
        supersedes = values.pop("supersedes")
        existing = db.session.scalar(
            sa.select(Plan).where(Plan.partnership_id == self.partnership.id, Plan.label == label)
        )
        plan = self.loader.ensure(
            "plan", where, existing,
            lambda: create_plan(self.partnership, PlanDetails(**values), supersedes=supersedes),
        )
        self.plans[label] = plan

        for extension in extensions:
            self.load_extension(plan, extension, where)
        by_name = {}
        for position, name in enumerate(pillars, start=1):
            existing = db.session.scalar(sa.select(Pillar).where(Pillar.plan_id == plan.id, Pillar.name == name))
            by_name[name] = self.loader.ensure(
                "pillar", f"{where}, pillar {name}", existing,
                lambda n=name, p=position: add_pillar(plan, name=n, position=p),
            )
        for area in areas:
            self.load_area(plan, by_name, area, where)

    def load_extension(self, plan: Plan, block: dict, owner: str) -> None:
        where = f"{owner}, extension to {block.get('new_ends_on')}"
        values = fields_of(block, where, required=("new_ends_on", "decided_on", "decision"))
        existing = db.session.scalar(
            sa.select(PlanExtension).where(
                PlanExtension.plan_id == plan.id, PlanExtension.new_ends_on == values["new_ends_on"]
            )
        )
        self.loader.ensure("extension", where, existing, lambda: extend_plan(plan, **values))

    def load_area(self, plan: Plan, pillars: dict[str, Pillar], block: dict, owner: str) -> None:
        where = f"{owner}, area {block.get('code')}"
        values = fields_of(
            block, where, required=("pillar", "code", "name"),
            optional=("focal_point", "description", "action_lines"),
        )
        lines = values.pop("action_lines") or []
        pillar_name = values.pop("pillar")
        if pillar_name not in pillars:
            raise self.fail(where, f"pillar {pillar_name} is not one of the plan's pillars")
        existing = db.session.scalar(
            sa.select(CooperationArea).where(
                CooperationArea.plan_id == plan.id, CooperationArea.code == values["code"]
            )
        )
        area = self.loader.ensure(
            "area", where, existing, lambda: add_area(plan, AreaDetails(pillar=pillars[pillar_name], **values))
        )
        self.areas[(plan.label, area.code)] = area
        for line in lines:
            line_where = f"{where}, action line {line.get('code')}"
            line_values = fields_of(line, line_where, required=("code", "text"))
            existing = db.session.scalar(
                sa.select(ActionLine).where(ActionLine.area_id == area.id, ActionLine.code == line_values["code"])
            )
            action_line = self.loader.ensure(
                "action_line", line_where, existing, lambda v=line_values: add_action_line(area, ActionLineDetails(**v))
            )
            key = (plan.label, action_line.code)
            if key in self.lines:
                raise self.fail(line_where, "action line codes must be unique within a plan in the demo files")
            self.lines[key] = action_line

    def area(self, plan_label: str | None, code: str, where: str) -> CooperationArea:
        try:
            return self.areas[(plan_label, code)]
        except KeyError:
            raise self.fail(where, f"no area {code} in the plan {plan_label}") from None

    def line(self, plan_label: str, code: str, where: str) -> ActionLine:
        try:
            return self.lines[(plan_label, code)]
        except KeyError:
            raise self.fail(where, f"no action line {code} in the plan {plan_label}") from None

    # -- meetings -------------------------------------------------------------------------------------------

    @staticmethod
    def meeting_key(type: str, number: int | None, held_on: date | None) -> tuple[str, object]:
        # Committee meetings are known by their number (the 6th JSCC has no date); the others by their date.
        return (type, number) if MeetingType(type).is_committee else (type, held_on)

    def load_meeting(self, block: dict) -> None:
        where = f"meeting {block.get('type')} {block.get('number') or block.get('held_on')}"
        values = fields_of(
            block, where, required=("type",),
            optional=(
                "number", "held_on", "title", "starts_at", "ends_on", "venue", "format", "summary", "asks",
                "commitments", "outcome_document", "outcome_reference", "plan", "areas", "participants",
            ),
        )
        participants = values.pop("participants") or []
        plan_label = values.pop("plan")
        values["areas"] = tuple(self.area(plan_label, code, where) for code in values["areas"] or [])
        values["format"] = values["format"] or "in_person"
        values["outcome_document"] = values["outcome_document"] or "none"
        key = self.meeting_key(values["type"], values["number"], values["held_on"])
        query = sa.select(Meeting).where(Meeting.partnership_id == self.partnership.id, Meeting.type == key[0])
        if MeetingType(key[0]).is_committee:
            query = query.where(Meeting.number == key[1])
        else:
            query = query.where(Meeting.held_on == key[1])
        existing = db.session.scalar(query.order_by(Meeting.id).limit(1))
        meeting = self.loader.ensure(
            "meeting", where, existing, lambda: log_meeting(self.partnership, MeetingDetails(**values))
        )
        self.meetings[key] = meeting
        for participant in participants:
            self.load_participant(meeting, participant, where)

    def load_participant(self, meeting: Meeting, block: dict, owner: str) -> None:
        where = f"{owner}, participant {block.get('person') or block.get('organisation')}"
        values = fields_of(block, where, required=("side", "role"), optional=("person", "organisation"))
        query = sa.select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
        if values["person"] is not None:
            values["person"] = self.loader.person(values["person"], where)
            query = query.where(MeetingParticipant.person_id == values["person"].id)
        elif values["organisation"] is not None:
            values["organisation"] = self.loader.organisation(values["organisation"], where)
            query = query.where(
                MeetingParticipant.person_id.is_(None),
                MeetingParticipant.organisation_id == values["organisation"].id,
            )
        else:
            raise self.fail(where, "name a person or an organisation")
        existing = db.session.scalar(query.limit(1))
        self.loader.ensure("participant", where, existing, lambda: add_participant(meeting, **values))

    # -- follow-ups and status updates ----------------------------------------------------------------------

    def meeting(self, reference: dict, where: str) -> Meeting:
        key = self.meeting_key(reference.get("type"), reference.get("number"), reference.get("held_on"))
        if key not in self.meetings:
            raise self.fail(where, f"no meeting {reference} in the file")
        return self.meetings[key]

    def load_follow_up(self, block: dict) -> None:
        where = f"follow-up {block.get('title')!r}"
        values = fields_of(
            block, where, required=("title",),
            optional=(
                "description", "meeting", "plan", "area", "owner", "partner_person", "partner_office", "opened_on",
                "due_on", "status", "completed_on", "cancelled_on", "chases",
            ),
        )
        chases = [fields_of(chase, f"{where}, chase", required=("chased_on", "channel"), optional=("note",))
                  for chase in values.pop("chases") or []]
        plan_label, area_code, owner = values.pop("plan"), values.pop("area"), values.pop("owner")
        values["area"] = self.area(plan_label, area_code, where) if area_code else None
        values["owner_user"] = self.loader.user(owner, where) if owner else None
        if values["partner_person"] is not None:
            values["partner_person"] = self.loader.person(values["partner_person"], where)
        if values["meeting"] is not None:
            values["meeting"] = self.meeting(values["meeting"], where)
        values["status"] = values["status"] or "open"
        existing = db.session.scalar(
            sa.select(FollowUpAction).where(
                FollowUpAction.partnership_id == self.partnership.id, FollowUpAction.title == values["title"]
            )
        )
        state = {key: values.pop(key) for key in ("status", "opened_on", "completed_on", "cancelled_on")}

        def record() -> FollowUpAction:
            action = create_follow_up(self.partnership, FollowUpDetails(**values), **state)
            for chase in chases:
                record_chase(action, chase["chased_on"], chase["channel"], chase["note"])
            return action

        self.loader.ensure("follow_up", where, existing, record)

    def load_status_review(self, block: dict) -> None:
        where = f"status review of {block.get('plan')} as of {block.get('as_of')}"
        review = fields_of(block, where, required=("plan", "as_of", "author", "updates"))
        author = self.loader.user(review["author"], where)
        for update in review["updates"]:
            subject = update.get("area") or update.get("line")
            update_where = f"{where}, {subject}"
            values = fields_of(
                update, update_where, required=("status", "note"), optional=("area", "line", "progress", "as_of")
            )
            values["as_of"] = values["as_of"] or review["as_of"]
            area_code, line_code = values.pop("area"), values.pop("line")
            if (area_code is None) == (line_code is None):
                raise self.fail(update_where, "give exactly one of area and line")
            if area_code is not None:
                target = {"area": self.area(review["plan"], area_code, update_where)}
                column = StatusUpdate.area_id == target["area"].id
            else:
                target = {"action_line": self.line(review["plan"], line_code, update_where)}
                column = StatusUpdate.action_line_id == target["action_line"].id
            existing = db.session.scalar(
                sa.select(StatusUpdate).where(
                    column, StatusUpdate.as_of == values["as_of"], StatusUpdate.status == values["status"]
                ).limit(1)
            )
            self.loader.ensure(
                "status_update", update_where, existing,
                lambda t=target, v=values: record_status(author, StatusDetails(**v), **t),
            )

    # -- activities -----------------------------------------------------------------------------------------

    def load_activity(self, block: dict) -> None:
        """An activity, found again by its title; its state from ``state_on``, then each of ``changes`` in turn."""
        where = f"activity {block.get('title')!r}"
        values = fields_of(
            block, where, required=("title", "kind", "plan", "lines", "state", "state_on", "funding_source"),
            optional=(
                "planned_starts_on", "planned_ends_on", "actual_starts_on", "actual_ends_on", "funded_by", "amount",
                "currency", "implementing_organisation", "co_implementers", "participants", "meeting", "notes",
                "changes",
            ),
        )
        plan_label, changes = values.pop("plan"), values.pop("changes") or []
        if plan_label not in self.plans:
            raise self.fail(where, f"no plan {plan_label} in the file")
        values["plan"] = self.plans[plan_label]
        values["action_lines"] = tuple(self.line(plan_label, code, where) for code in values.pop("lines"))
        implementer = values.pop("implementing_organisation")
        values["implementing_organisation"] = self.loader.organisation(implementer, where) if implementer else None
        values["co_implementers"] = tuple(self.loader.organisation(name, where)
                                          for name in values.pop("co_implementers") or [])
        if values["meeting"] is not None:
            values["meeting"] = self.meeting(values["meeting"], where)
        if values["amount"] is not None:
            values["amount"] = Decimal(str(values["amount"]))
        state = {key: values.pop(key) for key in ("state", "state_on")}
        existing = db.session.scalar(
            sa.select(Activity).where(Activity.partnership_id == self.partnership.id, Activity.title == values["title"])
        )

        def record() -> Activity:
            activity = create_activity(self.partnership, ActivityDetails(**values), **state)
            for change in changes:
                step = fields_of(change, f"{where}, change to {change.get('state')}", required=("state", "on"),
                                 optional=("note",))
                set_activity_state(activity, step["state"], step["on"], step["note"])
            return activity

        self.loader.ensure("activity", where, existing, record)

    # -- report remarks -------------------------------------------------------------------------------------

    def load_report_remarks(self, block: dict) -> None:
        """The drafted remarks and way forward of one area or action line for one report window, kept if there."""
        subject = block.get("area") or block.get("line")
        where = f"report remarks on {subject} for {block.get('starts_on')} to {block.get('ends_on')}"
        values = fields_of(block, where, required=("plan", "starts_on", "ends_on"),
                           optional=("area", "line", "remarks", "way_forward"))
        if (values["area"] is None) == (values["line"] is None):
            raise self.fail(where, "give exactly one of area and line")
        plan_label = values["plan"]
        if plan_label not in self.plans:
            raise self.fail(where, f"no plan {plan_label} in the file")
        plan = self.plans[plan_label]
        area = self.area(plan_label, values["area"], where) if values["area"] else None
        line = self.line(plan_label, values["line"], where) if values["line"] else None
        answer = RemarkAnswer(area, line, values["remarks"] or "", values["way_forward"] or "")
        window = (values["starts_on"], values["ends_on"])

        def record() -> ReportRemark:
            save_remarks(plan, *window, [answer])
            return drafts_of(plan.id, *window)[answer.subject]

        self.loader.ensure("report_remarks", where, drafts_of(plan.id, *window).get(answer.subject), record)
