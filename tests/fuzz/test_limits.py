"""Bounded input: the request body, every text field, dates and query parameters have limits that give a page
with a message, never a 500."""

import importlib
import pkgutil

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form, HiddenField, StringField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

import app as app_package
from app import create_app
from app.common.forms import DateInputField

HUGE = "1" * 10_001
_app = create_app("testing")
INDEX_PAGES = sorted(
    rule.rule for rule in _app.url_map.iter_rules() if rule.endpoint.endswith(".index") and not rule.arguments
)


def app_form_classes() -> list[type[Form]]:
    for module in pkgutil.walk_packages(app_package.__path__, "app."):
        importlib.import_module(module.name)
    found, queue = [], [Form]
    while queue:
        cls = queue.pop()
        queue.extend(cls.__subclasses__())
        if cls.__module__.startswith("app."):
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def text_fields(form_class: type[Form]) -> list[tuple[str, UnboundField]]:
    fields = {}
    for klass in reversed(form_class.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, UnboundField):
                fields[name] = value
    # Hidden fields carry what the page put there (a record's version), not text a person types.
    return [(name, unbound) for name, unbound in fields.items()
            if issubclass(unbound.field_class, StringField) and not issubclass(unbound.field_class, HiddenField)]


def declares_a_length_limit(unbound: UnboundField) -> bool:
    validators = unbound.kwargs.get("validators") or (unbound.args[1] if len(unbound.args) > 1 else ()) or ()
    return any(isinstance(v, Length) and v.max is not None and v.max > 0 for v in validators)


def refuses_huge_input(form_class: type[Form], name: str, unbound: UnboundField) -> bool:
    """True when 10,001 characters in the field give a message on it: the field alone, or the form whose own
    rules bound it (a row of an "add another" list)."""
    for candidate in (type("Probe", (Form,), {name: unbound}), form_class):
        try:
            form = candidate(MultiDict({name: HUGE}), meta={"csrf": False})
        except TypeError:
            continue  # a form that needs choices from the database; its fields must declare a limit
        for field in form:
            if getattr(field, "choices", ()) is None:
                field.choices = []
        form.number = 1
        form.validate()
        if form[name].errors:
            return True
    return False


def test_every_text_field_of_every_form_has_a_length_limit(app):
    unbounded = []
    with app.test_request_context():
        for form_class in app_form_classes():
            for name, unbound in text_fields(form_class):
                if not declares_a_length_limit(unbound) and not refuses_huge_input(form_class, name, unbound):
                    unbounded.append(f"{form_class.__module__}.{form_class.__qualname__}.{name}")
    assert app_form_classes(), "no forms found"
    assert not unbounded, "text fields with no length limit (add max_length(label, n)): " + ", ".join(unbounded)


def test_a_request_body_over_the_limit_gets_the_too_large_page(signed_in, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit and limit <= 10 * 1024 * 1024
    response = signed_in.client.post("/organisations/new", data={"name": "x" * (limit + 1)})
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "What you sent is too large" in page and "Shorten the text or send a smaller file." in page
    assert "Sign out" in page  # the app's own frame, not a bare server message


def test_a_nul_character_anywhere_gets_the_bad_request_page(signed_in):
    for response in (
        signed_in.get("/meetings/?q=a%00b"),
        signed_in.get("/partnerships/asean%00pakistan"),
        signed_in.submit("/organisations/new", {"name": "Nul\x00land", "short_name": "N", "kind": "country"}),
    ):
        assert response.status_code == 400
        assert "The request could not be understood" in response.get_data(as_text=True)


def test_a_bad_page_number_shows_the_first_page(as_role, make):
    visitor = as_role("admin")
    make.partnership()
    for path in INDEX_PAGES:
        first = visitor.get(path).get_data(as_text=True)
        for page in ("0", "-1", "abc", "1.5", "2147483648", "9" * 40, "٣", "²"):
            response = visitor.get(f"{path}?page={page}", follow_redirects=True)
            assert response.status_code == 200, f"{path}?page={page}"
            assert first.split("<main", 1)[-1] == response.get_data(as_text=True).split("<main", 1)[-1]


def test_unknown_filter_values_are_ignored_or_explained(as_role, make):
    visitor = as_role("admin")
    make.partnership()
    for query in (
        "partnership=no-such-slug", "partnership=" + "x" * 5000, "status=everything", "type=<b>", "year=²",
        "year=99999", "organisation=99999999999999999999", "organisation=-1", "kind=planet", "archived=yes",
        "overdue=%F0%9F%98%80", "mine=2", "q=' OR 1=1 --", "q=%25%5F%5C", "sort=drop table", "pillar=Economic",
    ):
        for path in INDEX_PAGES:
            response = visitor.get(f"{path}?{query}", follow_redirects=True)
            assert response.status_code in (200, 400), f"{path}?{query} answered {response.status_code}"


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("25", "3", "0224", "Year must be between 1900 and 2100"),
    ("31", "12", "9999", "Year must be between 1900 and 2100"),
    ("1", "1", "²²²²", "Date of the meeting must be a real date"),
    ("30", "2", "2024", "Date of the meeting must be a real date"),
    ("2147483648", "1", "2024", "Date of the meeting must be a real date"),
    ("1", "99999999999999999999", "2024", "Date of the meeting must be a real date"),
])
def test_an_implausible_date_gets_a_message(app, day, month, year, message):
    class MeetingDate(Form):
        held_on = DateInputField("Date of the meeting", what="the date of the meeting")

    with app.test_request_context():
        form = MeetingDate(MultiDict({"held_on-day": day, "held_on-month": month, "held_on-year": year}))
        assert not form.validate()
        assert form.held_on.errors == [message]
        assert form.held_on.parts == {"day": day, "month": month, "year": year}  # what was typed is kept


def test_the_first_and_last_years_are_allowed(app):
    class Window(Form):
        starts_on = DateInputField("From")

    with app.test_request_context():
        for day, month, year in (("1", "1", "1900"), ("31", "12", "2100")):
            form = Window(MultiDict({"starts_on-day": day, "starts_on-month": month, "starts_on-year": year}))
            assert form.validate(), form.starts_on.errors
