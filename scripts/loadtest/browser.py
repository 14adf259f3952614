"""What a person's browser does: reads the forms of a page, keeps cookies, posts a form and follows what the server
answers."""

from __future__ import annotations

import http.client
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from loadtest.database import PASSWORD


class FormReader(HTMLParser):
    """What a browser would send for each form on a page, before anyone changes a field."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._fields = []
            self.forms.append((attrs.get("action") or "", self._fields))
        elif self._fields is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "image", "file"):
                self._fields.append((attrs["name"], attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and attrs.get("name"):
            self._select = (attrs["name"], [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea, self._text = attrs["name"], ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [value for value, _ in options[:1]]
            self._fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            self._fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def form_on(page: str, action: str) -> dict[str, str | list[str]]:
    """The fields of the page's form that posts to ``action``; a name sent more than once maps to a list."""
    reader = FormReader()
    reader.feed(page)
    for form_action, fields in reader.forms:
        if form_action in ("", action) or urlsplit(form_action).path == urlsplit(action).path:
            values: dict[str, str | list[str]] = {}
            for name, value in fields:
                if name in values:
                    previous = values[name]
                    values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
                else:
                    values[name] = value
            return values
    raise LookupError(f"no form posting to {action} on the page")


def options_of(page: str, name: str) -> list[str]:
    """The values a radio group or select offers (besides the blank one)."""
    values = re.findall(rf'name="{re.escape(name)}"[^>]*?value="([^"]*)"', page)
    values += re.findall(rf'<select[^>]*name="{re.escape(name)}".*?</select>', page, re.S)
    options = []
    for value in values:
        if value.startswith("<select"):
            options += re.findall(r'<option[^>]*value="([^"]+)"', value)
        elif value:
            options.append(value)
    return options


class Failure(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class Browser:
    """One person's cookies and requests; gunicorn's sync workers close each connection, so each request opens one."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except ConnectionRefusedError:
            raise Failure("server down (connection refused)") from None
        except (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead, BrokenPipeError):
            raise Failure("connection dropped mid-request") from None
        except TimeoutError:
            raise Failure("no answer within 60 s") from None
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or "expires=thu, 01 jan 1970" in header.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response.status, dict(response.headers), text

    def page(self, path: str) -> str:
        status, headers, text = self.request("GET", path)
        if status in (301, 302, 303) and "/sign-in" in headers.get("Location", ""):
            raise Failure("signed out")
        if status != 200:
            raise Failure(f"HTTP {status} opening a form")
        return text

    def submit(self, path: str, fields: dict, expect: str) -> str:
        """Post a form; the address the success redirect leads to, else Failure naming what went wrong."""
        status, headers, text = self.request("POST", path, fields)
        location = headers.get("Location", "")
        if status in (302, 303) and re.search(expect, location):
            return location
        if status == 200:
            message = re.search(r'<a href="#[^"]*">([^<]+)</a>', text.split("error-summary", 1)[-1])
            raise Failure(f"form refused: {message.group(1).strip() if message else 'no message'}")
        detail = " (server error)" if status >= 500 else f" to {location}" if location else ""
        raise Failure(f"HTTP {status}{detail}")

    def sign_in(self, email: str) -> None:
        page = self.page("/sign-in")
        fields = form_on(page, "/sign-in")
        fields.update(email=email, password=PASSWORD)
        self.submit("/sign-in", fields, expect=r"^(/|http://[^/]+/)($|\?)")


def date_fields(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}
