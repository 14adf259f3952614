"""Records to search, named as a partnership desk names them."""

from datetime import date

import pytest

from app.extensions import db
from app.models import IssuedReport


@pytest.fixture
def pakistan(make):
    return make.partnership()


@pytest.fixture
def rathore(make):
    """The ambassador, with the post he held before."""
    person = make.person("Ameer Khurram Rathore", honorific="H.E.")
    ministry = make.organisation("Ministry of Foreign Affairs of Pakistan", "MOFA Pakistan", kind="ministry")
    make.position(person, ministry, "Secretary for Asia-Pacific", date(2021, 1, 1), date(2023, 12, 31))
    make.position(person, ministry, "Ambassador of Pakistan to ASEAN", date(2024, 1, 1))
    return person


def issued_report(make, partnership, title="Annual report 2024", include_restricted=False):
    plan = make.plan(partnership, label=f"plan-{title}")
    report = IssuedReport(
        partnership=partnership, plan=plan, window_starts_on=date(2024, 1, 1), window_ends_on=date(2024, 12, 31),
        title=title, way_forward="", figures={"include_restricted": include_restricted}, html="<p></p>",
        figures_version=1, issued_by=make.user(role="admin"),
    )
    db.session.add(report)
    db.session.commit()
    return report
