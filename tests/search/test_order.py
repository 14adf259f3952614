"""Which results come first, and how many are counted: the headings that hold every word, then the rest, the
newest first in each; a kind with more hits than are counted says so."""

from datetime import date

from app.search import statement
from tests.search.helpers import page_hits, results, titles


def test_the_headings_holding_every_word_come_first_the_newest_first(make, pakistan):
    make.meeting(pakistan, title="Customs dialogue", held_on=date(2022, 1, 5))
    make.meeting(pakistan, title="Customshouse visit", held_on=date(2023, 1, 5))
    make.meeting(pakistan, title="Talks on the summary of the week", summary="Customs matters",
                 held_on=date(2024, 5, 1))
    make.meeting(pakistan, title="Customs and trade talks", held_on=date(2021, 6, 1))
    # In the heading: 2023, 2022, 2021 newest first; then the one with "customs" in its summary only.
    assert titles("customs") == {"meeting": ["Customshouse visit", "Customs dialogue", "Customs and trade talks",
                                             "Talks on the summary of the week"]}
    # Both words in a heading only once ("Customs and trade talks"); the 2022 and 2023 ones lack "trade".
    assert titles("customs trade") == {"meeting": ["Customs and trade talks"]}


def test_undated_records_come_after_dated_ones_the_latest_made_first(make, pakistan):
    make.follow_up(pakistan, title="Tariff note, undated")
    make.follow_up(pakistan, title="Tariff note, due", due_on=date(2020, 1, 1))
    make.follow_up(pakistan, title="Tariff note, undated and newer")
    assert titles("tariff note") == {"follow_up": ["Tariff note, due", "Tariff note, undated and newer",
                                                   "Tariff note, undated"]}


def test_an_editors_restricted_heading_ranks_as_a_heading(as_role, make, pakistan):
    make.follow_up(pakistan, title="Send the tariff schedule", is_restricted=True, due_on=date(2024, 1, 1))
    make.follow_up(pakistan, title="Call the mission", description="About the tariff", due_on=date(2025, 1, 1))
    # The newer one holds "tariff" only in its text: for an editor the restricted heading comes first.
    assert titles("tariff") == {"follow_up": ["Send the tariff schedule", "Call the mission"]}
    # A viewer finds only the other: the restricted one's title and description are for editors.
    assert titles("tariff", restricted=False) == {"follow_up": ["Call the mission"]}


def test_a_kind_with_more_hits_than_are_counted_says_so_and_lists_the_counted(signed_in, make, pakistan,
                                                                              monkeypatch):
    monkeypatch.setattr(statement, "COUNTED", 3)
    for day in range(1, 6):
        make.follow_up(pakistan, title=f"Trade figures {day}", due_on=date(2025, 1, day))
    make.action_line(make.area(make.plan(pakistan)), text="Trade facilitation")
    found = {group.kind.value: (group.shown_total, group.capped) for group in results("trade").groups}
    # 5 follow-ups, counted up to 4 (one more than 3) and shown as "3+"; the one action line exactly.
    assert found == {"follow_up": ("3+", True), "action_line": ("1", False)}
    page = signed_in.get("/search?q=trade").get_data(as_text=True)
    assert "(3+ found)" in page and "All 3+ follow-up actions found" in page
    one_kind = signed_in.get("/search?q=trade&kind=follow_up").get_data(as_text=True)
    # Still every hit of the first page, newest first: the count is capped, not the hits.
    assert [title for _, title in page_hits(one_kind)["follow_up"]] == [
        f"<mark>Trade</mark> figures {day}" for day in (5, 4, 3, 2, 1)]
    assert "Only the first 3 are listed: add a word or a filter to find the rest." in one_kind


def test_headings_are_found_in_order_whether_the_newest_entries_hold_them_or_not(make, pakistan, monkeypatch):
    """PostgreSQL reads the newest entries of a kind first and looks the headings up through the indexes only when
    too few are there: both ways give the same list (three entries read here, instead of thousands)."""
    monkeypatch.setattr(statement, "NEWEST_READ", 3)
    for day in range(1, 5):  # the oldest four hold "tariff" in their heading
        make.follow_up(pakistan, title=f"Tariff schedule {day}", due_on=date(2024, 1, day))
    for day in range(1, 5):  # the newest four in their text only
        make.follow_up(pakistan, title=f"Customs note {day}", description="tariff", due_on=date(2025, 1, day))
    # Not among the newest three: found through the indexes, headings first, newest first in each.
    assert titles("tariff") == {"follow_up": ["Tariff schedule 4", "Tariff schedule 3", "Tariff schedule 2",
                                              "Tariff schedule 1", "Customs note 4"]}
    for day in range(1, 6):  # now the newest five hold it in their heading
        make.follow_up(pakistan, title=f"Tariff line {day}", due_on=date(2026, 1, day))
    assert titles("tariff") == {"follow_up": [f"Tariff line {day}" for day in (5, 4, 3, 2, 1)]}
    assert titles("tariff", partnership_id=pakistan.id)["follow_up"][0] == "Tariff line 5"


def test_a_kind_with_more_hits_than_are_counted_lists_the_newest_of_those_found_in_the_text(make, pakistan,
                                                                                            monkeypatch):
    """Past the count, the hits outside the headings are read in order, each word measured in each entry's text
    (on PostgreSQL): the same words and the same order as when they are found through the indexes."""
    monkeypatch.setattr(statement, "COUNTED", 3)
    for day in range(1, 6):
        make.follow_up(pakistan, title=f"Call the mission {day}", description="Tariff schedule sent; UN desk told",
                       due_on=date(2025, 1, day))
    for day in range(1, 4):  # "un" only inside a word: found by "tariff", not by "tariff un"
        make.follow_up(pakistan, title=f"Brief the fund {day}", description="Tariff funding", due_on=date(2026, 1, day))
    newest_first = ["Brief the fund 3", "Brief the fund 2", "Brief the fund 1", "Call the mission 5",
                    "Call the mission 4"]
    assert titles("tariff") == {"follow_up": newest_first}
    assert titles("tariff", partnership_id=pakistan.id) == {"follow_up": newest_first}
    missions = [f"Call the mission {day}" for day in (5, 4, 3, 2, 1)]
    assert titles("tariff un") == {"follow_up": missions}
    assert titles("un tariff", partnership_id=pakistan.id) == {"follow_up": missions}
    assert titles("tariff un", partnership_id=pakistan.id + 1) == {}
