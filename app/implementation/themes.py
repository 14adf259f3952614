"""The themes that line the home page heatmap up, and which status a group of areas shows.

Each plan names its cooperation areas its own way ("Trade and investment", "Trade in goods and services", "Trade"
and "Investment" apart), so partnerships are compared by theme, and an area falls under a theme by the words of its
name. Read from the name rather than chosen on each area: every plan already recorded, imported or seeded lines up at
once, with nothing for the desk to fill in; an area whose name says nothing known shows under "Other", in plain sight,
where it tells the desk a word is missing here.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from flask_babel import lazy_gettext as _l

from app.models import AreaStatus


@dataclass(frozen=True)
class Theme:
    key: str
    #: In the page's language; left out of equality and hashing, which must not change with the reader.
    name: str = field(compare=False)
    #: Starts of words (or phrases) in an area's name that put it under this theme, in any case: "cyber" finds
    #: "Cybersecurity", and "culture" does not find "Agriculture".
    words: tuple[str, ...] = ()
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        alternatives = "|".join(re.escape(word) for word in self.words) or r"(?!)"
        object.__setattr__(self, "pattern", re.compile(rf"\b(?:{alternatives})", re.IGNORECASE))

    def takes(self, area_name: str) -> bool:
        return self.pattern.search(area_name) is not None


#: The columns, roughly in the order of the pillars (political-security, economic, socio-cultural). An area whose
#: name fits two themes goes under the first: Connectivity comes before Digital so that "Physical and digital
#: connectivity" is connectivity, Education before Culture so that "Education and people-to-people exchanges" is
#: education. "security" alone is no word of Security: "Food security" and "Energy security" are not about it.
THEMES = (
    Theme("security", _l("Security"), ("terror", "crime", "cyber", "maritime", "peace", "defence", "rule of law",
                                   "drug", "trafficking", "border", "political")),
    Theme("trade", _l("Trade, investment and finance"), (
        "trade", "investment", "customs", "tariff", "standards", "competition", "intellectual property", "financ",
        "banking", "business", "enterprise")),
    Theme("connectivity", _l("Connectivity"), (
        "connectivity", "transport", "infrastructure", "logistics", "smart cit")),
    Theme("digital", _l("Digital, science and technology"), (
        "digital", "science", "technolog", "innovation", "space")),
    Theme("food", _l("Food and agriculture"), ("food", "agricultur", "fisher", "forestry")),
    Theme("energy", _l("Energy"), ("energy",)),
    Theme("environment", _l("Environment, climate and disasters"), (
        "environment", "climate", "ocean", "blue economy", "biodiversity", "disaster", "humanitarian")),
    Theme("education", _l("Education"), ("education", "human resource", "capacity building", "scholarship", "skills")),
    Theme("health", _l("Health"), ("health", "pandemic", "medic")),
    Theme("people", _l("Culture and people-to-people"), (
        "culture", "arts", "people", "tourism", "youth", "sport", "media", "interfaith")),
)
OTHER = Theme("other", _l("Other"))
#: Every column of the heatmap, "Other" last.
COLUMNS = (*THEMES, OTHER)


@lru_cache(maxsize=4096)  # plans repeat their area names: "Trade" is on nearly every row
def theme_of(area_name: str) -> Theme:
    return next((theme for theme in THEMES if theme.takes(area_name)), OTHER)


#: Worst first. An area with no status yet ranks after the judgements of trouble but before "On track": nobody has
#: said it is in trouble, and nobody has said it is fine, so it must not hide behind its neighbours' good news.
SEVERITY: tuple[AreaStatus | None, ...] = (
    AreaStatus.OFF_TRACK, AreaStatus.AT_RISK, AreaStatus.NOT_STARTED, None, AreaStatus.ON_TRACK, AreaStatus.COMPLETED,
)


def worst_status(statuses: Iterable[AreaStatus | None]) -> AreaStatus | None:
    """The worst of these statuses (None: no status yet); at least one is needed."""
    return min(statuses, key=SEVERITY.index)
