"""Attention signals worked out once per change to the data, not on every visit to the home page: finding quiet
areas reads the latest update, line update and meeting of every live area, at the size of a ministry (thousands of
areas) most of the home page's time."""

from datetime import date

from flask import current_app

from app.common.unchanged import while_unchanged
from app.implementation.attention import Signal, attention_signals, signal_headings


def current_attention_signals(today: date) -> dict[str, list[Signal]]:
    """The signals of each kind (every kind present, perhaps with none), in the order the home page shows them."""
    settings = (current_app.config.get("ATTENTION_STALE_DAYS"), current_app.config.get("ATTENTION_PLAN_ENDING_DAYS"))
    return while_unchanged(("attention signals", today, settings), lambda: _by_kind(attention_signals(today)))


def _by_kind(signals: list[Signal]) -> dict[str, list[Signal]]:
    groups: dict[str, list[Signal]] = {kind: [] for kind in signal_headings()}
    for signal in signals:
        groups[signal.kind].append(signal)
    return groups
