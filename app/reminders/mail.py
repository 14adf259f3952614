"""Sending an e-mail through the mail server the environment names (MAIL_* settings), with a few tries.

One connection per e-mail: a digest run sends a few dozen, and a server that drops a connection half-way through a
run then costs one e-mail a try, not the rest of the run.
"""

import smtplib
import socket
import ssl
import time
from collections.abc import Mapping
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from typing import Any
from urllib.parse import urlsplit

from flask import current_app

#: Lines up to the limit of RFC 5322 before folding: a long unsubscribe address stays one piece in its header.
POLICY = SMTP.clone(max_line_length=998)


class MailNotSent(Exception):
    """The server refused the e-mail or did not answer, every try; the message says why (never the password)."""


def compose(to: str, subject: str, text: str, html: str, unsubscribe: str) -> EmailMessage:
    """A multipart e-mail (plain text, and HTML for those who read it) with one-click unsubscribe (RFC 8058)."""
    message = EmailMessage(policy=POLICY)
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=urlsplit(current_app.config["PUBLIC_URL"]).hostname or "localhost")
    # Sent by a program, not a person: no out-of-office replies (RFC 3834).
    message["Auto-Submitted"] = "auto-generated"
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def why(error: BaseException, settings: Mapping[str, Any]) -> str:
    """What went wrong, in words for the person reading the command's output."""
    where = f"{settings['MAIL_SERVER']}:{settings['MAIL_PORT']}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refusals = [f"{code} {_text(reply)}" for code, reply in error.recipients.values()]
        return f"the mail server refused the recipient: {'; '.join(refusals)}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"the mail server refused the user name and password: {error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"the mail server answered {error.smtp_code} {_text(error.smtp_error)}"
    # smtplib reports a reply that never came as the server disconnecting, the time-out as its context.
    if isinstance(error, TimeoutError | socket.timeout) or isinstance(error.__context__, TimeoutError | socket.timeout):
        return f"the mail server at {where} did not answer within {settings['MAIL_TIMEOUT']:g} seconds"
    if isinstance(error, ConnectionRefusedError):
        return f"the mail server at {where} refused the connection"
    return f"{type(error).__name__} talking to the mail server at {where}: {error}"


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


def _deliver(message: EmailMessage, settings: Mapping[str, Any]) -> None:
    host, port, timeout = settings["MAIL_SERVER"], settings["MAIL_PORT"], settings["MAIL_TIMEOUT"]
    security = settings["MAIL_SECURITY"]
    context = ssl.create_default_context(cafile=settings["MAIL_CA_FILE"])
    server = (smtplib.SMTP_SSL(host, port, timeout=timeout, context=context) if security == "tls"
              else smtplib.SMTP(host, port, timeout=timeout))
    with server:
        if security == "starttls":
            server.starttls(context=context)
        if settings["MAIL_USERNAME"]:
            server.login(settings["MAIL_USERNAME"], settings["MAIL_PASSWORD"] or "")
        server.send_message(message)


def send(message: EmailMessage) -> None:
    """Hand ``message`` to the mail server, trying again MAIL_RETRIES times after the waits of MAIL_RETRY_DELAYS;
    ``MailNotSent`` with the last reason when every try failed."""
    settings = current_app.config
    delays = settings["MAIL_RETRY_DELAYS"] or [0.0]
    tries = 1 + max(settings["MAIL_RETRIES"], 0)
    reason = ""
    for attempt in range(tries):
        if attempt:
            time.sleep(delays[min(attempt - 1, len(delays) - 1)])
        try:
            _deliver(message, settings)
            return
        except (OSError, smtplib.SMTPException) as error:  # OSError: refused, unreachable, timed out, TLS
            reason = why(error, settings)
    raise MailNotSent(reason)
