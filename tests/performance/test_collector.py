"""The cycle collector waits while a report is built, and always resumes afterwards."""

import gc
import threading

import pytest

from app.common.collector import collector_paused
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


def test_the_portfolio_page_is_built_with_the_collector_paused(signed_in, monkeypatch):
    seen = []
    build = report_routes.build_portfolio_report

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return build(*args, **kwargs)

    monkeypatch.setattr(report_routes, "build_portfolio_report", watched)
    assert signed_in.get("/reports/portfolio").status_code == 200
    assert seen == [False]
    assert gc.isenabled()
