"""Every form and every query parameter, driven with generated values: never a 500, never markup let through.

The tests share one world (one record of each kind) and one signed-in administrator, so what one form stores
is there for the pages fetched after it; the last test reads every page once more. Forms and parameters are
found by reading the pages (tests/fuzz/site.py), so a new form is fuzzed without listing it here.
"""

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import create_app
from tests import factories
from tests.conftest import FormFiller, csrf_token, empty_tables
from tests.fuzz import strategies as values
from tests.fuzz.site import PageForm, SiteMap, World, address, build_world, crawl, endpoints, rules

_app = create_app("testing")
DATE_PARTS = ("day", "month", "year")


def fuzz_order(endpoint: str) -> tuple[int, str]:
    """Forms that take records out of play go last, so the others run against live records."""
    view = endpoint.rsplit(".", 1)[-1]
    if endpoint == "auth.sign_out":
        return 3, endpoint
    if "restore" in view:
        return 2, endpoint
    if "archive" in view or "remove" in view:
        return 1, endpoint
    return 0, endpoint


POST_ENDPOINTS = sorted(endpoints(_app, "POST"), key=fuzz_order)
GET_ENDPOINTS = endpoints(_app, "GET")


def assert_sound(what: str, response) -> None:
    for step in [*getattr(response, "history", ()), response]:
        body = step.get_data().decode(errors="replace")
        assert step.status_code < 500, f"{what} answered {step.status_code}:\n{body[:2000]}"
        if step.mimetype == "text/html":
            for telltale in values.TELLTALES:
                at = body.find(telltale)
                assert at < 0, f"{what}: markup shown unescaped: …{body[max(at - 300, 0):at + 100]}…"


@dataclass
class Fuzzer:
    app: object
    client: object
    world: World
    site: SiteMap

    def form_for(self, endpoint: str) -> tuple[str, PageForm | None]:
        """Where to post and the form a page offers for it; re-reads the site once if no page showed one yet
        (a Restore button appears only once something is archived)."""
        if endpoint not in self.site.post_forms:
            self.site = crawl(self.app, self.client, self.world)
        if endpoint in self.site.post_forms:
            _page, form = self.site.post_forms[endpoint][0]
            return form.action, form
        rule = next(rule for rule in rules(self.app, "POST") if rule.endpoint == endpoint)
        return address(self.app, rule, self.world.url_values), None

    def page_for(self, endpoint: str) -> str:
        rule = next(rule for rule in rules(self.app, "GET") if rule.endpoint == endpoint)
        return address(self.app, rule, self.world.url_values)


@pytest.fixture(scope="module")
def clean_tables():
    """This module's tests share their records; ``fuzzer`` empties the tables once at the end."""
    yield


@pytest.fixture(scope="module")
def fuzzer(app):
    with app.app_context():
        world = build_world()
        email = world.admin.email
    client = app.test_client()
    signed = FormFiller(client).submit("/sign-in", {"email": email, "password": factories.PASSWORD})
    assert signed.status_code == 200 and "Sign out" in signed.get_data(as_text=True)
    site = crawl(app, client, world, check=assert_sound)
    yield Fuzzer(app, client, world, site)
    empty_tables(app)


def field_values(name: str, field) -> st.SearchStrategy:
    if field.kind == "submit":
        return st.one_of(st.none(), st.none(), st.sampled_from(field.values or [""]))
    if name.rsplit("-", 1)[-1] in DATE_PARTS and "-" in name:
        return values.date_part(name.rsplit("-", 1)[-1])
    if field.kind in ("select", "radio", "hidden"):
        return values.choice(field.values)
    if field.kind == "checkbox":
        return st.lists(values.choice(field.values), max_size=3)
    if field.values:  # a text box shown filled in, as on an edit page
        return st.one_of(st.sampled_from(field.values), values.nasty_text)
    return values.nasty_text


