"""The desk's data for logging the 25 March 2024 courtesy call, shared by the form tests and the browser journeys."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import CooperationArea, Organisation, Partnership, Person, User

AMBASSADOR = "Ambassador of Pakistan to ASEAN"
SECRETARY = "Secretary for Asia-Pacific, Ministry of Foreign Affairs of Pakistan"
DSG = "Deputy Secretary-General of ASEAN for the ASEAN Political-Security Community"


@dataclass
class Desk:
    partnership: Partnership
    pakistan: Organisation
    asean: Organisation
    rathore: Person
    astanah: Person
    colleague: User
    trade: int
    education: int


def pakistan_desk(make) -> Desk:
    """ASEAN–Pakistan, its 2024-2028 plan, the ambassador (whose earlier post ended) and the DSG he called on."""
    partnership = make.partnership()
    pakistan, asean = partnership.partner, make.asean()
    plan = make.plan(partnership, label="2024-2028")
    economic = make.pillar(plan, "Economic", position=1)
    socio = make.pillar(plan, "Socio-Cultural", position=2)
    make.area(plan, economic, code="2.1", name="Trade")
    make.area(plan, socio, code="3.4", name="Education and human resource development")
    rathore = make.person("Ameer Khurram Rathore", honorific="H.E.")
    make.position(rathore, pakistan, title=SECRETARY, starts_on=date(2021, 6, 1), ends_on=date(2023, 12, 31))
    make.position(rathore, pakistan, title=AMBASSADOR, starts_on=date(2024, 1, 10))
    astanah = make.person("Astanah Abdul Aziz", honorific="Dato'")
    make.position(astanah, asean, title=DSG, starts_on=date(2021, 1, 1))
    colleague = make.user(role="editor", email="colleague@asean.example", name="Anna Officer")

    def area(code: str) -> int:
        return db.session.scalar(sa.select(CooperationArea.id).where(CooperationArea.code == code))

    return Desk(partnership, pakistan, asean, rathore, astanah, colleague, area("2.1"), area("3.4"))
