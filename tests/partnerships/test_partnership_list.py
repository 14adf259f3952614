"""The partnership list: each partnership's status, level, kind and plans, the filters, paging, and a number of
statements that does not grow with the partnerships listed."""

from datetime import date

from app.extensions import db
from app.models import PartnershipEvent, PartnershipStatus
from tests.partnerships.test_partnership_pages import text_of


def test_list_shows_status_level_kind_and_plans_and_filters(signed_in, make):
    pakistan = make.partnership()
    india = make.partnership(make.organisation(name="Republic of India", short_name="India", iso_code="IN"),
                             status="dialogue_partner", since=date(1995, 12, 15))
    db.session.add(PartnershipEvent(partnership=india, occurred_on=date(2022, 11, 12), kind="upgraded",
                                    status="dialogue_partner", level="comprehensive_strategic_partnership"))
    db.session.commit()
    make.partnership(make.organisation(name="European Union", short_name="EU", kind="regional_organisation"),
                     status=None)
    make.plan(pakistan, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31))
    make.plan(pakistan, label="2024-2028", state="draft")

    words = text_of(signed_in.get("/partnerships/").get_data(as_text=True))
    assert "3 partnerships" in words
    assert "ASEAN–EU No status recorded Regional organisation 0" in words
    assert "ASEAN–India Dialogue partner Comprehensive strategic partnership Country 0" in words
    assert "ASEAN–Pakistan Sectoral dialogue partner Country 2" in words

    dialogue = text_of(signed_in.get("/partnerships/?status=dialogue_partner").get_data(as_text=True))
    assert "ASEAN–India" in dialogue and "ASEAN–Pakistan" not in dialogue and "ASEAN–EU" not in dialogue
    # The old status no longer counts once a later event changed it.
    db.session.add(PartnershipEvent(partnership=pakistan, occurred_on=date(2024, 7, 25), kind="upgraded",
                                    status="dialogue_partner"))
    db.session.commit()
    dialogue = text_of(signed_in.get("/partnerships/?status=dialogue_partner").get_data(as_text=True))
    assert "2 partnerships" in dialogue and "ASEAN–Pakistan" in dialogue
    sectoral = text_of(signed_in.get("/partnerships/?status=sectoral_dialogue_partner").get_data(as_text=True))
    assert "No partnerships match" in sectoral
    # An older event entered last (a record catching up on history) does not take the latest one's place.
    db.session.add(PartnershipEvent(partnership=pakistan, occurred_on=date(2010, 1, 1), kind="conferred",
                                    status="sectoral_dialogue_partner"))
    db.session.commit()
    assert "No partnerships match" in text_of(
        signed_in.get("/partnerships/?status=sectoral_dialogue_partner").get_data(as_text=True))

    none = text_of(signed_in.get("/partnerships/?status=none").get_data(as_text=True))
    assert "1 partnership " in none and "ASEAN–EU" in none
    searched = text_of(signed_in.get("/partnerships/?q=indi").get_data(as_text=True))
    assert "ASEAN–India" in searched and "ASEAN–Pakistan" not in searched
    assert "3 partnerships" in text_of(signed_in.get("/partnerships/?status=bogus").get_data(as_text=True))


def test_list_pages(signed_in, make):
    for n in range(27):
        make.partnership(make.organisation(name=f"Country {n:02d}", short_name=f"C{n:02d}"))
    first = signed_in.get("/partnerships/").get_data(as_text=True)
    assert "Partnerships (page 1 of 2)" in first
    assert "ASEAN–C24" in first and "ASEAN–C25" not in first
    assert "ASEAN–C26" in signed_in.get("/partnerships/?page=2").get_data(as_text=True)
    assert signed_in.get("/partnerships/?page=9").status_code == 302


def add_partnerships(make, count, start=0):
    for n in range(start, start + count):
        partnership = make.partnership(make.organisation(name=f"Country {n:02d}", short_name=f"C{n:02d}"))
        db.session.add(PartnershipEvent(partnership=partnership, occurred_on=date(2015, 1, 1), kind="upgraded",
                                        status="dialogue_partner", level="strategic_partnership"))
        db.session.commit()
        make.plan(partnership)


def test_list_queries_do_not_grow_with_the_number_of_partnerships(signed_in, make, count_queries):
    add_partnerships(make, 3)
    db.session.expire_all()
    with count_queries() as three:
        assert "3 partnerships" in signed_in.get("/partnerships/").get_data(as_text=True)

    add_partnerships(make, 9, start=3)
    db.session.expire_all()
    with count_queries() as twelve:
        page = signed_in.get("/partnerships/").get_data(as_text=True)
    assert "12 partnerships" in page
    assert text_of(page).count("Dialogue partner Strategic partnership Country 1") == 12
    assert len(twelve) == len(three)
    assert len(three) <= 7, three  # 6, and one to read the version of the data the count was kept for


def test_status_filter_keeps_the_query_count_flat(signed_in, make, count_queries):
    add_partnerships(make, 3)
    db.session.expire_all()
    with count_queries() as three:
        signed_in.get("/partnerships/?status=dialogue_partner&q=C")
    add_partnerships(make, 9, start=3)
    db.session.expire_all()
    with count_queries() as twelve:
        page = signed_in.get("/partnerships/?status=dialogue_partner&q=C").get_data(as_text=True)
    assert "12 partnerships" in page
    assert len(twelve) == len(three)


def test_current_status_is_computed_in_sql_for_the_filter(app, make):
    partnership = make.partnership()
    from app.partnerships.listing import partnership_list

    def found(status):
        with app.test_request_context("/partnerships/"):
            return [row.slug for row in partnership_list(status=status).items]

    assert found(PartnershipStatus.SECTORAL_DIALOGUE_PARTNER.value) == [partnership.slug]
    assert found(PartnershipStatus.DIALOGUE_PARTNER.value) == []
