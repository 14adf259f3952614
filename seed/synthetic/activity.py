"""The daily work over thirty years: meetings with participants and areas, follow-ups, status histories."""

from collections import defaultdict
from datetime import date, time, timedelta
from itertools import islice
from random import Random

from seed.synthetic import words
from seed.synthetic.scales import Scale
from seed.synthetic.structure import Partnership, World, allocate, stamp
from seed.synthetic.writer import CHUNK, BulkWriter

MEETING_TYPES = {
    "courtesy_call": 30, "working_group": 20, "senior_officials": 10, "jscc": 8, "jcc": 4, "dpc": 2,
    "ministerial": 5, "summit": 2, "trilateral": 2, "credentials": 2, "other": 15,
}
COMMITTEES = {"jscc", "jcc", "dpc"}
AREA_STEPS = ("not_started", "on_track", "at_risk", "on_track", "off_track", "on_track", "completed")
LINE_STEPS = ("not_yet_addressed", "being_addressed", "being_addressed", "addressed")
CHASE_CHANNELS = ("email", "call", "note_verbale", "meeting")


class Activity:
    def __init__(self, rng: Random, scale: Scale, writer: BulkWriter, world: World):
        self.rng, self.scale, self.out, self.world = rng, scale, writer, world
        self.until = world.until

    def build(self) -> list[tuple[int, date, Partnership]]:
        """Write the meetings, follow-ups and status histories; returns the meetings held by the last day."""
        past_meetings = self.meetings()
        self.follow_ups(past_meetings)
        self.status_updates()
        return past_meetings

    def _day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def meetings(self) -> list[tuple[int, date, Partnership]]:
        partnerships = self.world.partnerships
        counts = allocate(self.rng, self.scale.meetings, [p.weight for p in partnerships], least=1)
        horizon = self.until + timedelta(days=90)  # some meetings are still to come
        types, type_weights = list(MEETING_TYPES), list(MEETING_TYPES.values())
        planned = []
        for partnership, count in zip(partnerships, counts, strict=True):
            for _ in range(count):
                day = self._day_between(partnership.starts_on, horizon)
                planned.append((day, partnership.id, self.rng.choices(types, type_weights)[0], partnership))
        # Ids follow the calendar, as they would have when the meetings were logged; committees are numbered.
        planned.sort(key=lambda item: (item[0], item[1]))
        numbers: dict[tuple[int, str], int] = defaultdict(int)
        past = []

        def rows():
            for day, _, type_, partnership in planned:
                meeting_id = self.out.next_id("meetings")
                number = None
                if type_ in COMMITTEES:
                    numbers[partnership.id, type_] += 1
                    number = numbers[partnership.id, type_]
                if day <= self.until:
                    past.append((meeting_id, day, partnership))
                yield self._meeting(meeting_id, day, type_, number, partnership)

        self.participants_and_areas = ([], [])
        self.out.insert("meetings", rows())
        self.out.insert("meeting_participants", self.participants_and_areas[0], counted=False)
        self.out.insert("meeting_areas", self.participants_and_areas[1], counted=False)
        return past

    def _meeting(self, meeting_id: int, day: date, type_: str, number: int | None, partnership: Partnership) -> dict:
        plan = partnership.plan_on(day)
        area_ids = self.rng.sample(plan.area_ids, min(len(plan.area_ids), self.rng.randint(0, 3))) if plan else []
        participants, meeting_areas = self.participants_and_areas
        meeting_areas.extend({"meeting_id": meeting_id, "area_id": area_id} for area_id in area_ids)
        for side, pool, most in (("ours", self.world.our_people, 2), ("partner", partnership.people, 3)):
            for n, (person_id, position_id) in enumerate(self.rng.sample(pool, self.rng.randint(1, most))):
                participants.append({
                    "id": self.out.next_id("meeting_participants"), "meeting_id": meeting_id, "person_id": person_id,
                    "position_id": position_id, "organisation_id": None, "side": side,
                    "role": "head_of_delegation" if n == 0 else "member",
                })
        topic = self.rng.choice(words.AREAS).lower()
        held = day if self.rng.random() > 0.001 else None  # a few dates nobody recorded
        return {
            "id": meeting_id, "partnership_id": partnership.id, "type": type_, "number": number, "title": None,
            "held_on": held, "starts_at": time(self.rng.choice((9, 10, 14, 15))) if held else None,
            "ends_on": held + timedelta(days=1) if held and type_ in COMMITTEES else None,
            "venue": self.rng.choice(words.VENUES), "format": self.rng.choice(("in_person", "in_person", "video")),
            "summary": self.rng.choice(words.SUMMARIES).format(topic),
            "asks": None if self.rng.random() < 0.7 else f"The partner asked for support on {topic}.",
            "commitments": None if self.rng.random() < 0.7 else f"Both sides committed to a work plan on {topic}.",
            "outcome_document": "summary_record" if type_ in COMMITTEES else "none", "outcome_reference": None,
            "is_restricted": self.rng.random() < 0.02, "version": 1, "created_at": stamp(day), "archived_at": None,
        }

    def follow_ups(self, past_meetings: list[tuple[int, date, Partnership]]) -> None:
        from_meetings = int(self.scale.follow_ups * 0.7)
        planned = [(day, meeting_id, partnership)
                   for meeting_id, day, partnership in self.rng.choices(past_meetings, k=from_meetings)]
        partnerships = self.world.partnerships
        for partnership in self.rng.choices(partnerships, [p.weight for p in partnerships],
                                            k=self.scale.follow_ups - from_meetings):
            planned.append((self._day_between(partnership.starts_on, self.until), None, partnership))
        planned.sort(key=lambda item: item[0])
        rows = (self._follow_up(*item) for item in planned)
        self.state_entries: list[dict] = []
        self.chases: list[dict] = []
        # Chunk by chunk, each follow-up written before its history and its chases refer to it.
        while chunk := list(islice(rows, CHUNK)):
            self.out.insert("follow_up_actions", chunk)
            self.out.insert("follow_up_state_entries", self.state_entries, counted=False)
            self.out.insert("follow_up_chases", self.chases, counted=False)
            self.state_entries, self.chases = [], []

    def _follow_up(self, opened_on: date, meeting_id: int | None, partnership: Partnership) -> dict:
        rng = self.rng
        due_on = opened_on + timedelta(days=rng.randint(14, 180)) if rng.random() < 0.9 else None
        age = (self.until - opened_on).days
        if age > 730:
            chances = {"done": 85, "cancelled": 10, "open": 5}
        elif age > 180:
            chances = {"done": 60, "cancelled": 5, "open": 15, "in_progress": 12, "awaiting_partner": 8}
        else:
            chances = {"done": 25, "open": 40, "in_progress": 25, "awaiting_partner": 10}
        status = rng.choices(list(chances), list(chances.values()))[0]
        completed_on = min(self.until, opened_on + timedelta(days=rng.randint(3, 200))) if status == "done" else None
        plan = partnership.plan_on(opened_on)
        area_id = rng.choice(plan.area_ids) if plan and plan.area_ids and rng.random() < 0.5 else None
        owner = rng.random()
        person = rng.choice(partnership.people)[0] if 0.6 <= owner < 0.85 else None
        follow_up_id = self.out.next_id("follow_up_actions")
        state_changed_on = self._history(follow_up_id, opened_on, due_on, status, completed_on)
        partners = owner >= 0.6 and status in ("open", "in_progress", "awaiting_partner")
        return {
            "id": follow_up_id, "partnership_id": partnership.id, "meeting_id": meeting_id,
            "area_id": area_id,
            "title": rng.choice(words.FOLLOW_UP_TASKS).format(rng.choice(words.AREAS).lower()),
            "description": None, "owner_user_id": rng.choice(self.world.officer_ids) if owner < 0.6 else None,
            "partner_person_id": person,
            "partner_office": rng.choice(words.PARTNER_OFFICES) if owner >= 0.85 else None,
            "opened_on": opened_on, "due_on": due_on, "status": status, "completed_on": completed_on,
            "state_changed_on": state_changed_on,
            "last_chased_on": self._chases(follow_up_id, opened_on) if partners else None,
            "is_restricted": rng.random() < 0.03, "version": 1, "created_at": stamp(opened_on),
            "archived_at": None if rng.random() > 0.005 else stamp(self.until),
        }

    def _history(self, follow_up_id: int, opened_on: date, due_on: date | None, status: str,
                 completed_on: date | None) -> date:
        """Its state history as the app records it: open (or in its working status) from the day agreed, then done
        on its completion date or cancelled some weeks later; returns the day its last state began. The
        cancellation day follows from the id, not from the random stream, so the rest of the data stays as it was
        for a given seed."""
        closed_on = completed_on
        if status == "cancelled":
            closed_on = min(self.until, opened_on + timedelta(days=14 + follow_up_id % 150))
        steps = [("open" if closed_on else status, opened_on)] + ([(status, closed_on)] if closed_on else [])
        for step, day in steps:
            self.state_entries.append({
                "id": self.out.next_id("follow_up_state_entries"), "follow_up_id": follow_up_id, "status": step,
                "due_on": due_on, "effective_on": day, "recorded_at": stamp(day), "recorded_by_id": None,
                "note": None,
            })
        return steps[-1][1]

    def _chases(self, follow_up_id: int, opened_on: date) -> date | None:
        """Up to three chases of the partner about one in two of the follow-ups they owe, a month after it was agreed
        and every six weeks or so after; returns the day of the last. Days and channels follow from the id, not from
        the random stream, so the rest of the data stays as it was for a given seed."""
        last = None
        day = opened_on + timedelta(days=30)
        for n in range(3 if follow_up_id % 2 == 0 else 0):
            if day > self.until:
                break
            self.chases.append({
                "id": self.out.next_id("follow_up_chases"), "follow_up_id": follow_up_id, "chased_on": day,
                "channel": CHASE_CHANNELS[(follow_up_id + n) % len(CHASE_CHANNELS)], "note": None,
                "recorded_by_id": None, "created_at": stamp(day),
            })
            last, day = day, day + timedelta(days=40 + follow_up_id % 15)
        return last

    def status_updates(self) -> None:
        subjects = [("area_id", area_id, plan, AREA_STEPS) for plan in self.world.plans for area_id in plan.area_ids]
        subjects += [("action_line_id", line_id, plan, LINE_STEPS) for line_id, plan in self.world.action_lines]
        counts = allocate(self.rng, self.scale.status_updates, [1.0] * len(subjects))

        def rows():
            for (column, subject_id, plan, steps), count in zip(subjects, counts, strict=True):
                last = min(plan.ends_on, self.until)
                if count == 0 or plan.starts_on > last:
                    continue
                days = sorted(self._day_between(plan.starts_on, last) for _ in range(count))
                for n, as_of in enumerate(days):
                    step = steps[min(len(steps) - 1, n * len(steps) // count)] if n else steps[0]
                    yield self._status_update(column, subject_id, step, as_of, n, count)

        self.out.insert("status_updates", rows())

    def _status_update(self, column: str, subject_id: int, status: str, as_of: date, n: int, count: int) -> dict:
        recorded = as_of + timedelta(days=self.rng.choice((0, 0, 0, 1, 7, 30)))  # some are backdated
        return {
            "id": self.out.next_id("status_updates"), "area_id": None, "action_line_id": None, column: subject_id,
            "status": status, "progress": (100 * (n + 1)) // count if column == "action_line_id" else None,
            "note": self.rng.choice(words.NOTES), "as_of": as_of, "author_id": self.rng.choice(self.world.officer_ids),
            "is_restricted": self.rng.random() < 0.02, "corrects_id": None, "created_at": stamp(recorded),
        }
