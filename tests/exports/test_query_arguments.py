"""Links and redirects read only the query arguments they know; nothing else in an address decides where they go.

An address may carry anything besides a form's fields: ``slug`` (a path argument of the report page), or
url_for's own options (``_method``, ``_external``, ``_anchor``, ``_scheme``). None fails the request, and none sends
the reader to another site, even when the request's Host header names one.
"""

from datetime import date
from urllib.parse import urlsplit

import pytest

from app.extensions import db
from app.models import FormerSlug
from app.reports.services import issue_period_report
from tests.exports.conftest import YEAR_2025, period_url

EVIL = "evil.example"
#: What an address may carry besides a form's fields.
EXTRAS = {
    "path argument": "slug=x",
    "method": "_method=POST",
    "external": "_external=1",
    "anchor": "_anchor=x",
    "scheme": "_scheme=javascript",
    "scheme and external": "_scheme=javascript&_external=1",
}
AS_OF = "as_of-day=30&as_of-month=6&as_of-year=2025"


@pytest.fixture
def forged_host(visitor, make, monkeypatch):
    """An editor whose every request, signing in included, names another site in its Host header."""
    send = visitor.client.open

    def open_with_forged_host(*args, **kwargs):
        if args and isinstance(args[0], str):  # a redirect followed is sent on with the Host it came with
            kwargs["headers"] = {"Host": EVIL, **kwargs.get("headers", {})}
        return send(*args, **kwargs)

    monkeypatch.setattr(visitor.client, "open", open_with_forged_host)
    visitor.user = make.user(role="editor", email="editor@asean.example", name="Desk Officer")
    visitor.sign_in(visitor.user)
    return visitor


def assert_stays_here(response) -> None:
    assert response.status_code != 500, response.get_data(as_text=True)[:500]
    location = urlsplit(response.headers.get("Location", ""))
    assert (location.scheme, location.netloc) == ("", ""), response.headers["Location"]
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        assert EVIL not in body and "javascript:" not in body


#: Each export: its address without the extra, and where it answers (a path to the page that explains what is
#: wrong, or None for the file itself), worked out from the report pages' rules.
EXPORTS = {
    "period, no such plan": (lambda plan, _issued: "/partnerships/asean-pakistan/reports/period/xlsx?plan=abc",
                             "/partnerships/asean-pakistan/reports/period?plan=abc"),
    "period, a year": (lambda plan, _issued: period_url(plan, "xlsx", **YEAR_2025), None),
    "portfolio, no date": (lambda _plan, _issued: "/reports/portfolio/xlsx?status=nonsense",
                           "/reports/portfolio?status=nonsense"),
    "portfolio, a date": (lambda _plan, _issued: f"/reports/portfolio/xlsx?{AS_OF}", None),
    "issued": (lambda _plan, issued: f"/reports/{issued.id}/xlsx", None),
}


@pytest.fixture
def issued(history, forged_host):
    report = issue_period_report(history, date(2025, 1, 1), date(2025, 12, 31), way_forward="Next JSCC",
                                 issued_by=forged_host.user)
    db.session.commit()
    return report


def with_extra(address: str, extra: str) -> str:
    return f"{address}{'&' if '?' in address else '?'}{extra}"


@pytest.mark.parametrize("extra", EXTRAS.values(), ids=EXTRAS.keys())
@pytest.mark.parametrize("export", EXPORTS)
def test_an_export_reads_only_its_own_arguments(history, forged_host, issued, export, extra):
    address, explained_at = EXPORTS[export]
    response = forged_host.get(with_extra(address(history, issued), extra))
    assert_stays_here(response)
    if explained_at:
        assert (response.status_code, response.headers["Location"]) == (302, explained_at)
    else:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment; filename=")


#: Each PDF download, and the link back to its report on the page saying PDF is unavailable (as HTML writes it).
PDF_DOWNLOADS = {
    "period": (lambda plan: period_url(plan, "pdf", **YEAR_2025),
               lambda plan: f"/partnerships/asean-pakistan/reports/period?plan={plan.id}&amp;window=year"
                            "&amp;year=2025"),
    "portfolio": (lambda _plan: f"/reports/portfolio/pdf?{AS_OF}",
                  lambda _plan: "/reports/portfolio?as_of-day=30&amp;as_of-month=6&amp;as_of-year=2025"),
}


@pytest.mark.parametrize("extra", EXTRAS.values(), ids=EXTRAS.keys())
@pytest.mark.parametrize("download", PDF_DOWNLOADS)
def test_without_pdf_the_way_back_reads_only_the_form(history, forged_host, monkeypatch, download, extra):
    monkeypatch.setattr("app.exports.routes.pdf_available", lambda: False)
    address, back = PDF_DOWNLOADS[download]
    response = forged_host.get(with_extra(address(history), extra))
    assert_stays_here(response)
    assert response.status_code == 503
    assert f'<a href="{back(history)}">Back to the report</a>' in response.get_data(as_text=True)


@pytest.mark.parametrize("extra", [*EXTRAS.values(), "format=odt"], ids=[*EXTRAS.keys(), "format"])
def test_the_portfolio_page_links_its_downloads_to_its_own_arguments(history, forged_host, extra):
    response = forged_host.get(f"/reports/portfolio?{AS_OF}&{extra}")
    assert_stays_here(response)
    assert response.status_code == 200
    link = "/reports/portfolio/xlsx?as_of-day=30&amp;as_of-month=6&amp;as_of-year=2025&amp;copy=recipient"
    assert f'href="{link}"' in response.get_data(as_text=True)


@pytest.mark.parametrize("extra", EXTRAS.values(), ids=EXTRAS.keys())
def test_a_page_past_the_end_goes_back_to_the_first_with_the_rest_of_its_address(forged_host, extra):
    response = forged_host.get(f"/organisations/?page=9&{extra}")
    assert_stays_here(response)
    # The other arguments are kept as they were typed: the list reads only those it knows.
    assert (response.status_code, response.headers["Location"]) == (302, f"/organisations/?{extra}")


@pytest.mark.parametrize("extra", EXTRAS.values(), ids=EXTRAS.keys())
def test_a_former_slug_leads_to_the_same_address_at_the_slug_now(forged_host, make, extra):
    partnership = make.partnership(slug="asean-pk")
    db.session.add(FormerSlug(slug="asean-pakistan", partnership_id=partnership.id))
    db.session.commit()
    response = forged_host.get(f"/partnerships/asean-pakistan/reports/period?window=plan&{extra}")
    assert_stays_here(response)
    assert (response.status_code, response.headers["Location"]) == (
        308, f"/partnerships/asean-pk/reports/period?window=plan&{extra}")
