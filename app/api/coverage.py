"""Coverage as the API gives it, wherever it is counted (a plan as of a day, an issued report's window): the
counts of ``app.implementation.coverage.Coverage`` and the figures the pages and reports print from them."""

from datetime import date
from typing import Any

import marshmallow as ma

from app.common.forms import DateInputField
from app.implementation.coverage import Coverage


class CoverageSchema(ma.Schema):
    """Action lines counted by status: "N of M (P%) being addressed or addressed", "addressed only" beside it."""

    total = ma.fields.Integer(required=True, metadata={"description": "Action lines counted (M)."})
    addressed = ma.fields.Integer(required=True)
    being_addressed = ma.fields.Integer(required=True)
    covered = ma.fields.Integer(required=True, metadata={"description": "Addressed or being addressed (N)."})
    percent = ma.fields.Integer(required=True, metadata={"description": "N of M in whole percent, as reported."})
    addressed_percent = ma.fields.Integer(required=True, metadata={"description": "Addressed only, in percent."})
    text = ma.fields.String(required=True, metadata={"description": "As the pages print it: 2 of 4 (50%)."})

    @ma.pre_dump
    def counted(self, data: Coverage | dict[str, int], **_kwargs: Any) -> Coverage:
        """An issued report keeps the counts alone (``CoverageFigures``): the figures are worked out from them."""
        return Coverage(**data) if isinstance(data, dict) else data


#: The days a query may count as of: those a form takes.
DAYS = ma.validate.Range(min=date(DateInputField.EARLIEST_YEAR, 1, 1), max=date(DateInputField.LATEST_YEAR, 12, 31))


class AsOfArguments(ma.Schema):
    as_of = ma.fields.Date(
        validate=DAYS,
        metadata={"description": "The day to count as of (YYYY-MM-DD): statuses as they stood at its end. By default "
                                 "the day the plan page counts on: today, or the plan's last day once it is over."})
