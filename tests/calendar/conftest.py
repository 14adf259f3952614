import re

import pytest

from app.extensions import db

ADDRESS = re.compile(r'value="(http://localhost/calendar/([^/"]+)/mine\.ics)"')


@pytest.fixture
def feed_settings(app):
    """A desk in Jakarta whose feeds reach far back, so the hand-worked dates of 2024 are in them."""
    kept = {key: app.config[key] for key in ("CALENDAR_TIME_ZONE", "CALENDAR_PAST_DAYS", "CALENDAR_UID_DOMAIN")}
    app.config.update(CALENDAR_TIME_ZONE="Asia/Jakarta", CALENDAR_PAST_DAYS=365 * 100,
                      CALENDAR_UID_DOMAIN="desk.asean.example")
    yield app.config
    app.config.update(kept)


def make_address(visitor) -> str:
    """Make a feed address on the page, as an officer does; the token shown once."""
    page = visitor.submit("/account/calendar").get_data(as_text=True)
    match = ADDRESS.search(page)
    assert match, "the page shows no feed address"
    db.session.expire_all()
    return match.group(2)
