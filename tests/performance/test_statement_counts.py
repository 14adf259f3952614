"""SQL statements per page do not grow with the data: the same page costs the same number of statements over
the synthetic data at two sizes (the second five times the first), for every page the benchmark times."""

from datetime import date

import sqlalchemy as sa

from app.exports.pdf import pdf_available
from app.extensions import db
from seed.synthetic import SCALES, load_synthetic
from seed.synthetic.desk import hand_over_desk
from tests.conftest import empty_tables

UNTIL = date.today()


def biggest_partnership() -> dict:
    """The partnership with the most meetings, its plan in force, an area, its latest meeting."""
    row = db.session.execute(sa.text(
        "SELECT p.id, p.slug FROM partnerships p JOIN meetings m ON m.partnership_id = p.id "
        "GROUP BY p.id, p.slug ORDER BY count(*) DESC, p.id LIMIT 1"
    )).one()
    plan_id = db.session.scalar(sa.text(
        "SELECT id FROM plans WHERE partnership_id = :p AND state = 'in_force'"), {"p": row.id})
    return {
        "partnership_id": row.id, "slug": row.slug, "plan_id": plan_id,
        "area_id": db.session.scalar(sa.text(
            "SELECT min(id) FROM cooperation_areas WHERE plan_id = :plan"), {"plan": plan_id}),
        # One with everything a meeting page can show (areas, follow-ups), so both sizes show the same parts.
        "meeting_id": db.session.scalar(sa.text(
            "SELECT max(m.id) FROM meetings m WHERE m.partnership_id = :p "
            "AND EXISTS (SELECT 1 FROM meeting_areas a WHERE a.meeting_id = m.id) "
            "AND EXISTS (SELECT 1 FROM follow_up_actions f WHERE f.meeting_id = m.id)"), {"p": row.id}),
        # A colleague of the officer signed in, at both sizes: the form reads only the officer chosen.
        "officer_id": db.session.scalar(sa.text(
            "SELECT min(id) FROM users WHERE role = 'editor' AND email LIKE '%.synthetic.example'")),
    }


def pages(ids: dict) -> dict[str, str]:
    slug = ids["slug"]
    found = {
        "home": "/",
        "my work": "/my-work",
        "partnership list": "/partnerships/",
        "partnership list, filtered": "/partnerships/?status=dialogue_partner",
        "partnership page": f"/partnerships/{slug}",
        "plan page": f"/plans/{ids['plan_id']}",
        "area dossier": f"/areas/{ids['area_id']}",
        "meeting list": "/meetings/",
        "meeting list, page 3": "/meetings/?page=3",
        "meeting page": f"/meetings/{ids['meeting_id']}",
        "follow-up list, overdue": "/follow-ups/?overdue=1",
        "period report": f"/partnerships/{slug}/reports/period",
        "period report, Word": f"/partnerships/{slug}/reports/period/docx",
        "period report, Excel": f"/partnerships/{slug}/reports/period/xlsx",
        "portfolio report": "/reports/portfolio",
    }
    if pdf_available():
        found["period report, PDF"] = f"/partnerships/{slug}/reports/period/pdf"
    return found


def posts(ids: dict) -> dict[str, tuple[str, dict]]:
    today = date.today()
    day = {"day": str(today.day), "month": str(today.month), "year": str(today.year)}
    meeting = {
        "partnership_id": str(ids["partnership_id"]), "type": "courtesy_call", "number": "", "title": "",
        **{f"held_on-{k}": v for k, v in day.items()}, "starts_at": "", "ends_on-day": "", "ends_on-month": "",
        "ends_on-year": "", "venue": "Jakarta", "format": "in_person", "summary": "A courtesy call", "asks": "",
        "commitments": "", "outcome_document": "none", "outcome_reference": "", "action": "save",
        "area_ids": [str(ids["area_id"])],
        "followups-0-title": "Send the concept note", "followups-0-owner_user_id": str(ids["officer_id"]),
        "followups-0-partner_owner": "", "followups-0-due_on-day": "", "followups-0-due_on-month": "",
        "followups-0-due_on-year": "", "followups-0-area_id": "",
    }
    status = {"status": "on_track", "progress": "50", "note": "Going well",
              **{f"as_of-{k}": v for k, v in day.items()}}
    return {
        "log a meeting": ("/meetings/new", meeting),
        "record an area's status": (f"/areas/{ids['area_id']}/status/new", status),
    }


def user_id(email: str) -> int:
    return db.session.scalar(sa.text("SELECT id FROM users WHERE email = :e"), {"e": email})


def statements_per_page(signed_in, count_queries) -> dict[str, int]:
    ids = biggest_partnership()
    counted = {}
    for name, url in pages(ids).items():
        assert signed_in.get(url).status_code == 200, name  # the first visit fills caches
        with count_queries() as statements:
            assert signed_in.get(url).status_code == 200, name
        counted[name] = len(statements)
    for name, (url, data) in posts(ids).items():
        with count_queries() as statements:
            response = signed_in.submit(url, data, follow=False)
        assert response.status_code == 302, (name, response.get_data(as_text=True)[:2000])
        counted[name] = len(statements)
    return counted


def test_statements_per_page_do_not_grow_with_the_data(app, make, signed_in, count_queries):
    from tests import factories

    with app.app_context():
        load_synthetic(SCALES["tiny"], seed=1, until=UNTIL)
        # The officer signed in takes over a synthetic officer's desk, for "My work".
        assert hand_over_desk(db.session.connection(), user_id("officer@asean.example"))
        db.session.commit()
        smaller = statements_per_page(signed_in, count_queries)

    empty_tables(app)
    signed_in.sign_in(factories.user(role="admin", email="again@asean.example"))
    with app.app_context():
        load_synthetic(SCALES["small"], seed=1, until=UNTIL)
        assert hand_over_desk(db.session.connection(), user_id("again@asean.example"))
        db.session.commit()
        larger = statements_per_page(signed_in, count_queries)

    assert larger == smaller
