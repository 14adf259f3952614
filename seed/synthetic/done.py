"""What was done over thirty years: activities under the partnerships' plans, with their lines, implementers and
state histories, as the app records them.

Each activity serves one to three action lines of the plan covering its start, runs for a day to a few weeks, and
moves through its states in date order: planned some weeks before it starts, then ongoing and completed, or postponed
or cancelled; one that starts after the last day is still planned. The rules of the schema hold: actual dates only
once started, an amount with its currency, lines of one plan.
"""

import bisect
from collections import defaultdict
from datetime import date, timedelta
from itertools import islice
from random import Random

from app.models.rules import ACTIVITY_TRIGGERS, rules_suspended
from seed.synthetic import words
from seed.synthetic.scales import Scale
from seed.synthetic.structure import Partnership, Plan, World, stamp
from seed.synthetic.writer import CHUNK, BulkWriter

KINDS = {"workshop": 25, "training_course": 20, "dialogue": 15, "project": 12, "study_visit": 8,
         "scholarship_programme": 5, "exhibition": 5, "other": 10}
KIND_WORDS = {"workshop": "Workshop on", "training_course": "Training course on", "dialogue": "Dialogue on",
              "project": "Project on", "study_visit": "Study visit on", "scholarship_programme": "Scholarships in",
              "exhibition": "Exhibition on", "other": "Activity on"}
FUNDING = {"partner": 45, "cooperation_fund": 20, "ours": 15, "third_party": 10, "not_known": 10}
LINE_OF_ITS_PLAN = next(trigger for trigger in ACTIVITY_TRIGGERS if trigger.name == "activity_line_of_its_plan")
CURRENCIES = ("USD", "USD", "USD", "EUR", "JPY", "SGD", "THB", "PKR", "INR", "NOK")
FUNDS = ("Cooperation Fund", "Development Fund", "Government of the partner", "World Bank", "Asian Development Bank")


