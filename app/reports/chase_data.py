"""The period report's chases of the partner: each follow-up the partner owes that was chased in the window, with
those chases (date, channel) and their number, as the data stood at the moment the report is counted from."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from app.models import ChaseChannel
from app.models.person import person_name
from app.reports.period_figures import ChasedFollowUp


def chased_follow_ups(rows: Iterable[sa.Row[Any]], *, include_restricted: bool,
                      restricted_title: str) -> list[ChasedFollowUp]:
    """The follow-ups of ``rows`` (``follow_up_data.chases_in_window``), earliest chased first, with their chases
    in the order made. A restricted follow-up's title reads ``restricted_title`` unless ``include_restricted``."""
    by_follow_up: dict[int, ChasedFollowUp] = {}
    chases: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if row.id not in by_follow_up:
            partner = person_name(row.honorific, row.full_name) if row.full_name else None
            by_follow_up[row.id] = {
                "id": row.id,
                "title": restricted_title if row.is_restricted and not include_restricted else row.title,
                "owner": owner_in_report(None, partner, row.partner_office),
                "chases": [], "count": 0,
            }
        chases[row.id].append(row)
    channels = ChaseChannel.labels()
    for follow_up_id, figures in by_follow_up.items():
        figures["chases"] = [{"chased_on": row.chased_on.isoformat(), "channel": ChaseChannel(row.channel).value,
                              "channel_label": channels[row.channel]} for row in chases[follow_up_id]]
        figures["count"] = len(figures["chases"])
    return list(by_follow_up.values())


def owner_in_report(user_name: str | None, partner_name: str | None, partner_office: str | None) -> str:
    """Who owns a follow-up (``FollowUpAction.owner_name``) in the report's English, the language of every word its
    figures hold, without asking the page's language on each of hundreds of rows."""
    return user_name or f"{partner_name or partner_office} (partner)"


def chases_caption(total: int, follow_ups: int) -> str:
    """The line over the report's table of chases: how many chases, on how many of the partner's follow-ups."""
    chases = f"{total} chase{'s' if total != 1 else ''}"
    owed = f"{follow_ups} follow-up{'s' if follow_ups != 1 else ''}"
    return f"{chases} of the partner in the period, on {owed} it owes"
