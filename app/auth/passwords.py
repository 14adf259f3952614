"""Which new passwords are accepted, after NIST SP 800-63B: long enough, not a common or guessable one, and not
made of the person's own email address or name. No rules about digits or capitals, which make passwords harder to
remember without making them harder to guess.

The common passwords are the 30,000 of zxcvbn's list (from leaked password sets); its estimator also refuses
repeats ("aaaaaaaaaaaa"), sequences ("123456789012"), keyboard runs and words with digits stuck on, which no list
can hold in full. The published demo password is refused for anyone.
"""

import re
from functools import cache

from flask_babel import gettext
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from app.auth.demo import DEMO_ADMIN_PASSWORD
from app.languages import DEFAULT_LANGUAGE, page_language

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200
#: zxcvbn's scores run 0-4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario".
MIN_SCORE = 3
#: zxcvbn refuses longer input; a passphrase that long is past anything its estimate would refuse.
ESTIMATED_LENGTH = 72
#: Words anyone would try first on this service.
SERVICE_WORDS = ("partnership", "tracker", "asean")
#: A name or address part shorter than this is too common a fragment to refuse ("Li", "al").
SHORTEST_PERSONAL_PART = 3


class WeakPassword(ValueError):
    """The password is refused; the message says why, in words for the person choosing it."""


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"]) | {DEMO_ADMIN_PASSWORD}


def personal_parts(email: str, name: str) -> list[str]:
    """The pieces of the person's address and name a password must not contain."""
    email = (email or "").strip().lower()
    local = email.split("@")[0]
    parts = [email, local, *re.split(r"[^\w]+", local), *re.split(r"\s+", (name or "").strip().lower())]
    return [part for part in parts if len(part) >= SHORTEST_PERSONAL_PART]


def check_new_password(password: str, *, email: str, name: str) -> None:
    """Raise ``WeakPassword`` with the reason if ``password`` may not be chosen by this person."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(gettext("Password must be %(limit)s characters or more", limit=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(gettext("%(what)s must be %(limit)s characters or less", what=gettext("Password"),
                                   limit=MAX_PASSWORD_LENGTH))
    lowered = password.lower()
    if lowered.strip() in common_passwords():
        raise WeakPassword(gettext("This is one of the most common passwords: choose another, such as three or four "
                                   "unrelated words"))
    if any(part in lowered for part in personal_parts(email, name)):
        raise WeakPassword(gettext("Password must not contain your email address or name"))
    estimate = zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=[*personal_parts(email, name), *SERVICE_WORDS])
    if estimate["score"] < MIN_SCORE:
        # zxcvbn's own reasons are English; in another language the general one is given.
        reason = estimate["feedback"]["warning"] if page_language() == DEFAULT_LANGUAGE else ""
        reason = reason or gettext("it is made of words, names or patterns that are tried early")
        reason = reason[0].lower() + reason[1:].rstrip(".")
        raise WeakPassword(gettext("This password is easy to guess: %(reason)s. Choose another, such as three or "
                                   "four unrelated words", reason=reason))
