"""Each "Change" link in a record's summary list lands on the field it changes, not at the top of the form: its
address ends in ``#<id>`` of that field (the day box of a date, the first option of radios), and the form has it."""

import html
import re
from datetime import date

import pytest

#: A summary list's Change link: its address and the hidden words that say what it changes.
CHANGE_LINK = re.compile(r'<a href="([^"]+)">Change<span class="visually-hidden"> ([^<]+)</span></a>')


def change_links(page: str) -> dict[str, str]:
    """{"date": "/meetings/3/edit#held_on-day", ...} for the summary lists of ``page``."""
    lists = re.findall(r'<dl class="app-summary.*?</dl>', page, re.S)
    return {html.unescape(what): html.unescape(href) for part in lists for href, what in CHANGE_LINK.findall(part)}


@pytest.fixture
def records(make):
    """The courtesy call of 25 March 2024 (to 26 March), a follow-up of it done on 2 May 2024, the 2024-2028 plan
    adopted on 15 December 2023, its Trade area and a line of it, the partner and the ambassador."""
    partnership = make.partnership()
    plan = make.plan(partnership, adopted_on=date(2023, 12, 15))
    trade = make.area(plan, make.pillar(plan), code="2.1", name="Trade", focal_point="Trade desk")
    call = make.meeting(partnership, held_on=date(2024, 3, 25), ends_on=date(2024, 3, 26), venue="Jakarta",
                        title="Call on the Deputy Secretary-General")
    follow_up = make.follow_up(partnership, meeting=call, area=trade, due_on=date(2024, 6, 30), status="done",
                               completed_on=date(2024, 5, 2), description="Send the draft")
    return {
        "meeting": (f"/meetings/{call.id}", f"/meetings/{call.id}/edit"),
        "follow-up": (f"/follow-ups/{follow_up.id}", f"/follow-ups/{follow_up.id}/edit"),
        "plan": (f"/plans/{plan.id}", f"/plans/{plan.id}/edit"),
        "area": (f"/areas/{trade.id}", f"/areas/{trade.id}/edit"),
        "action line": (f"/action-lines/{make.action_line(trade).id}", None),
        "organisation": (f"/organisations/{partnership.partner_id}", None),
        "person": (f"/people/{make.person('Ameer Khurram Rathore', email='ameer@mofa.example').id}", None),
        "partnership": (f"/partnerships/{partnership.slug}", f"/partnerships/{partnership.slug}/edit"),
        "activity": (f"/activities/{make.activity(partnership, plan, [make.action_line(trade)]).id}", None),
    }


def test_the_change_links_of_dates_land_on_the_day_box(signed_in, records):
    meeting, meeting_form = records["meeting"]
    links = change_links(signed_in.get(meeting).get_data(as_text=True))
    assert links["date"] == f"{meeting_form}#held_on-day"
    assert links["end date"] == f"{meeting_form}#ends_on-day"
    assert links["start time"] == f"{meeting_form}#starts_at"
    plan, plan_form = records["plan"]
    links = change_links(signed_in.get(plan).get_data(as_text=True))
    assert links["period"] == f"{plan_form}#starts_on-day"
    assert links["date adopted"] == f"{plan_form}#adopted_on-day"
    follow_up, follow_up_form = records["follow-up"]
    links = change_links(signed_in.get(follow_up).get_data(as_text=True))
    assert links["due date"] == f"{follow_up_form}#due_on-day"
    assert links["completion date"] == f"{follow_up}/status#changed_on-day"


@pytest.mark.parametrize("record", ["meeting", "follow-up", "plan", "area", "action line", "organisation", "person",
                                    "partnership", "activity"])
def test_every_change_link_of_a_record_lands_on_a_field_of_its_form(signed_in, records, record):
    page, _ = records[record]
    links = change_links(signed_in.get(page).get_data(as_text=True))
    assert links, f"the {record} page has no Change links"
    for what, href in links.items():
        if record == "partnership" and what in ("status", "level"):
            continue  # these record a new, dated change of standing: its form starts with the date, at the top
        url, _, field = href.partition("#")
        assert field, f"Change {what} on the {record} page lands at the top of {url}"
        form = signed_in.get(url).get_data(as_text=True)
        assert f'id="{field}"' in form, f"Change {what} on the {record} page: {url} has no field {field}"
