"""The results page: reached from the top bar, the query in its address, filters, paging, any input at all."""

from datetime import date

import pytest

from app.extensions import db
from tests.search.helpers import page_hits


def test_every_page_has_the_search_box_in_its_top_bar(signed_in):
    page = signed_in.get("/meetings/").get_data(as_text=True)
    assert '<form method="get" action="/search"' in page
    assert '<label class="visually-hidden" for="top-search">Search all records</label>' in page


def test_the_query_stays_in_the_address_and_in_the_boxes(signed_in, rathore):
    page = signed_in.get("/search?q=Rathor").get_data(as_text=True)
    assert page_hits(page) == {"person": [(f"/people/{rathore.id}", "H.E. Ameer Khurram <mark>Rathor</mark>e")]}
    assert 'id="q" name="q" spellcheck="false" type="search" value="Rathor"' in page
    assert 'id="top-search" name="q" spellcheck="false"\n                 value="Rathor"' in page


def test_results_are_grouped_by_kind_with_a_link_to_all_of_a_kind(signed_in, make, pakistan):
    for n in range(1, 8):
        make.follow_up(pakistan, title=f"Send the trade figures, part {n}", due_on=date(2025, 1, n))
    make.action_line(make.area(make.plan(pakistan)), text="Trade facilitation")
    page = signed_in.get("/search?q=trade").get_data(as_text=True)
    hits = page_hits(page)
    assert list(hits) == ["follow_up", "action_line"]
    # The same relevance for each: the latest due first.
    assert [title for _, title in hits["follow_up"]] == [
        f"Send the <mark>trade</mark> figures, part {n}" for n in (7, 6, 5, 4, 3)]
    assert 'href="/search?q=trade&amp;kind=follow_up">All 7 follow-up actions found' in page
    second = signed_in.get("/search?q=trade&kind=follow_up&page=2").get_data(as_text=True)
    assert page_hits(second) == {}  # 7 fit on the first page of one kind
    one_kind = page_hits(signed_in.get("/search?q=trade&kind=follow_up").get_data(as_text=True))
    assert list(one_kind) == ["follow_up"] and len(one_kind["follow_up"]) == 7


def test_many_of_one_kind_are_paged(signed_in, make, pakistan):
    for n in range(25):
        make.follow_up(pakistan, title=f"Customs item {n + 1:02}", due_on=date(2025, 1, n + 1))
    second = signed_in.get("/search?q=customs&kind=follow_up&page=2").get_data(as_text=True)
    assert [title for _, title in page_hits(second)["follow_up"]] == [
        f"<mark>Customs</mark> item {n:02}" for n in (5, 4, 3, 2, 1)]
    assert "page 2 of 2" in second


def test_filters_by_partnership_and_by_the_records_dates(signed_in, make, pakistan):
    norway = make.partnership(make.organisation("Kingdom of Norway", "Norway", iso_code="NO"))
    make.meeting(pakistan, title="Fisheries talks", held_on=date(2023, 9, 18))
    make.meeting(norway, title="Fisheries workshop", held_on=date(2024, 3, 25))
    make.follow_up(norway, title="Fisheries report", due_on=date(2024, 12, 31))

    def found(query):
        page = signed_in.get(f"/search?q=fisheries{query}").get_data(as_text=True)
        return {kind: [title for _, title in hits] for kind, hits in page_hits(page).items()}

    assert found("&partnership=asean-norway") == {"meeting": ["<mark>Fisheries</mark> workshop"],
                                                  "follow_up": ["<mark>Fisheries</mark> report"]}
    page = signed_in.get("/search?q=fisheries&partnership=asean-norway").get_data(as_text=True)
    # The filter keeps the partnership chosen, each by its name.
    assert '<option selected value="asean-norway">ASEAN–Norway</option>' in page
    assert '<option value="asean-pakistan">ASEAN–Pakistan</option>' in page
    assert found("&since-day=1&since-month=1&since-year=2024&until-day=30&until-month=6&until-year=2024") == {
        "meeting": ["<mark>Fisheries</mark> workshop"]}
    assert found("&kind=meeting") == {"meeting": ["<mark>Fisheries</mark> workshop", "<mark>Fisheries</mark> talks"]}


