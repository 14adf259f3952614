from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from app.languages import DEFAULT_LANGUAGE, page_language

#: An ordinal's words by the number's ordinal category in the language (CLDR: English writes "1st", "2nd", "3rd" and
#: "4th"; Bahasa Indonesia has one category, "ke-4"). A language without one of these categories never asks for it.
ORDINALS = {"one": _l("%(num)sst"), "two": _l("%(num)snd"), "few": _l("%(num)srd"), "other": _l("%(num)sth")}


def percent(part: int, whole: int) -> int:
    """A whole percentage, halves rounded up (1 of 8 is 13%, not 12%), 0 when there is nothing to count."""
    if not whole:
        return 0
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def amount_text(amount: str | Decimal | None, currency: str | None) -> str:
    """An amount with thousands separated and its currency after it ("15,000.00 USD"); "" when none was recorded.

    Reports keep amounts as text (exact to the cent in JSON), so either is taken."""
    if amount is None:
        return ""
    return f"{Decimal(amount):,.2f} {currency or ''}".rstrip()


def page_number(value: int) -> str:
    """A count with its thousands separated as the page's language separates them: "1,234", "1.234" in Bahasa
    Indonesia; outside a request (commands) as in English, an e-mail as in its reader's language."""
    if page_language() == DEFAULT_LANGUAGE:
        return f"{value:,}"
    return format_decimal(value)


class LaterCount:
    """A count written as the page's language writes it each time it is read (``page_number``): for a message made
    when the app starts (``lazy_gettext``), which every reader reads in their own language."""

    def __init__(self, value: int):
        self.value = value

    def __str__(self) -> str:
        return page_number(self.value)


def page_ordinal(number: int) -> str:
    """``number`` as an ordinal in the page's language, for a sentence of a page: "8th", "ke-8" in Bahasa Indonesia.
    The names of meetings are stored and shown with ``app.models.ordinal``, the same in every language."""
    category = Locale.parse(page_language()).ordinal_form(number)
    return str(ORDINALS.get(category, ORDINALS["other"])) % {"num": number}
