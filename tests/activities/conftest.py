"""The desk the activity tests work on: ASEAN–Pakistan with its 2024-2028 plan (two areas, three action lines) and
its earlier plan, a courtesy call, and ASEAN–Norway with a plan of its own."""

from dataclasses import dataclass, fields
from datetime import date

import pytest

from app.extensions import db
from app.models import ActionLine, CooperationArea, Meeting, Organisation, Partnership, Plan
from tests import factories
from tests.conftest import copy_of_the_tables, made_once, put_back


@dataclass
class Desk:
    pakistan: Partnership
    norway: Partnership
    plan: Plan
    earlier_plan: Plan
    norway_plan: Plan
    trade: CooperationArea
    education: CooperationArea
    forum: ActionLine  # 2.1.1, under trade
    study: ActionLine  # 2.1.2, under trade
    diplomats: ActionLine  # 3.3.2, under education
    earlier_line: ActionLine  # 3.2.1 of the 2019-2021 plan
    norway_line: ActionLine
    call: Meeting  # Pakistan's courtesy call of 25 March 2024
    norway_call: Meeting
    government: Organisation  # the Government of Pakistan
    asean: Organisation
    state_bank: Organisation


@pytest.fixture(scope="session")
def desk_copy(app) -> tuple[dict[str, int], dict]:
    """The key of each record of the desk, and a copy of its rows, made once a run by ``build_desk``."""
    with made_once(app):
        desk = build_desk(factories)
        return {name: record.id for name, record in vars(desk).items()}, copy_of_the_tables()


@pytest.fixture
def desk(app_context, desk_copy) -> Desk:
    """The desk as ``build_desk`` commits it, written from ``desk_copy``. Name it before any fixture that makes rows
    (a signed-in visitor): the copy brings its own keys."""
    keys, rows = desk_copy
    put_back(rows)
    return Desk(**{field.name: db.session.get(field.type, keys[field.name]) for field in fields(Desk)})


def build_desk(make) -> Desk:
    pakistan = make.partnership()
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    earlier = make.plan(pakistan, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31),
                        state="superseded")
    plan = make.plan(pakistan)
    economic, social = make.pillar(plan, "Economic", 2), make.pillar(plan, "Socio-Cultural", 3)
    trade = make.area(plan, economic, code="2.1", name="Trade")
    education = make.area(plan, social, code="3.3", name="Education and human resource development")
    earlier_area = make.area(earlier, make.pillar(earlier, "Socio-Cultural"), code="3.2", name="Education")
    norway_plan = make.plan(norway, label="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 12, 31))
    norway_area = make.area(norway_plan, make.pillar(norway_plan), code="1.1", name="Maritime cooperation")
    return Desk(
        pakistan=pakistan, norway=norway, plan=plan, earlier_plan=earlier, norway_plan=norway_plan, trade=trade,
        education=education,
        forum=make.action_line(trade, code="2.1.1", text="Convene an ASEAN-Pakistan business forum"),
        study=make.action_line(trade, code="2.1.2", text="Carry out a joint study of trade complementarities"),
        diplomats=make.action_line(education, code="3.3.2", text="Run training courses for ASEAN diplomats"),
        earlier_line=make.action_line(earlier_area, code="3.2.1", text="Train ASEAN diplomats"),
        norway_line=make.action_line(norway_area, code="1.1.1", text="Exchange on maritime safety"),
        call=make.meeting(pakistan, held_on=date(2024, 3, 25)),
        norway_call=make.meeting(norway, held_on=date(2024, 5, 6)),
        government=make.organisation(name="Government of Pakistan", short_name="Government of Pakistan",
                                     kind="other", iso_code=None),
        asean=make.asean(),
        state_bank=make.organisation(name="State Bank of Pakistan", short_name="SBP", kind="other", iso_code=None),
    )
