"""A real SMTP server in the test process (aiosmtpd), the app pointed at it, and the desk's follow-ups on a Monday."""

import email
import socket
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from app.extensions import db

#: The digests below are for Monday 17 March 2025: the weekly default and the desk digest both come on Mondays.
MONDAY = date(2025, 3, 17)
PUBLIC_URL = "https://tracker.example.org/desk"


class Inbox:
    """What the server received; it can refuse recipients ("451 Try again later") a number of times, or always."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refusals_left = 0
        self.refuse_always = False
        self.recipients_refused = 0
        self.port = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_always or self.refusals_left > 0:
            self.refusals_left -= 1
            self.recipients_refused += 1
            return "451 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=default_policy))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def point_mail_at(app, monkeypatch, port: int, timeout: float = 5) -> None:
    for name, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_SECURITY": "none",
                        "MAIL_USERNAME": None, "MAIL_PASSWORD": None, "MAIL_RETRIES": 2, "MAIL_RETRY_DELAYS": [0.0],
                        "MAIL_TIMEOUT": timeout, "MAIL_SENDER": "Partnership tracker <tracker@asean.example>",
                        "PUBLIC_URL": PUBLIC_URL}.items():
        monkeypatch.setitem(app.config, name, value)


@pytest.fixture
def inbox(app, monkeypatch):
    """A running SMTP server the app sends to; its ``messages`` are what it accepted."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    point_mail_at(app, monkeypatch, controller.port)
    yield handler
    controller.stop()


def run_send(app, *args: str):
    """``flask reminders send`` as cron runs it: its own application context and database session."""
    if db.session.is_active:
        db.session.commit()  # what the test made is there for the command to read
    result = app.test_cli_runner().invoke(args=["reminders", "send", *args])
    db.session.expire_all()
    return result


@pytest.fixture
def send(app):
    return lambda *args: run_send(app, *args)


@dataclass
class Desk:
    """Who is on the desk, and what they owe on ``MONDAY``."""

    officer: object
    admin: object
    viewer: object
    pakistan: object
    norway: object


@pytest.fixture
def desk(make):
    """An officer (editor) who looks after ASEAN–Pakistan and owns its follow-ups, an administrator, a viewer."""
    officer = make.user(role="editor", email="officer@asean.example", name="Desk Officer")
    admin = make.user(role="admin", email="admin@asean.example", name="Head of Desk")
    viewer = make.user(role="viewer", email="viewer@asean.example", name="Intern")
    pakistan = make.partnership(desk_officer_id=officer.id)
    norway = make.partnership(make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO"))
    return Desk(officer, admin, viewer, pakistan, norway)


def text_part(message: EmailMessage) -> str:
    """The plain-text part, its lines ended as Python writes them (mail ends them with CR LF)."""
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content().replace("\r\n", "\n")
