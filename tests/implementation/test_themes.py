"""Which theme column an area falls under, and which status a cell of several areas shows.

Every expected theme below was read off the area's name by hand against the theme words in app/implementation/themes.py,
taking the first theme in column order when two fit.
"""

import tomllib
from pathlib import Path

import pytest

from app.implementation.heatmap import AreaOfTheme, ThemeCell
from app.implementation.themes import COLUMNS, theme_of, worst_status
from app.models import AreaStatus

DEMO = Path(__file__).resolve().parents[2] / "seed" / "demo"
ON, RISK, OFF, DONE, NOT_STARTED = (AreaStatus.ON_TRACK, AreaStatus.AT_RISK, AreaStatus.OFF_TRACK,
                                    AreaStatus.COMPLETED, AreaStatus.NOT_STARTED)


@pytest.mark.parametrize(("name", "theme"), [
    ("Trade", "trade"),
    ("Investment", "trade"),
    ("Trade in goods and services", "trade"),
    ("Customs", "trade"),
    ("Sustainable finance", "trade"),  # "financ" is a trade word; nothing earlier fits
    ("Counter-terrorism and transnational crime", "security"),  # "terror" starts a word after the hyphen
    ("Cybersecurity", "security"),
    ("Women, peace and security", "security"),
    ("Maritime cooperation", "security"),
    ("Food security and the halal food industry", "food"),  # "security" alone is no Security word
    ("Agriculture and food security", "food"),  # "culture" inside "Agriculture" does not start a word
    ("Physical and digital connectivity", "connectivity"),  # Connectivity comes before Digital
    ("Digital economy and MSMEs", "digital"),
    ("Science and technology", "digital"),
    ("Renewable energy and energy transition", "energy"),
    ("Ocean sustainability and blue economy", "environment"),
    ("Disaster management", "environment"),
    ("Education and people-to-people exchanges", "education"),  # Education comes before Culture
    ("Education and human resource development", "education"),
    ("Public health", "health"),
    ("Culture and people-to-people contacts", "people"),
    ("People-to-people exchanges and interfaith dialogue", "people"),
    ("Tourism", "people"),
    ("Initiative for ASEAN Integration", "other"),
    ("Labour and migration", "other"),
])
def test_an_area_falls_under_the_theme_its_name_says(name, theme):
    assert theme_of(name).key == theme


def test_every_demo_area_but_one_has_a_theme_of_its_own():
    """Of the 45 demo areas only Norway's "Initiative for ASEAN Integration" (narrowing the development gap, which no
    column is about) is under Other: a new demo area that lands there would be a column the desk cannot read."""
    names = {area["name"] for path in DEMO.glob("asean-*.toml")
             for plan in tomllib.loads(path.read_text(encoding="utf-8")).get("plan", [])
             for area in plan.get("area", [])}
    assert {name for name in names if theme_of(name).key == "other"} == {"Initiative for ASEAN Integration"}


def test_other_is_the_last_column():
    assert COLUMNS[-1].name == "Other" and len({theme.key for theme in COLUMNS}) == len(COLUMNS)


@pytest.mark.parametrize(("statuses", "worst"), [
    ([ON, RISK, DONE], RISK),
    ([RISK, OFF, ON], OFF),
    ([DONE, ON], ON),
    ([DONE], DONE),
    ([ON, None], None),  # not yet judged outranks good news
    ([None, NOT_STARTED, DONE], NOT_STARTED),  # a judgement that work has not begun outranks no judgement
    ([RISK, None], RISK),
])
def test_the_worst_status_leads(statuses, worst):
    assert worst_status(statuses) == worst


def test_a_cell_counts_its_areas_at_the_worst_status_and_leads_to_the_first_of_them():
    mixed = ThemeCell((AreaOfTheme(1, ON), AreaOfTheme(2, RISK), AreaOfTheme(3, RISK)))
    assert (mixed.status, mixed.count_text, mixed.first_at_worst) == (RISK, "2 of 3 areas", 2)
    alike = ThemeCell((AreaOfTheme(4, ON), AreaOfTheme(5, ON)))
    assert (alike.status, alike.count_text, alike.first_at_worst) == (ON, "2 areas", 4)
    single = ThemeCell((AreaOfTheme(6, None),))
    assert (single.status, single.count_text, single.first_at_worst) == (None, "1 area", 6)
