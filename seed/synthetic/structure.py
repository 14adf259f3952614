"""The long-lived records of a synthetic ministry: partners, people, partnerships, plans, areas, action lines.

What the daily work (``activity.py``) needs from them is kept in a ``World``: which plan covered a partnership
on a date, the people on each side, the desk officers.
"""

import bisect
import secrets
import string
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from random import Random

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from app.people.names import name_key
from seed.synthetic import words
from seed.synthetic.scales import Scale
from seed.synthetic.writer import BulkWriter

#: The data covers thirty years of a ministry's work, ending on the ``until`` date.
YEARS = 30
OUR_NAME = "Ministry of Foreign Affairs (synthetic data)"


def stamp(day: date) -> datetime:
    """A creation time on a given day, for rows written long after the fact."""
    return datetime.combine(day, time(9, 0), tzinfo=UTC)


def allocate(rng: Random, total: int, weights: list[float], *, least: int = 0, most: int | None = None) -> list[int]:
    """Share ``total`` among len(weights) holders in proportion to the weights, each getting least..most."""
    counts = [least] * len(weights)
    left = total - least * len(weights)
    while left > 0:
        open_ = [i for i in range(len(weights)) if most is None or counts[i] < most]
        for i in rng.choices(open_, weights=[weights[i] for i in open_], k=left):
            if most is None or counts[i] < most:
                counts[i] += 1
                left -= 1
    return counts


@dataclass
class Plan:
    id: int
    starts_on: date
    ends_on: date
    area_ids: list[int] = field(default_factory=list)


@dataclass
class Partnership:
    id: int
    partner_id: int
    weight: float
    starts_on: date
    plans: list[Plan] = field(default_factory=list)
    people: list[tuple[int, int]] = field(default_factory=list)  # (person id, position id)

    def plan_on(self, day: date) -> Plan | None:
        i = bisect.bisect_right([p.starts_on for p in self.plans], day) - 1
        return self.plans[i] if i >= 0 and day <= self.plans[i].ends_on else None


@dataclass
class World:
    until: date
    our_id: int = 0
    partnerships: list[Partnership] = field(default_factory=list)
    our_people: list[tuple[int, int]] = field(default_factory=list)
    officer_ids: list[int] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    #: Action lines as (id, plan) for the status history.
    action_lines: list[tuple[int, Plan]] = field(default_factory=list)


