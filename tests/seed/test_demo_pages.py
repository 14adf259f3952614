"""Every page a desk officer can open on the demo data renders, with the demo's real content on it."""

from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    ActionLine,
    CooperationArea,
    FollowUpAction,
    Meeting,
    MeetingType,
    Organisation,
    Partnership,
    Person,
    Plan,
)


@pytest.fixture
def desk(visitor, make, demo):
    officer = make.user(role="admin", email="lead@asean.example", name="Desk Lead")
    visitor.sign_in(officer)
    return visitor


def ids(model) -> list[int]:
    return list(db.session.scalars(sa.select(model.id).order_by(model.id)))


def page(desk, url: str) -> str:
    response = desk.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_every_list_and_detail_page_of_the_demo_renders(desk):
    urls = ["/", "/partnerships/", "/meetings/", "/follow-ups/", "/follow-ups/?overdue=1", "/people/",
            "/organisations/", "/users/"]
    urls += [f"/partnerships/{slug}" for slug in db.session.scalars(sa.select(Partnership.slug))]
    urls += [f"/partnerships/{slug}/reports/period" for slug in db.session.scalars(sa.select(Partnership.slug))]
    urls += [f"/plans/{i}" for i in ids(Plan)]
    urls += [f"/areas/{i}" for i in ids(CooperationArea)]
    urls += [f"/action-lines/{i}" for i in ids(ActionLine)]
    urls += [f"/meetings/{i}" for i in ids(Meeting)]
    urls += [f"/follow-ups/{i}" for i in ids(FollowUpAction)]
    urls += [f"/people/{i}" for i in ids(Person)]
    urls += [f"/organisations/{i}" for i in ids(Organisation)]
    for url in urls:
        page(desk, url)


def test_the_courtesy_call_page_shows_both_participants_with_their_posts_that_day(desk):
    call = db.session.scalar(
        sa.select(Meeting).where(Meeting.type == MeetingType.COURTESY_CALL, Meeting.held_on == date(2024, 3, 25))
    )
    html = page(desk, f"/meetings/{call.id}")
    for text in ("Ameer Khurram Rathore", "Ambassador of Pakistan to ASEAN", "Astanah Abdul Aziz",
                 "Deputy Secretary-General of ASEAN for the ASEAN Political-Security Community", "25 March 2024"):
        assert text in html, text


def test_the_2024_report_of_the_pakistan_plan_has_content(desk):
    plan = db.session.scalar(
        sa.select(Plan).join(Plan.partnership).where(Partnership.slug == "asean-pakistan", Plan.label == "2024-2028")
    )
    html = page(desk, f"/partnerships/asean-pakistan/reports/period?plan={plan.id}&window=year&year=2024")
    for text in ("Counter-terrorism and transnational crime", "People-to-people", "Courtesy call"):
        assert text in html, text