def form_data(form: PageForm | None, token: str) -> st.SearchStrategy:
    fields = {name: field for name, field in (form.fields.items() if form else ()) if name != "csrf_token"}
    # Names no page offers: rows past the end of an "add another" list, fields the form does not have.
    extra_names = st.one_of(
        st.sampled_from([*fields, "id", "version", "action", "page"]).map(
            lambda name: name.replace("-0-", "-7-").replace("-1-", "-29-")),
        st.integers(0, 10**6).map(lambda n: f"participants-{n}-full_name"),
        st.text(max_size=12),
    )
    return st.fixed_dictionaries(
        {
            "csrf_token": st.integers(0, 19).map(lambda n: token if n else "forged"),
            **{name: st.one_of(field_values(name, field), st.none()) for name, field in fields.items()},
        },
        optional={"__extra__": st.dictionaries(extra_names, values.nasty_text, max_size=3)},
    ).map(_flatten)


def _flatten(drawn: dict) -> dict:
    data = {name: value for name, value in drawn.items() if value is not None and name != "__extra__"}
    for name, value in drawn.get("__extra__", {}).items():
        data.setdefault(name, value)
    return data


def token_of(fuzzer: Fuzzer) -> str:
    for forms in fuzzer.site.post_forms.values():
        for _page, form in forms:
            if form.fields.get("csrf_token") and form.fields["csrf_token"].values:
                return form.fields["csrf_token"].values[0]
    raise AssertionError("no page showed a form with a CSRF token")


def test_the_crawl_finds_the_forms_and_filters(fuzzer):
    """The fuzzing below is only as wide as what the crawl found: check it found what we know is there."""
    site = fuzzer.site
    assert {"q", "partnership", "type", "year", "archived"} <= site.query_names["meetings.index"]
    assert {"partnership_id", "held_on-day"} <= site.query_names["meetings.area_choices"]  # the form's script
    assert "partnership" in site.query_names["meetings.create"]  # from the partnership page's links
    assert {"title", "held_on-year", "participants-0-full_name"} <= set(site.post_forms["meetings.create"][0][1].fields)
    # Only Restore buttons wait for an archived record, and the button to stop reminder e-mails for an e-mail's link.
    assert len(site.post_forms) >= len(POST_ENDPOINTS) - 12


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
def test_any_query_parameters_give_a_page_not_an_error(fuzzer, endpoint):
    url = fuzzer.page_for(endpoint)
    known = fuzzer.site.query_values.get(endpoint, {})
    names = sorted(set(fuzzer.site.query_names.get(endpoint, ())) | {"page", "sort"})

    def parameter(name: str) -> st.SearchStrategy:
        if name == "page":
            return values.page_number
        part = name.rsplit("-", 1)[-1]
        if "-" in name and part in DATE_PARTS:
            return values.date_part(part)
        return values.choice(sorted(known.get(name, ())))

    query = st.fixed_dictionaries({}, optional={name: parameter(name) for name in names})

    @given(query=query)
    def fetch(query):
        response = fuzzer.client.get(url, query_string=query, follow_redirects=True)
        assert_sound(f"GET {url} with {query!r}", response)

    fetch()


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS)
def test_any_form_input_gives_a_page_not_an_error(fuzzer, endpoint):
    if endpoint.startswith("auth."):
        # Signing in or out with this client would end the administrator's session the other tests use.
        client = fuzzer.app.test_client()
        token_page = client.get("/sign-in").get_data(as_text=True)
        url, form, token = "/sign-out" if endpoint == "auth.sign_out" else "/sign-in", None, csrf_token(token_page)
        if endpoint == "auth.sign_in":
            _url, form = fuzzer.form_for(endpoint)
    else:
        client = fuzzer.client
        url, form = fuzzer.form_for(endpoint)
        token = token_of(fuzzer)

    @given(data=form_data(form, token))
    def post(data):
        response = client.post(url, data=data, follow_redirects=True)
        assert_sound(f"POST {url} with {data!r}", response)

    post()


def test_nothing_stored_is_shown_unescaped_on_any_page(fuzzer):
    site = crawl(fuzzer.app, fuzzer.client, fuzzer.world, check=assert_sound)
    assert len(site.pages) >= len(GET_ENDPOINTS)

