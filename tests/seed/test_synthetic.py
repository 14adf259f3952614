"""The synthetic data set: the counts the scale names, the rules the forms enforce, the same rows for the same seed."""

import hashlib
import itertools
from collections import defaultdict
from datetime import date

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Activity,
    ActivityStateEntry,
    FollowUpAction,
    Meeting,
    Organisation,
    Plan,
    activity_action_lines,
)
from app.models.rules import ACTIVITY_BROKEN_ROWS, broken_rows
from seed.synthetic import SCALES, SyntheticDataError, load_synthetic

UNTIL = date(2026, 11, 28)
SMALL = SCALES["small"]


def table_count(name: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(db.metadata.tables[name]))


def digest() -> str:
    """A fingerprint of every synthetic row, except the password hash (salted afresh by design) and the search
    index (worked out from the rows, its entries numbered by the database)."""
    hasher = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        if table.name == "search_entries":
            continue
        columns = [c for c in table.columns if c.name != "password_hash"]
        for row in db.session.execute(sa.select(*columns).order_by(*table.primary_key.columns)):
            hasher.update(repr(tuple(row)).encode())
    return hasher.hexdigest()


def test_small_scale_writes_the_counts_it_names_and_keeps_the_rules(app_context):
    load_synthetic(SMALL, seed=7, until=UNTIL)
    db.session.commit()

    # The scale's own figures: 20 partnerships, 60 plans, 600 areas, 2,400 lines, 500 meetings, 2,000 follow-ups,
    # 3,000 updates, 1,000 activities; plus one organisation of ours and one per partner, 4 pillars a plan, 4 people
    # a partner and 10 of ours, each with one post.
    assert {name: table_count(name) for name in (
        "organisations", "users", "partnerships", "plans", "pillars", "cooperation_areas", "action_lines",
        "meetings", "follow_up_actions", "status_updates", "people", "positions", "activities",
    )} == {
        "organisations": 21, "users": 8, "partnerships": 20, "plans": 60, "pillars": 240, "cooperation_areas": 600,
        "action_lines": 2_400, "meetings": 500, "follow_up_actions": 2_000, "status_updates": 3_000,
        "people": 90, "positions": 90, "activities": 1_000,
    }
    # Every activity serves lines of its own plan, and its state is the latest of its history.
    assert broken_rows(db.session.connection(), ACTIVITY_BROKEN_ROWS) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(
        sa.select(activity_action_lines.c.activity_id).distinct().subquery())) == 1_000
    latest = (sa.select(ActivityStateEntry.state).where(ActivityStateEntry.activity_id == Activity.id)
              .order_by(ActivityStateEntry.effective_on.desc(), ActivityStateEntry.id.desc()).limit(1)
              .scalar_subquery())
    assert db.session.scalar(sa.select(sa.func.count(Activity.id)).where(Activity.state != latest)) == 0
    assert db.session.scalar(sa.select(sa.func.max(ActivityStateEntry.effective_on))) <= UNTIL

    plans_by_partnership = defaultdict(list)
    for plan in db.session.scalars(sa.select(Plan).order_by(Plan.starts_on)):
        plans_by_partnership[plan.partnership_id].append(plan)
    for plans in plans_by_partnership.values():
        # One plan in force, covering the last day; each earlier plan ends the day before the next starts.
        assert [p.state.value for p in plans] == ["superseded"] * (len(plans) - 1) + ["in_force"]
        assert plans[-1].starts_on <= UNTIL <= plans[-1].ends_on
        for earlier, later in itertools.pairwise(plans):
            assert (later.starts_on - earlier.ends_on).days == 1
            assert later.supersedes_id == earlier.id

    committees = db.session.execute(
        sa.select(Meeting.partnership_id, Meeting.type, Meeting.number)
        .where(Meeting.number.is_not(None)).order_by(Meeting.held_on, Meeting.id)
    )
    seen = defaultdict(list)
    for partnership_id, type_, number in committees:
        seen[partnership_id, type_].append(number)
    assert seen and all(numbers == list(range(1, len(numbers) + 1)) for numbers in seen.values())

    # Thirty years of work; done actions carry a completion date no later than the last day.
    first_meeting = db.session.scalar(sa.select(sa.func.min(Meeting.held_on)))
    assert first_meeting >= date(1996, 11, 28)
    latest_completion = db.session.scalar(sa.select(sa.func.max(FollowUpAction.completed_on)))
    assert latest_completion <= UNTIL


def test_same_seed_same_rows_and_a_second_load_is_refused(app_context):
    load_synthetic(SMALL, seed=3, until=UNTIL)
    first = digest()
    db.session.rollback()
    load_synthetic(SMALL, seed=3, until=UNTIL)
    assert digest() == first
    db.session.rollback()
    load_synthetic(SMALL, seed=4, until=UNTIL)
    assert digest() != first
    db.session.commit()

    with pytest.raises(SyntheticDataError, match="already holds synthetic data"):
        load_synthetic(SMALL, seed=3, until=UNTIL)


def test_the_app_adds_records_after_a_synthetic_load(app_context, signed_in):
    load_synthetic(SMALL, seed=1, until=UNTIL)
    db.session.commit()

    response = signed_in.submit(
        "/organisations/new",
        {"name": "Pacific Islands Forum", "short_name": "PIF", "kind": "regional_organisation", "iso_code": ""},
    )

    assert response.status_code == 200
    db.session.expire_all()
    forum = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Pacific Islands Forum"))
    # 21 organisations were written: ours and 20 partners.
    assert forum is not None and forum.id == 22


def test_seed_synthetic_command_reports_what_it_wrote(app, app_context):
    result = app.test_cli_runner().invoke(args=["seed", "synthetic", "--scale", "small", "--until", "2026-11-28"])

    assert result.exit_code == 0, result.output
    assert "20 partnerships" in result.output and "3,000 status updates" in result.output
    if db.engine.dialect.name == "postgresql":
        # Vacuumed after the load, so that an index-only scan reads the index alone, as it will once autovacuum
        # has been by on a live database: the follow-ups were vacuumed by hand and their pages marked all-visible.
        # (Not every page need be: an analyze autovacuum runs meanwhile on another table holds back the newest.)
        db.session.commit()
        vacuumed, visible, pages = db.session.execute(sa.text(
            "SELECT s.last_vacuum IS NOT NULL, c.relallvisible, c.relpages FROM pg_class c "
            "JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = 'follow_up_actions'")).one()
        assert vacuumed and pages > 0 and visible > pages / 2
    again = app.test_cli_runner().invoke(args=["seed", "synthetic", "--scale", "small"])
    assert again.exit_code == 1
    assert "already holds synthetic data" in again.output

