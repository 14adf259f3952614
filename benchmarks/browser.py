"""A signed-in person at a browser, reduced to what a measurement needs: one connection, one session cookie."""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from urllib.parse import urlencode

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
#: The first message of a form's error summary: why a POST was refused.
FIRST_ERROR = re.compile(r'error-summary.*?<a href="#[^"]*">([^<]+)</a>', re.S)


@dataclass
class Answer:
    status: int
    location: str
    body: bytes
    seconds: float


class Browser:
    """Requests over one keep-alive connection (opened again whenever the server closes it; gunicorn's sync
    workers close it after every answer). ``cookies`` are sent as they are: they change only while signing in,
    so every measured request carries the same session, and the flash message a POST leaves is never shown."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None, timeout: float = 300,
                 token: str | None = None):
        self.port, self.timeout, self.token = port, timeout, token
        self.cookies = dict(cookies or {})
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, form: dict | None = None, *, keep_cookies: bool = False) -> Answer:
        headers = {"Accept": "text/html,*/*"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            reused = self.connection is not None and self.connection.sock is not None
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.close()
                # A kept-alive connection the server had already closed: once more on a new one.
                if attempt == 1 and reused and isinstance(error, (ConnectionResetError, BrokenPipeError)):
                    continue
                raise
            seconds = time.perf_counter() - started
            break
        if keep_cookies:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return Answer(response.status, response.headers.get("Location", ""), data, seconds)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


@dataclass(frozen=True)
class Session:
    cookies: dict[str, str]
    #: A form token for this session: every form of the app accepts it.
    csrf_token: str
    #: A read-only personal access token of the same user, for the API.
    api_token: str | None = None

    def browser(self, port: int, api: bool) -> Browser:
        """A browser for a page (the session cookie) or for the API (the token alone, as a program sends it)."""
        return Browser(port, token=self.api_token) if api else Browser(port, self.cookies)


def sign_in(port: int, email: str, password: str) -> Session:
    """Sign in through the real form, then open a form page for a token to post forms with."""
    browser = Browser(port)
    try:
        page = browser.request("GET", "/sign-in", keep_cookies=True)
        token = csrf_token(page.body)
        answer = browser.request("POST", "/sign-in", {"csrf_token": token, "email": email, "password": password},
                                 keep_cookies=True)
        if answer.status != 302:
            raise SystemExit(f"Signing in as {email} failed: HTTP {answer.status} {refusal(answer.body)}")
        form = browser.request("GET", "/meetings/new", keep_cookies=True)
        if form.status != 200:
            raise SystemExit(f"The meeting form did not open after signing in: HTTP {form.status}")
        return Session(cookies=browser.cookies, csrf_token=csrf_token(form.body))
    finally:
        browser.close()


def csrf_token(page: bytes) -> str:
    match = CSRF_FIELD.search(page.decode("utf-8", "replace"))
    if not match:
        raise SystemExit("A form page carries no csrf_token")
    return match.group(1)


def refusal(page: bytes) -> str:
    """The first message of the page's error summary, or nothing."""
    match = FIRST_ERROR.search(page.decode("utf-8", "replace"))
    return f"({match.group(1).strip()})" if match else ""
