from datetime import date, timedelta

import pytest

from app.common.errors import DomainError
from app.extensions import db
from app.models import PartnershipLevel, PartnershipStatus
from app.partnerships.details import PartnershipDetails
from app.partnerships.services import (
    create_partnership,
    record_partnership_event,
    standing,
    suggest_slug,
    update_partnership,
)


def test_pakistan_is_sectoral_since_1993_and_an_upgrade_changes_its_standing(make):
    pakistan = make.organisation(name="Islamic Republic of Pakistan", short_name="Pakistan", iso_code="PK")
    partnership = create_partnership(PartnershipDetails(organisation=make.asean(), partner=pakistan, slug=None))
    assert partnership.slug == "asean-pakistan"
    record_partnership_event(
        partnership, occurred_on=date(1993, 7, 23), kind="conferred", status="sectoral_dialogue_partner",
        description="26th ASEAN Ministerial Meeting",
    )
    db.session.commit()
    now = standing(partnership.events)
    assert (now.status, now.status_since, now.level) == (
        PartnershipStatus.SECTORAL_DIALOGUE_PARTNER, date(1993, 7, 23), None
    )

    # A made-up upgrade, recorded later: the latest event decides.
    record_partnership_event(
        partnership, occurred_on=date(2024, 7, 25), kind="upgraded", status="dialogue_partner",
        level="dialogue_partnership",
    )
    db.session.commit()
    db.session.expire_all()
    assert partnership.status is PartnershipStatus.DIALOGUE_PARTNER
    assert partnership.level is PartnershipLevel.DIALOGUE_PARTNERSHIP
    now = standing(partnership.events)
    assert (now.status_since, now.level_since) == (date(2024, 7, 25), date(2024, 7, 25))


def test_a_status_is_dated_from_when_it_was_reached_not_from_each_level_upgrade(make):
    india = make.partnership(
        make.organisation(name="Republic of India", short_name="India", iso_code="IN"),
        status="dialogue_partner", since=date(1995, 12, 15),
    )
    record_partnership_event(india, occurred_on=date(2012, 12, 20), kind="upgraded", status="dialogue_partner",
                             level="strategic_partnership")
    record_partnership_event(india, occurred_on=date(2022, 11, 12), kind="upgraded", status="dialogue_partner",
                             level="comprehensive_strategic_partnership")
    db.session.commit()
    db.session.expire_all()
    now = standing(india.events)
    assert now.status is PartnershipStatus.DIALOGUE_PARTNER
    assert now.status_since == date(1995, 12, 15)
    assert now.level is PartnershipLevel.COMPREHENSIVE_STRATEGIC_PARTNERSHIP
    assert now.level_since == date(2022, 11, 12)


def test_events_entered_out_of_order_still_give_the_latest_by_date(make):
    partnership = make.partnership(status=None)
    record_partnership_event(partnership, occurred_on=date(2010, 1, 1), kind="upgraded", status="dialogue_partner")
    record_partnership_event(partnership, occurred_on=date(1993, 7, 23), kind="conferred",
                             status="sectoral_dialogue_partner")
    db.session.commit()
    db.session.expire_all()
    assert partnership.status is PartnershipStatus.DIALOGUE_PARTNER
    assert standing(partnership.events).status_since == date(2010, 1, 1)


def test_no_events_means_no_standing(make):
    partnership = make.partnership(status=None)
    now = standing(partnership.events)
    assert (now.status, now.status_since, now.level, now.level_since) == (None, None, None, None)


def test_a_level_needs_dialogue_partner_status(make):
    partnership = make.partnership()
    with pytest.raises(DomainError) as refused:
        record_partnership_event(
            partnership, occurred_on=date(2024, 1, 1), kind="upgraded", status="sectoral_dialogue_partner",
            level="comprehensive_strategic_partnership",
        )
    assert refused.value.field == "level"
    assert refused.value.message == "A Comprehensive strategic partnership level needs Dialogue partner status"