def test_a_filter_not_on_offer_is_said_beside_its_field_and_ignored(signed_in, make, pakistan):
    make.meeting(pakistan, title="Fisheries talks")
    answer = signed_in.get("/search?q=fisheries&kind=spaceship&partnership=nowhere")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "Select a kind of record from the list" in page and "Select a partnership from the list" in page
    assert list(page_hits(page)) == ["meeting"]


@pytest.mark.parametrize("query", [
    "", "   ", "?!*()", "\x01\x1f", "rath\tore", '"unbalanced', "trade*", "NEAR(trade customs)", "a OR b", "-customs",
    "col:value", "{folded_title}: x", "'; DROP TABLE people; --", "%_\\", "^trade", "x" * 5000, "ก", "王",
])
def test_any_query_gets_a_page_never_an_error(signed_in, rathore, query):
    answer = signed_in.get("/search", query_string={"q": query})
    assert answer.status_code == 200


@pytest.mark.parametrize("query", ["\x00", "rath\x00ore"])
def test_a_nul_character_gets_the_apps_could_not_be_understood_page(signed_in, query):
    # The app refuses NUL in any request (PostgreSQL cannot hold one in text): a page saying so, not an error.
    answer = signed_in.get("/search", query_string={"q": query})
    assert answer.status_code == 400
    assert "The request could not be understood" in answer.get_data(as_text=True)


def test_a_query_in_syntax_characters_is_searched_as_plain_words(signed_in, rathore):
    page = signed_in.get("/search", query_string={"q": '"Rathore" (ambassador*) -:'}).get_data(as_text=True)
    assert list(page_hits(page)) == ["person"]
    # Every word must be found, "near" and "or" too: they are words here, not operators.
    assert page_hits(signed_in.get("/search", query_string={"q": "Rathore OR Singh"}).get_data(as_text=True)) == {}


def test_a_very_long_query_is_cut_with_a_word_beside_the_box(signed_in, rathore):
    page = signed_in.get("/search", query_string={"q": "rathore " * 40}).get_data(as_text=True)
    assert "Only the first 200 characters were searched" in page
    assert 'aria-describedby="q-hint q-error"' in page
    assert 'href="#q">Only the first 200 characters were searched' in page  # in the error summary too
    assert list(page_hits(page)) == ["person"]  # what fits is searched


def test_a_query_of_punctuation_only_says_what_to_type(signed_in):
    page = signed_in.get("/search?q=%3F%21%2A").get_data(as_text=True)
    assert "There are no letters or numbers in “?!*” to search for" in page


def test_record_text_and_the_query_are_escaped(signed_in, make):
    make.person("<script>alert(1)</script> Rathore")
    page = signed_in.get("/search", query_string={"q": "<script> rathore"}).get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; <mark>Rathore</mark>" in page


def test_nothing_found_suggests_what_to_try(signed_in):
    page = signed_in.get("/search?q=zanzibar&kind=meeting").get_data(as_text=True)
    assert "No records match “zanzibar”" in page
    assert "including archived records" in page and "searching without the filters" in page


def test_the_results_page_reads_the_database_a_bounded_number_of_times(signed_in, make, pakistan, count_queries):
    for n in range(30):
        make.meeting(pakistan, title=f"Trade talks {n}", held_on=date(2020, 1, 1 + n % 28))
        make.follow_up(pakistan, title=f"Send trade data {n}")
    db.session.commit()
    with count_queries() as statements:
        answer = signed_in.get("/search?q=trade")
    assert answer.status_code == 200
    # The signed-in user and session, the partnerships offered, the results of every kind, their partnerships;
    # on PostgreSQL also the setting of how the search is planned, and putting it back, which read nothing.
    reads = [statement for statement in statements if not statement.startswith(("SET ", "RESET "))]
    assert len(reads) <= 6, statements
