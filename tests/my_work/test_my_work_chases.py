"""My work's chases owed, in the order they most need a chase: never chased first, then the longest since the last
chase, each with the day of its last chase."""

from datetime import date

import pytest

from app.extensions import db
from app.follow_ups import services as follow_up_services
from app.follow_ups.chases import record_chase
from tests.my_work.test_my_work import TODAY, owed, section, titles


@pytest.fixture(autouse=True)
def wednesday(monkeypatch):
    monkeypatch.setattr(follow_up_services, "today", lambda: TODAY)


def test_chases_owed_by_last_chase_never_chased_first(signed_in, make):
    pakistan = make.partnership(desk_officer=signed_in.user)
    # All overdue on 9 December 2026. By hand: "Never chased, due later" and "Never chased, due earlier" come first,
    # earliest due first; then "Chased 20 November" (the longest ago), then "Chased 5 December".
    chased_late = owed(make, pakistan, "Chased 5 December", date(2026, 11, 2))
    chased_early = owed(make, pakistan, "Chased 20 November", date(2026, 11, 3))
    owed(make, pakistan, "Never chased, due later", date(2026, 11, 25))
    owed(make, pakistan, "Never chased, due earlier", date(2026, 11, 10))
    record_chase(chased_late, date(2026, 11, 15), "email")
    record_chase(chased_late, date(2026, 12, 5), "call")
    record_chase(chased_early, date(2026, 11, 20), "note_verbale")
    db.session.commit()
    chases = section(signed_in.get("/my-work").get_data(as_text=True), "chases")
    assert titles(chases) == ["Never chased, due earlier", "Never chased, due later", "Chased 20 November",
                              "Chased 5 December"]
    assert chases.count(">Never</td>") == 2
    assert "20 November 2026</td>" in chases and "5 December 2026</td>" in chases
    assert "15 November 2026" not in chases  # an earlier chase is not the last
