""""Save and add another": an area added to a plan, or an action line to an area, then the empty form again for the
next one, with a banner naming what was added (and, for an area, the pillar still chosen). Bad input is refused
beside its field whichever button was pressed, and saves nothing."""

import re

from app.extensions import db
from app.models import ActionLine, CooperationArea


def saved_areas() -> list[tuple[str, str, int]]:
    db.session.expire_all()
    return [(a.code, a.name, a.pillar_id) for a in db.session.scalars(
        db.select(CooperationArea).order_by(CooperationArea.code))]


def saved_lines() -> list[tuple[str, str, int]]:
    db.session.expire_all()
    return [(line.code, line.text, line.area_id) for line in db.session.scalars(
        db.select(ActionLine).order_by(ActionLine.code))]


def area(pillar, code: str, name: str, action: str = "add_another") -> dict:
    return {"pillar": str(pillar.id), "code": code, "name": name, "focal_point": "", "description": "",
            "position": "", "action": action}


def test_the_form_offers_both_buttons_and_enter_saves(signed_in, plan, economic):
    page = signed_in.get(f"/plans/{plan.id}/areas/new").get_data(as_text=True)
    # The first submit button is the one Enter in a text box presses.
    buttons = re.findall(r'<button type="submit" name="action" value="(\w+)"[^>]*>([^<]+)</button>', page)
    assert buttons == [("save", "Save cooperation area"), ("add_another", "Save and add another area")]


def test_save_and_add_another_area_comes_back_to_the_same_pillar(signed_in, plan, economic):
    url = f"/plans/{plan.id}/areas/new"
    response = signed_in.submit(url, area(economic, "2.1", "Trade"), follow=False)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{url}?pillar={economic.id}"

    page = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Success" in page and "Cooperation area added: 2.1 Trade" in page
    assert re.search(rf'id="pillar-1" value="{economic.id}"\s+checked', page)
    # The boxes for the next area are empty.
    assert re.search(r'id="code" name="code"[^>]*value=""', page)
    assert re.search(r'id="name" name="name"[^>]*value=""', page)

    signed_in.submit(url, area(economic, "2.2", "Investment"))
    assert saved_areas() == [("2.1", "Trade", economic.id), ("2.2", "Investment", economic.id)]


def test_save_alone_still_goes_to_the_area(signed_in, plan, economic):
    response = signed_in.submit(f"/plans/{plan.id}/areas/new", area(economic, "2.1", "Trade", "save"), follow=False)
    added = db.session.scalar(db.select(CooperationArea))
    assert response.headers["Location"] == f"/areas/{added.id}"


def test_bad_input_is_refused_beside_its_field_and_saves_nothing(signed_in, plan, economic, make):
    make.area(plan, economic, code="2.1", name="Trade")
    url = f"/plans/{plan.id}/areas/new"
    response = signed_in.submit(url, area(economic, "2.1", ""))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("Enter the name of the cooperation area") == 2  # in the summary and beside the field
    assert 'id="name-error"' in page and "Cooperation area added" not in page
    assert re.search(r'id="code" name="code"[^>]*value="2.1"', page)  # what was typed is kept
    page = signed_in.submit(url, area(economic, "2.1", "Investment")).get_data(as_text=True)
    assert "Area code 2.1 is already used in this plan – enter a different code" in page
    assert saved_areas() == [("2.1", "Trade", economic.id)]


def test_save_and_add_another_action_line(signed_in, make, plan, economic):
    trade = make.area(plan, economic, code="2.1", name="Trade")
    url = f"/areas/{trade.id}/action-lines/new"
    response = signed_in.submit(url, {"code": "2.1.1", "text": "Customs cooperation", "position": "",
                                      "action": "add_another"}, follow=False)
    assert response.headers["Location"] == url
    page = signed_in.get(url).get_data(as_text=True)
    assert "Action line added: 2.1.1" in page
    assert re.search(r'id="code" name="code"[^>]*value=""', page)
    assert "Save and add another action line" in page

    page = signed_in.submit(url, {"code": "2.1/2", "text": "", "action": "add_another"}).get_data(as_text=True)
    for message in ("Action line code must only include letters, numbers, dots and hyphens",
                    "Enter the text of the action line"):
        assert page.count(message) == 2, message
    assert "Action line added" not in page
    signed_in.submit(url, {"code": "2.1.2", "text": "Trade facilitation", "action": "add_another"})
    assert saved_lines() == [("2.1.1", "Customs cooperation", trade.id), ("2.1.2", "Trade facilitation", trade.id)]


def test_changing_an_area_or_a_line_has_no_add_another(signed_in, make, plan, economic):
    trade = make.area(plan, economic, code="2.1", name="Trade")
    line = make.action_line(trade, code="2.1.1")
    for url in (f"/areas/{trade.id}/edit", f"/action-lines/{line.id}/edit"):
        assert "Save and add another" not in signed_in.get(url).get_data(as_text=True)
