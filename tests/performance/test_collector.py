"""The cycle collector waits while a report is built (the report page: until it has been sent), and always resumes
afterwards."""

import gc
import threading

import pytest

from app.common.collector import collector_paused, collector_paused_until_sent, end_unsent_pauses
from app.reports import routes as report_routes


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_paused_while_building_and_resumed_after_even_on_an_error():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a report that fails half-way")
    assert gc.isenabled()


def test_nested_builds_resume_only_when_the_outer_one_ends():
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_left_off_where_something_else_switched_it_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_two_requests_at_once_resume_when_the_last_one_ends():
    first_inside, first_may_end = threading.Event(), threading.Event()

    def first():
        with collector_paused():
            first_inside.set()
            first_may_end.wait(5)

    thread = threading.Thread(target=first)
    thread.start()
    first_inside.wait(5)
    with collector_paused():
        pass
    assert not gc.isenabled(), "the first request is still building its report"
    first_may_end.set()
    thread.join(5)
    assert gc.isenabled()


def collector_seen_by(builder: str, monkeypatch) -> list[bool]:
    """Whether the collector was on each time the report pages' ``builder`` ran."""
    seen: list[bool] = []
    build = getattr(report_routes, builder)

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return build(*args, **kwargs)

    monkeypatch.setattr(report_routes, builder, watched)
    return seen


def test_the_portfolio_page_is_built_with_the_collector_paused(signed_in, monkeypatch):
    seen = collector_seen_by("build_portfolio_report", monkeypatch)
    assert signed_in.get("/reports/portfolio").status_code == 200
    assert seen == [False]
    assert gc.isenabled()


@collector_paused_until_sent
def report_page():
    return "the report"


@collector_paused_until_sent
def failing_page():
    raise ValueError("a report that fails half-way")


def test_a_page_keeps_it_paused_until_sent_resumes_once_and_at_once_on_an_error(app):
    with app.test_request_context():
        response = report_page()
        assert not gc.isenabled(), "the response still holds the report until it is sent"
        response.close()
        assert gc.isenabled()
        with collector_paused():
            response = report_page()
            response.close()
            response.close()  # a second close does not end the outer pause
            assert not gc.isenabled()
        assert gc.isenabled()
        with pytest.raises(ValueError):
            failing_page()
        assert gc.isenabled()


def test_a_response_never_closed_keeps_it_paused_only_until_the_next_request(app, client):
    with app.test_request_context():
        report_page()  # never closed
    assert not gc.isenabled()
    assert client.get("/health").status_code == 200
    assert gc.isenabled()
    end_unsent_pauses()  # nothing left to end: the count stays right
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_period_report_page_is_built_and_sent_with_the_collector_paused(signed_in, make, monkeypatch):
    plan = make.plan(make.partnership())
    seen = collector_seen_by("build_period_report", monkeypatch)
    response = signed_in.get(f"/partnerships/{plan.partnership.slug}/reports/period?plan={plan.id}&window=year"
                             "&year=2024")
    assert response.status_code == 200 and "About this report" in response.get_data(as_text=True)
    assert seen == [False]
    assert not gc.isenabled(), "until the server closes the response"
    response.close()
    assert gc.isenabled()