class Structure:
    def __init__(self, rng: Random, scale: Scale, writer: BulkWriter, until: date):
        self.rng, self.scale, self.out = rng, scale, writer
        self.world = World(until=until)
        self.first_day = until.replace(year=until.year - YEARS)

    def build(self) -> World:
        self.organisations()
        self.users()
        self.partnerships()
        self.people()
        self.plans()
        self.areas()
        return self.world

    def organisations(self) -> None:
        taken_names = set(self.out.connection.scalars(sa.select(self.out.table("organisations").c.name)))
        taken_codes = set(self.out.connection.scalars(sa.select(self.out.table("organisations").c.iso_code)))
        codes = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b not in taken_codes]
        self.rng.shuffle(codes)
        self.world.our_id = self.out.next_id("organisations")
        rows = [self._organisation(self.world.our_id, OUR_NAME, "MFA", "ministry", None)]
        stems: set[str] = set()
        while len(rows) <= self.scale.partnerships:
            stem = (self.rng.choice(words.SYLLABLES) + self.rng.choice(words.SYLLABLES)).capitalize()
            stem += self.rng.choice(words.ENDINGS)
            is_country = self.rng.random() < 0.9
            styles = words.COUNTRY_STYLES if is_country else words.ORGANISATION_STYLES
            name = self.rng.choice(styles).format(stem)
            if stem in stems or name in taken_names:
                continue
            stems.add(stem)
            kind, code = ("country", codes.pop()) if is_country else ("regional_organisation", None)
            rows.append(self._organisation(self.out.next_id("organisations"), name, stem, kind, code))
        self.out.insert("organisations", rows, counted=False)
        self.partner_rows = rows[1:]

    def _organisation(self, id_, name, short_name, kind, code) -> dict:
        return {"id": id_, "name": name, "short_name": short_name, "kind": kind, "iso_code": code,
                "version": 1, "created_at": stamp(self.first_day), "archived_at": None}

    def users(self) -> None:
        unusable = generate_password_hash(secrets.token_urlsafe(32))
        rows = []
        for n in range(1, self.scale.desk_officers + 1):
            id_ = self.out.next_id("users")
            self.world.officer_ids.append(id_)
            rows.append({
                "id": id_, "email": f"officer{n:03d}@ministry.synthetic.example", "name": self._person_name(),
                "password_hash": unusable, "role": "editor" if n % 5 else "viewer", "is_active": True,
                "version": 1, "created_at": stamp(self.first_day), "last_signed_in_at": None,
            })
        self.out.insert("users", rows, counted=False)

    def _person_name(self) -> str:
        return f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"

    def partnerships(self) -> None:
        # Most partnerships are small and a few are huge: Pareto weights, the heaviest also the oldest.
        weights = sorted((self.rng.paretovariate(1.2) for _ in self.partner_rows), reverse=True)
        rows, events = [], []
        for rank, (partner, weight) in enumerate(zip(self.partner_rows, weights, strict=True)):
            late = int(YEARS * 365 * 0.8 * (rank / len(weights)) * self.rng.random())
            starts_on = self.first_day + timedelta(days=late)
            partnership = Partnership(self.out.next_id("partnerships"), partner["id"], weight, starts_on)
            self.world.partnerships.append(partnership)
            rows.append({
                "id": partnership.id, "organisation_id": self.world.our_id, "partner_id": partner["id"],
                "slug": f"mfa-{partner['short_name'].lower()}", "notes": None, "version": 1,
                "created_at": stamp(starts_on), "archived_at": None,
                # Each officer looks after every so many partnerships, big and small alike; no random draw, so
                # that the records drawn after stay the same for a seed.
                "desk_officer_id": self.world.officer_ids[rank % len(self.world.officer_ids)],
            })
            events.extend(self._events(partnership))
        self.out.insert("partnerships", rows)
        self.out.insert("partnership_events", events, counted=False)

    def _events(self, partnership: Partnership) -> list[dict]:
        status = self.rng.choice(("dialogue_partner", "sectoral_dialogue_partner", "development_partner"))
        level = "dialogue_partnership" if status == "dialogue_partner" else None
        steps = [("conferred", status, level, partnership.starts_on)]
        upgraded_on = partnership.starts_on + timedelta(days=self.rng.randint(3 * 365, 20 * 365))
        if self.rng.random() < 0.3 and upgraded_on < self.world.until:
            steps.append(("upgraded", "dialogue_partner", "strategic_partnership", upgraded_on))
        return [
            {"id": self.out.next_id("partnership_events"), "partnership_id": partnership.id, "kind": kind,
             "status": status, "level": level, "occurred_on": day, "description": None, "created_at": stamp(day)}
            for kind, status, level, day in steps
        ]

    def people(self) -> None:
        people, positions = [], []

        def add(organisation_id: int, titles: tuple[str, ...], since: date) -> tuple[int, int]:
            person_id, position_id = self.out.next_id("people"), self.out.next_id("positions")
            started = since + timedelta(days=self.rng.randint(0, 365))
            honorific, full_name = self.rng.choice(words.HONORIFICS), self._person_name()
            people.append({"id": person_id, "honorific": honorific, "full_name": full_name,
                           "name_key": name_key(full_name, honorific), "email": None, "notes": None, "version": 1,
                           "created_at": stamp(started), "archived_at": None})
            positions.append({"id": position_id, "person_id": person_id, "organisation_id": organisation_id,
                              "title": self.rng.choice(titles), "starts_on": started, "ends_on": None,
                              "version": 1, "created_at": stamp(started)})
            return person_id, position_id

        for _ in range(self.scale.our_people):
            self.world.our_people.append(add(self.world.our_id, words.OUR_TITLES, self.first_day))
        for partnership in self.world.partnerships:
            for _ in range(self.scale.partner_people_per_partnership):
                partnership.people.append(add(partnership.partner_id, words.PARTNER_TITLES, partnership.starts_on))
        self.out.insert("people", people, counted=False)
        self.out.insert("positions", positions, counted=False)

    def plans(self) -> None:
        counts = allocate(self.rng, self.scale.plans, [p.weight ** 0.5 for p in self.world.partnerships],
                          least=1, most=12)
        rows, pillars = [], []
        for partnership, count in zip(self.world.partnerships, counts, strict=True):
            # Plans follow one another without a gap; the last has run part of its length and is in force.
            elapsed = self.rng.uniform(0.2, 0.8)
            length = max(365, int((self.world.until - partnership.starts_on).days / (count - 1 + elapsed)))
            starts_on = self.world.until - timedelta(days=int(length * (count - 1 + elapsed)))
            current_end = starts_on + timedelta(days=length * count - 1)
            previous_id, labels = None, set()
            for n in range(count):
                ends_on = starts_on + timedelta(days=length - 1) if n < count - 1 else current_end
                plan = Plan(self.out.next_id("plans"), starts_on, ends_on)
                label = f"{starts_on.year}-{ends_on.year}"
                label = label if label not in labels else f"{label} ({n + 1})"
                labels.add(label)
                kind = self.rng.choice(("plan_of_action", "practical_cooperation_areas"))
                title = ("Plan of Action" if kind == "plan_of_action" else "Practical Cooperation Areas")
                rows.append({
                    "id": plan.id, "partnership_id": partnership.id, "kind": kind, "title": f"{title} ({label})",
                    "label": label, "starts_on": starts_on, "ends_on": ends_on,
                    "adopted_on": starts_on - timedelta(days=30), "supersedes_id": previous_id,
                    "state": "in_force" if n == count - 1 else "superseded", "version": 1,
                    "created_at": stamp(starts_on - timedelta(days=30)), "archived_at": None,
                })
                pillars.extend(
                    {"id": self.out.next_id("pillars"), "plan_id": plan.id, "name": name, "position": i,
                     "version": 1, "created_at": stamp(starts_on)}
                    for i, name in enumerate(words.PILLARS, start=1)
                )
                partnership.plans.append(plan)
                self.world.plans.append(plan)
                previous_id, starts_on = plan.id, ends_on + timedelta(days=1)
        self.out.insert("plans", rows)
        self.out.insert("pillars", pillars, counted=False)
        self.pillar_ids = {}
        for row in pillars:
            self.pillar_ids.setdefault(row["plan_id"], []).append(row["id"])

    def areas(self) -> None:
        weights = [1 + self.rng.random() for _ in self.world.plans]
        per_plan = allocate(self.rng, self.scale.areas, weights, least=3, most=40)
        areas = []
        for plan, count in zip(self.world.plans, per_plan, strict=True):
            names = self.rng.sample(words.AREAS, min(count, len(words.AREAS)))
            for n in range(count):
                pillar = n % len(words.PILLARS)
                area_id = self.out.next_id("cooperation_areas")
                plan.area_ids.append(area_id)
                areas.append({
                    "id": area_id, "plan_id": plan.id, "pillar_id": self.pillar_ids[plan.id][pillar],
                    "code": f"{pillar + 1}.{n // len(words.PILLARS) + 1}", "name": names[n % len(names)],
                    "description": None, "focal_point": None, "position": n, "version": 1,
                    "created_at": stamp(plan.starts_on), "archived_at": None,
                })
        self.out.insert("cooperation_areas", areas)
        self.action_lines(areas)

    def action_lines(self, areas: list[dict]) -> None:
        per_area = allocate(self.rng, self.scale.action_lines, [1.0] * len(areas), least=1, most=12)
        plan_of = {plan.id: plan for plan in self.world.plans}

        def rows():
            for area, count in zip(areas, per_area, strict=True):
                for n in range(1, count + 1):
                    line_id = self.out.next_id("action_lines")
                    self.world.action_lines.append((line_id, plan_of[area["plan_id"]]))
                    yield {"id": line_id, "area_id": area["id"], "code": f"{area['code']}.{n}",
                           "text": f"{self.rng.choice(words.ACTION_VERBS)} {area['name'].lower()}",
                           "position": n, "version": 1, "created_at": area["created_at"], "archived_at": None}

        self.out.insert("action_lines", rows())
