import re

import pytest

from app.extensions import db
from app.models import Meeting, Organisation
from tests.conftest import FormFiller, csrf_token


@pytest.fixture
def second(app, make):
    """Another editor at another browser."""
    other = FormFiller(app.test_client())
    other.sign_in(make.user(role="editor", email="colleague@asean.example", name="Colleague"))
    return other


def open_form(who, url):
    html = who.client.get(url).get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', html)
    return csrf_token(html), next(g for g in version.groups() if g)


def post(who, url, opened, data):
    token, version = opened
    return who.client.post(url, data={"csrf_token": token, "version": version, **data}, follow_redirects=True)


def hidden_values(html):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))


def test_organisation_second_save_shows_conflict_and_reapply_saves(signed_in, second, make):
    india = make.organisation(name="Republic of India", short_name="India", iso_code="IN")
    url = f"/organisations/{india.id}/edit"
    fields = {"name": "Republic of India", "kind": "country", "iso_code": "IN"}
    first_opened, second_opened = open_form(signed_in, url), open_form(second, url)

    assert post(signed_in, url, first_opened, {**fields, "short_name": "Bharat"}).status_code == 200
    response = post(second, url, second_opened, {**fields, "short_name": "Hindustan"})

    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else changed Republic of India" in html
    assert "Bharat" in html and "Hindustan" in html
    db.session.expire_all()
    assert db.session.get(Organisation, india.id).short_name == "Bharat"

    reapply = hidden_values(html)
    assert reapply["short_name"] == "Hindustan"
    response = second.client.post(url, data=reapply, follow_redirects=True)
    assert response.status_code == 200
    assert "Organisation saved" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Organisation, india.id).short_name == "Hindustan"


def test_meeting_second_save_shows_conflict_and_reapply_saves(signed_in, second, make):
    from tests.meetings.test_meeting_pages import meeting_form

    partnership = make.partnership()
    meeting = make.meeting(partnership, venue="Jakarta")
    url = f"/meetings/{meeting.id}/edit"
    first_opened, second_opened = open_form(signed_in, url), open_form(second, url)

    assert post(signed_in, url, first_opened, meeting_form(partnership, venue="Kuala Lumpur")).status_code == 200
    response = post(second, url, second_opened, meeting_form(partnership, venue="Manila"))

    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Kuala Lumpur" in html and "Manila" in html
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).venue == "Kuala Lumpur"

    response = second.client.post(url, data=hidden_values(html), follow_redirects=True)
    assert "Meeting saved" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).venue == "Manila"