def test_one_event_of_a_kind_per_day(make):
    partnership = make.partnership()  # conferred on 23 July 1993
    with pytest.raises(DomainError) as refused:
        record_partnership_event(partnership, occurred_on=date(1993, 7, 23), kind="conferred",
                                 status="development_partner")
    assert refused.value.field == "occurred_on"
    assert "already has a “Conferred” event on 23 July 1993" in refused.value.message
    # Another kind on the same day is a correction, and is allowed.
    record_partnership_event(partnership, occurred_on=date(1993, 7, 23), kind="downgraded",
                             status="development_partner")
    db.session.commit()
    db.session.expire_all()
    assert partnership.status is PartnershipStatus.DEVELOPMENT_PARTNER


def test_future_dates_are_refused(make):
    partnership = make.partnership()
    with pytest.raises(DomainError) as refused:
        record_partnership_event(partnership, occurred_on=date.today() + timedelta(days=1), kind="upgraded",
                                 status="dialogue_partner")
    assert refused.value.field == "occurred_on"


def test_history_is_append_only(make):
    partnership = make.partnership()
    event = partnership.events[0]
    event.status = "guest"
    with pytest.raises(DomainError, match="cannot be edited"):
        db.session.flush()
    db.session.rollback()
    db.session.expire_all()
    assert partnership.events[0].status is PartnershipStatus.SECTORAL_DIALOGUE_PARTNER


def test_sides_must_differ_and_each_pair_is_recorded_once(make):
    asean = make.asean()
    with pytest.raises(DomainError) as refused:
        create_partnership(PartnershipDetails(organisation=asean, partner=asean, slug="asean-asean"))
    assert (refused.value.field, refused.value.message) == (
        "partner", "The partner must be different from the organisation"
    )
    existing = make.partnership()
    with pytest.raises(DomainError) as refused:
        create_partnership(PartnershipDetails(organisation=asean, partner=existing.partner, slug="asean-pakistan-2"))
    assert refused.value.message == "ASEAN already has a partnership with Pakistan: ASEAN–Pakistan"


def test_slugs_are_checked_and_suggested(make):
    asean = make.asean()
    norway = make.organisation(name="Kingdom of Norway", short_name="Norway", iso_code="NO")
    for bad in ("asean norway", "asean_norway", "asean/norway", "asean–norway"):
        with pytest.raises(DomainError, match="Web address must only include lower-case letters, numbers and hyphens"):
            create_partnership(PartnershipDetails(organisation=asean, partner=norway, slug=bad))
    with pytest.raises(DomainError, match="Web address new is reserved"):
        create_partnership(PartnershipDetails(organisation=asean, partner=norway, slug="new"))
    with pytest.raises(DomainError, match="Web address must be 80 characters or less"):
        create_partnership(PartnershipDetails(organisation=asean, partner=norway, slug="a" * 81))

    uae = make.organisation(name="United Arab Emirates", short_name="UAE", iso_code="AE")
    make.partnership(uae, slug="asean-norway")
    with pytest.raises(DomainError, match="Web address asean-norway is already used by ASEAN–UAE"):
        create_partnership(PartnershipDetails(organisation=asean, partner=norway, slug="asean-norway"))
    # Left empty, the suggestion steps round a slug already taken.
    assert create_partnership(PartnershipDetails(organisation=asean, partner=norway, slug="")).slug == "asean-norway-2"


def test_suggested_slug_drops_accents_and_punctuation(make):
    eu = make.organisation(name="European Union", short_name="EU", kind="regional_organisation")
    cote = make.organisation(name="Republic of Côte d'Ivoire", short_name="Côte d'Ivoire", iso_code="CI")
    assert suggest_slug(eu, cote) == "eu-cote-d-ivoire"


def test_update_keeps_the_history(make):
    partnership = make.partnership()
    update_partnership(partnership, PartnershipDetails(organisation=partnership.organisation,
                                                    partner=partnership.partner, slug="asean-pk",
                                                    notes="Sectoral since 1993"))
    db.session.commit()
    db.session.expire_all()
    assert (partnership.slug, partnership.notes, len(partnership.events)) == ("asean-pk", "Sectoral since 1993", 1)
