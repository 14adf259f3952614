"""How often a feed may be read: per feed, and per network address whatever the feed."""

from app.extensions import db
from app.models import User
from tests.calendar.conftest import make_address
from tests.conftest import FormFiller
from tests.security.test_sign_in_limits import server


def test_one_feed_address_read_too_often_is_refused_from_anywhere(app, signed_in):
    token = make_address(signed_in)
    with server(app, CALENDAR_LIMITS_PER_FEED="3 per hour", CALENDAR_LIMITS_PER_ADDRESS="50 per hour") as other:
        calendar_app = other.test_client()
        answers = [calendar_app.get(f"/calendar/{token}/mine.ics").status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
        calendar_app.environ_base["REMOTE_ADDR"] = "198.51.100.7"
        refused = calendar_app.get(f"/calendar/{token}/mine.ics")
        assert refused.status_code == 429
        assert "Too many calendar requests" in refused.get_data(as_text=True)
        assert int(refused.headers["Retry-After"]) > 3000  # the first read leaves the hour's window in about 60 min
        # The same person's other feeds are read on their own: a calendar app subscribed to three reads each.
        assert calendar_app.get(f"/calendar/{token}/desk.ics").status_code == 200


def test_one_network_address_reading_many_feeds_is_refused_and_another_is_not(app, signed_in, make):
    mine = make_address(signed_in)
    colleague = FormFiller(app.test_client())
    colleague.sign_in(make.user(email="colleague@asean.example"))
    theirs = make_address(colleague)
    assert db.session.query(User).count() == 2
    with server(app, CALENDAR_LIMITS_PER_FEED="50 per hour", CALENDAR_LIMITS_PER_ADDRESS="4 per hour") as other:
        calendar_app = other.test_client()
        answers = [calendar_app.get(f"/calendar/{token}/desk.ics").status_code
                   for token in (mine, theirs, mine, theirs, mine)]
        assert answers == [200, 200, 200, 200, 429]
        calendar_app.environ_base["REMOTE_ADDR"] = "198.51.100.7"
        assert calendar_app.get(f"/calendar/{mine}/desk.ics").status_code == 200

