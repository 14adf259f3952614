from decimal import ROUND_HALF_UP, Decimal


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
