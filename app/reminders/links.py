"""Links in e-mails: absolute addresses built from PUBLIC_URL (a command has no request to take a host from), and
the signed unsubscribe link, which works without signing in and stops one digest of one person."""

from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.models import DigestKind

#: Keeps these signatures apart from every other use of the secret key.
UNSUBSCRIBE_SALT = "reminders.unsubscribe"


def public_url(endpoint: str, **values: Any) -> str:
    """The full address of ``endpoint`` as people reach the app (PUBLIC_URL, with any path it is served under)."""
    parts = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path.rstrip("/") or "/",
                                       url_scheme=parts.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


class UnusableLink(Exception):
    """An unsubscribe link that was changed, belongs to nothing here, or is too old."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "not recognised")
        self.expired = expired


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int, kind: DigestKind) -> str:
    return _signer().dumps({"user": user_id, "digest": kind.value})


def read_unsubscribe_token(token: str) -> tuple[int, DigestKind]:
    """The user and the digest a token names; ``UnusableLink`` for any other token."""
    try:
        named = _signer().loads(token, max_age=current_app.config["REMINDERS_UNSUBSCRIBE_DAYS"] * 24 * 3600)
    except SignatureExpired:
        raise UnusableLink(expired=True) from None
    except BadSignature:
        raise UnusableLink(expired=False) from None
    if not (isinstance(named, dict) and isinstance(named.get("user"), int) and DigestKind.holds(named.get("digest"))):
        raise UnusableLink(expired=False)
    return named["user"], DigestKind(named["digest"])


def unsubscribe_url(user_id: int, kind: DigestKind) -> str:
    return public_url("reminders.unsubscribe", token=unsubscribe_token(user_id, kind))
