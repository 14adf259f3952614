"""The partnership page and the meeting page in a browser: what a desk officer opens them for is on the first screen
of a laptop, and both read on a phone without scrolling sideways; axe finds nothing on either."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.models import FollowUpStatus, MeetingParticipant, MeetingType
from tests.factories import PASSWORD

TODAY = date.today()
LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 360, "height": 740}


def busy_partnership(make):
    """ASEAN–Pakistan with a plan in force, a committee meeting with four participants and its outcomes, follow-ups
    overdue, open and done, and status updates: a page as full as a desk's."""
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    partnership = make.partnership(desk_officer=officer, notes="Sectoral Dialogue Partner since 1993. " * 4)
    plan = make.plan(partnership, starts_on=date(2024, 1, 1), ends_on=TODAY + timedelta(days=700))
    pillar = make.pillar(plan)
    for number, name in enumerate(["Trade", "Investment", "Digital economy", "Customs"], start=1):
        area = make.area(plan, pillar, code=f"2.{number}", name=name)
        for line in range(1, 4):
            action_line = make.action_line(area, code=f"2.{number}.{line}")
            if line < 3:
                make.status_update(officer, action_line=action_line, status="being_addressed",
                                   as_of=TODAY - timedelta(days=10 * number))
    jscc = make.meeting(
        partnership, type=MeetingType.JSCC, number=7, held_on=TODAY - timedelta(days=40),
        venue="ASEAN Secretariat, Jakarta", summary="Reviewed the Practical Cooperation Areas. " * 6,
        asks="Nominate experts for the disaster-response training.", commitments="Host a business forum.",
    )
    make.meeting(partnership, held_on=TODAY + timedelta(days=14), title="Courtesy call on the new Ambassador")
    asean = make.asean()
    for number, side in enumerate(["ours", "ours", "partner", "partner"]):
        person = make.person(f"Delegate Number {number}")
        make.position(person, asean if side == "ours" else partnership.partner,
                      title="Director, External Relations Division", starts_on=date(2020, 1, 1))
        db.session.add(MeetingParticipant(meeting=jscc, person=person, side=side,
                                          role="co_chair" if number % 2 == 0 else "member"))
    db.session.commit()
    make.follow_up(partnership, meeting=jscc, title="Send the draft memorandum of understanding on digital trade",
                   owner=officer, due_on=TODAY - timedelta(days=12))
    make.follow_up(partnership, meeting=jscc, title="Share the list of experts for the workshop",
                   due_on=TODAY - timedelta(days=3))
    make.follow_up(partnership, meeting=jscc, title="Confirm the delegation list", owner=officer,
                   due_on=TODAY + timedelta(days=3))
    make.follow_up(partnership, meeting=jscc, title="Circulate the scholarship offer", status=FollowUpStatus.DONE,
                   completed_on=TODAY - timedelta(days=5))
    return officer, jscc


@pytest.mark.parametrize(("page_of", "heading"), [
    (lambda jscc: "/partnerships/asean-pakistan", "Plan coverage"),
    (lambda jscc: f"/meetings/{jscc.id}", "Participants"),
])
def test_what_the_page_is_for_is_on_the_first_screen_and_it_fits_a_phone(site, make, page_of, heading):
    officer, jscc = busy_partnership(make)
    site.page.set_viewport_size(LAPTOP)
    site.sign_in(officer, PASSWORD)
    site.open(page_of(jscc))
    box = site.page.get_by_role("heading", name=heading, exact=True).bounding_box()
    assert box is not None and box["y"] + box["height"] < LAPTOP["height"], box
    assert site.page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]

    site.page.set_viewport_size(PHONE)
    site.open(page_of(jscc))
    assert site.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
