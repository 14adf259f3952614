"""The follow-up list by last chase: most in need of a chase first, with every filter and page kept."""

import re
from datetime import date

import pytest

from app.extensions import db
from app.follow_ups import services
from app.follow_ups.chases import record_chase
from tests.follow_ups.test_follow_up_pages import statements_for

TODAY = date(2024, 6, 1)
AGREED = date(2024, 1, 10)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def desk(make, signed_in):
    """Six follow-ups still to do; worked out by hand, by last chase they read E, A, C, F, B, D:
    the two never chased (E due 20 June before A due 10 July), then C (chased 2 April), then F and B (both last
    chased 20 May: F due 10 June before B due 15 June), then D, which we owe."""
    pakistan = make.partnership()
    india = make.partnership(make.organisation("Republic of India", "India"), slug="asean-india")

    def owed(title, partnership=pakistan, **details):
        return make.follow_up(partnership, title=title, opened_on=AGREED, **details)

    made = {
        "A": owed("A Send the customs experts", due_on=date(2024, 7, 10)),
        "B": owed("B Confirm the workshop venue", due_on=date(2024, 6, 15), status="awaiting_partner"),
        "C": owed("C Share the draft MoU", india),
        "D": owed("D Draft our reply", owner=signed_in.user, partner_office=None, due_on=date(2024, 6, 5)),
        "E": owed("E Name a focal point", due_on=date(2024, 6, 20)),
        "F": owed("F Return the signed minutes", india, due_on=date(2024, 6, 10)),
    }
    for key, day in (("B", date(2024, 3, 1)), ("B", date(2024, 5, 20)), ("C", date(2024, 4, 2)),
                     ("F", date(2024, 5, 20)), ("F", date(2024, 2, 1))):
        record_chase(made[key], day, "email")
    db.session.commit()
    return made


def titles(page: str) -> list[str]:
    return re.findall(r'href="/follow-ups/\d+">([A-F]) ', page)


def test_the_list_sorted_by_last_chase(signed_in, desk):
    page = signed_in.get("/follow-ups/?sort=last-chase").get_data(as_text=True)
    assert titles(page) == ["E", "A", "C", "F", "B", "D"]
    assert '<option value="last-chase" selected>' in page
    assert "never chased or chased longest ago first" in page
    # Each row's last chase: B's is its later one, F's its later one though recorded first.
    assert page.count("20 May 2024") == 2 and "2 April 2024" in page and "Owed by us" in page
    assert page.count(">Never</td>") == 2
    # The default order is untouched: earliest due first, undated last.
    assert titles(signed_in.get("/follow-ups/").get_data(as_text=True)) == ["D", "F", "B", "E", "A", "C"]


def test_the_sort_keeps_the_filters_and_the_pages(signed_in, desk, app, monkeypatch):
    page = signed_in.get("/follow-ups/?sort=last-chase&partnership=asean-india").get_data(as_text=True)
    assert titles(page) == ["C", "F"]
    assert titles(signed_in.get("/follow-ups/?sort=last-chase&status=awaiting_partner").get_data(as_text=True)) == [
        "B"]
    monkeypatch.setitem(app.config, "PER_PAGE", 4)
    first = signed_in.get("/follow-ups/?sort=last-chase").get_data(as_text=True)
    assert titles(first) == ["E", "A", "C", "F"]
    assert 'href="/follow-ups/?sort=last-chase&amp;page=2"' in first
    # The second page is read from the far end of the list, in reverse: the same order.
    assert titles(signed_in.get("/follow-ups/?sort=last-chase&page=2").get_data(as_text=True)) == ["B", "D"]


def test_an_unknown_sort_is_the_default_order(signed_in, desk):
    assert titles(signed_in.get("/follow-ups/?sort=zzz").get_data(as_text=True)) == ["D", "F", "B", "E", "A", "C"]


def test_the_list_by_last_chase_queries_do_not_grow_with_rows(signed_in, make, count_queries):
    pakistan = make.partnership()
    first = make.follow_up(pakistan, opened_on=AGREED)
    record_chase(first, date(2024, 5, 1), "call")
    db.session.commit()
    few = statements_for(lambda: signed_in.get("/follow-ups/?sort=last-chase"), count_queries)
    for n in range(20):
        action = make.follow_up(pakistan, title=f"Action {n}", opened_on=AGREED,
                                **({"owner": signed_in.user, "partner_office": None} if n % 3 == 0 else {}))
        if n % 2 and n % 3:
            record_chase(action, date(2024, 5, 1 + n), "email")
    db.session.commit()
    assert statements_for(lambda: signed_in.get("/follow-ups/?sort=last-chase"), count_queries) == few
