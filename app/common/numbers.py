from decimal import ROUND_HALF_UP, Decimal

from flask_babel import format_decimal

from app.languages import DEFAULT_LANGUAGE, page_language


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