class WhatWasDone:
    def __init__(self, rng: Random, scale: Scale, writer: BulkWriter, world: World,
                 past_meetings: list[tuple[int, date, Partnership]]):
        self.rng, self.scale, self.out, self.world = rng, scale, writer, world
        self.until = world.until
        self.lines: dict[int, list[int]] = defaultdict(list)
        for line_id, plan in world.action_lines:
            self.lines[plan.id].append(line_id)
        # Each partnership's past meetings in date order: an activity may be agreed at the latest before it starts.
        self.meetings: dict[int, tuple[list[date], list[int]]] = {}
        for meeting_id, day, partnership in sorted(past_meetings, key=lambda item: (item[1], item[0])):
            days, ids = self.meetings.setdefault(partnership.id, ([], []))
            days.append(day)
            ids.append(meeting_id)

    def build(self) -> None:
        partnerships = self.world.partnerships
        horizon = self.until + timedelta(days=180)  # some are still to come
        planned: list[tuple[date, Partnership, Plan]] = []
        weights = [p.weight for p in partnerships]
        while len(planned) < self.scale.activities:
            for partnership in self.rng.choices(partnerships, weights, k=self.scale.activities - len(planned)):
                day = partnership.starts_on + timedelta(
                    days=self.rng.randint(0, max(0, (horizon - partnership.starts_on).days)))
                plan = partnership.plan_on(day)
                if plan is not None and self.lines[plan.id]:
                    planned.append((day, partnership, plan))
        # Ids follow the calendar, as they would have when the activities were logged.
        planned.sort(key=lambda item: (item[0], item[1].id))
        rows = (self._activity(*item) for item in planned)
        self.children: dict[str, list[dict]] = defaultdict(list)
        # The lines are drawn from the activity's own plan, so the trigger that checks it row by row (a million
        # times at 10x, most of the load's time) is lifted for the load: tests/seed checks the rows it would.
        with rules_suspended(self.out.connection, [LINE_OF_ITS_PLAN]):
            # Chunk by chunk, each activity written before the rows that refer to it.
            while chunk := list(islice(rows, CHUNK)):
                self.out.insert("activities", chunk)
                for table in ("activity_action_lines", "activity_co_implementers", "activity_state_entries"):
                    self.out.insert(table, self.children.pop(table, []), counted=False)

    def _meeting_before(self, partnership: Partnership, day: date) -> int | None:
        days, ids = self.meetings.get(partnership.id, ([], []))
        i = bisect.bisect_right(days, day) - 1
        return ids[i] if i >= 0 else None

    def _activity(self, day: date, partnership: Partnership, plan: Plan) -> dict:
        rng, until = self.rng, self.until
        activity_id = self.out.next_id("activities")
        kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
        lasts = timedelta(days=rng.choice((0, 0, 1, 2, 4, 13, 30)))
        planned_on = min(until, day - timedelta(days=rng.randint(14, 150)))
        steps, actual_start, actual_end = self._steps(day, lasts, planned_on)
        for line_id in rng.sample(self.lines[plan.id], min(len(self.lines[plan.id]), rng.choice((1, 1, 1, 2, 3)))):
            self.children["activity_action_lines"].append({"activity_id": activity_id, "action_line_id": line_id})
        ours, theirs = self.world.our_id, partnership.partner_id
        implementer = rng.choices((theirs, ours, None), (60, 30, 10))[0]
        if implementer is not None and rng.random() < 0.4:
            self.children["activity_co_implementers"].append(
                {"activity_id": activity_id, "organisation_id": ours if implementer == theirs else theirs})
        for state, on in steps:
            self.children["activity_state_entries"].append({
                "id": self.out.next_id("activity_state_entries"), "activity_id": activity_id, "state": state,
                "effective_on": on, "recorded_at": stamp(on), "recorded_by_id": None, "note": None,
            })
        funding = rng.choices(list(FUNDING), list(FUNDING.values()))[0]
        priced = funding != "not_known" and rng.random() < 0.7
        topic = rng.choice(words.AREAS).lower()
        return {
            "id": activity_id, "partnership_id": partnership.id, "plan_id": plan.id,
            "meeting_id": self._meeting_before(partnership, planned_on) if rng.random() < 0.3 else None,
            "kind": kind, "title": f"{KIND_WORDS[kind]} {topic}", "planned_starts_on": day,
            "planned_ends_on": day + lasts, "actual_starts_on": actual_start, "actual_ends_on": actual_end,
            "state": steps[-1][0], "funding_source": funding,
            "funded_by": rng.choice(FUNDS) if funding in ("cooperation_fund", "third_party") else None,
            "amount": rng.randint(50, 50_000) * 100 if priced else None,
            "currency": rng.choice(CURRENCIES) if priced else None,
            "implementing_organisation_id": implementer,
            "participants": rng.randint(8, 300) if rng.random() < 0.6 else None, "notes": None,
            "is_restricted": rng.random() < 0.02, "version": 1, "created_at": stamp(planned_on),
            "archived_at": None if rng.random() > 0.005 else stamp(until),
        }

    def _steps(self, day: date, lasts: timedelta,
               planned_on: date) -> tuple[list[tuple[str, date]], date | None, date | None]:
        """(state, from) in date order, and the actual start and end they imply."""
        rng, until = self.rng, self.until
        steps = [("planned", planned_on)]
        if day > until:
            if rng.random() < 0.1:
                steps.append(("postponed", min(until, planned_on + timedelta(days=rng.randint(5, 60)))))
            return steps, None, None
        fate = rng.random()
        if fate < 0.06:
            steps.append(("cancelled", min(day, planned_on + timedelta(days=rng.randint(5, 60)))))
            return steps, None, None
        if fate < 0.1:
            steps.append(("postponed", min(day, planned_on + timedelta(days=rng.randint(5, 60)))))
            return steps, None, None
        steps.append(("ongoing", day))
        ends = day + lasts
        if ends > until:
            return steps, day, None
        steps.append(("completed", ends))
        return steps, day, ends
