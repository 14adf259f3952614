"""The mail server reached over TLS, from the start or after STARTTLS, signing in with the account from the
environment; the server's certificate checked against MAIL_CA_FILE."""

import ssl
import subprocess
from datetime import date

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.reminders.conftest import Inbox, free_port, point_mail_at


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A certificate for "localhost", made for these tests, and its key."""
    folder = tmp_path_factory.mktemp("mail-tls")
    cert, key = folder / "server.pem", folder / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


class Accounts:
    """The server's one account, and who signed in."""

    def __init__(self):
        self.signed_in = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if auth_data.login == b"tracker" and auth_data.password == b"s3cret-Pa55word":
            self.signed_in.append(auth_data.login.decode())
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


@pytest.fixture(params=["starttls", "tls"])
def secure_inbox(request, app, monkeypatch, certificate):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler, accounts = Inbox(), Accounts()
    # aiosmtpd offers AUTH on a TLS connection only after its own STARTTLS: on one secure from the start it is told
    # that the connection needs no upgrade first.
    secured = ({"tls_context": context, "require_starttls": True, "auth_require_tls": True}
               if request.param == "starttls" else {"ssl_context": context, "auth_require_tls": False})
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), server_hostname="localhost",
                            authenticator=accounts, **secured)
    controller.start()
    point_mail_at(app, monkeypatch, controller.port)
    for name, value in {"MAIL_SERVER": "localhost", "MAIL_SECURITY": request.param, "MAIL_CA_FILE": str(cert),
                        "MAIL_USERNAME": "tracker", "MAIL_PASSWORD": "s3cret-Pa55word"}.items():
        monkeypatch.setitem(app.config, name, value)
    handler.accounts = accounts
    yield handler
    controller.stop()


def test_the_digest_goes_over_tls_after_signing_in(make, desk, secure_inbox, send):
    make.follow_up(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10))

    result = send("--date", "2025-03-17")

    assert result.exit_code == 0, result.output
    assert len(secure_inbox.to("officer@asean.example")) == 1
    assert secure_inbox.accounts.signed_in == ["tracker", "tracker"]  # the officer's digest and the desk digest


def test_a_refused_password_fails_the_run_without_printing_it(app, make, desk, secure_inbox, send, monkeypatch):
    make.follow_up(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10))
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "not-the-Pa55word")

    result = send("--date", "2025-03-17")

    assert result.exit_code == 1
    assert ("personal digest to officer@asean.example: failed (the mail server refused the user name and password: "
            "535") in result.output
    assert "Pa55word" not in result.output
    assert secure_inbox.messages == []


def test_a_server_whose_certificate_is_not_trusted_is_not_sent_to(app, make, desk, secure_inbox, send, monkeypatch):
    make.follow_up(desk.pakistan, "Send the list of nominees", owner=desk.officer, due_on=date(2025, 3, 10))
    monkeypatch.setitem(app.config, "MAIL_CA_FILE", None)  # the system's authorities only

    result = send("--date", "2025-03-17")

    assert result.exit_code == 1
    assert "CERTIFICATE_VERIFY_FAILED" in result.output
    assert secure_inbox.messages == [] and secure_inbox.accounts.signed_in == []
