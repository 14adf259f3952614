from decimal import ROUND_HALF_UP, Decimal


def percent(part: int, whole: int) -> int:
    """A whole percentage, halves rounded up (1 of 8 is 13%, not 12%), 0 when there is nothing to count."""
    if not whole:
        return 0
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
