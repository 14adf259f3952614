"""A plan rolled over to its successor, and extended: the successor may overlap only the plan it supersedes,
a plan has one successor, and an extension is refused with a clear message when it cannot be used."""

from datetime import date, timedelta

from app.extensions import db
from app.models import Plan, PlanExtension, PlanState
from tests.plans.helpers import date_fields
from tests.plans.test_plan_pages import plan_form, plans_of


def test_rolling_a_plan_over(signed_in, pakistan):
    """2019-2021 extended to 2023, then 2024-2028 as its successor; an overlapping unrelated plan is refused."""
    signed_in.submit(
        "/partnerships/asean-pakistan/plans/new",
        plan_form(label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2021, 12, 31)),
    )
    old = db.session.scalar(db.select(Plan).filter_by(label="2019-2021"))

    response = signed_in.submit(
        f"/plans/{old.id}/extend",
        {
            **date_fields("new_ends_on", date(2023, 12, 31)),
            "decision": "Extended to 2023 by the 7th ASEAN-Pakistan JSCC",
            **date_fields("decided_on", date(2023, 9, 18)),
        },
    )
    page = response.get_data(as_text=True)
    assert "Plan extended: Practical Cooperation Areas (2019-2021) now ends on 31 December 2023" in page
    assert "Extended to 2023 by the 7th ASEAN-Pakistan JSCC" in page
    db.session.expire_all()
    assert (old.ends_on, old.state) == (date(2023, 12, 31), PlanState.EXTENDED)
    extension = db.session.scalar(db.select(PlanExtension))
    assert (extension.previous_ends_on, extension.new_ends_on, extension.decided_on) == (
        date(2021, 12, 31),
        date(2023, 12, 31),
        date(2023, 9, 18),
    )

    response = signed_in.submit(
        "/partnerships/asean-pakistan/plans/new",
        plan_form(label="2023-2025", starts_on=date(2023, 1, 1), ends_on=date(2025, 12, 31)),
    )
    page = response.get_data(as_text=True)
    refusal = (
        "Plan dates must not overlap with the 2019-2021 plan (1 January 2019 to 31 December 2023), which is in force"
    )
    assert page.count(refusal) == 2
    assert plans_of(pakistan) == [("2019-2021", "extended")]

    successor_page = signed_in.get(f"/plans/{old.id}/successor").get_data(as_text=True)
    assert 'value="2024"' in successor_page  # starts the day after the old plan ends, 1 January 2024
    response = signed_in.submit(f"/plans/{old.id}/successor", plan_form())
    page = response.get_data(as_text=True)
    assert "Successor plan added: Practical Cooperation Areas (2024-2028)" in page
    assert "Supersedes" in page and f"/plans/{old.id}" in page
    assert plans_of(pakistan) == [("2019-2021", "superseded"), ("2024-2028", "in_force")]
    new = db.session.scalar(db.select(Plan).filter_by(label="2024-2028"))
    assert new.supersedes_id == old.id
    old_page = signed_in.get(f"/plans/{old.id}").get_data(as_text=True)
    assert "Successor" in old_page and f"/plans/{new.id}" in old_page
    assert "Add a successor plan" not in old_page


def test_a_successor_may_overlap_the_plan_it_supersedes(signed_in, make, pakistan):
    old = make.plan(
        pakistan, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2024, 6, 30), state="extended"
    )
    response = signed_in.submit(f"/plans/{old.id}/successor", plan_form(state="draft"))
    assert "Successor plan added" in response.get_data(as_text=True)
    assert plans_of(pakistan) == [("2019-2021", "extended"), ("2024-2028", "draft")]

    new = db.session.scalar(db.select(Plan).filter_by(label="2024-2028"))
    response = signed_in.submit(f"/plans/{new.id}/edit", plan_form(state="in_force"))
    assert "Plan saved" in response.get_data(as_text=True)
    assert plans_of(pakistan) == [("2019-2021", "superseded"), ("2024-2028", "in_force")]


def test_a_plan_has_one_successor_which_starts_after_it(signed_in, make, pakistan):
    old = make.plan(pakistan, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2021, 12, 31))
    response = signed_in.submit(f"/plans/{old.id}/successor", plan_form(label="2018-2020", starts_on=date(2018, 1, 1)))
    assert (
        "Start date of the plan must be after 1 January 2019, the start date of the 2019-2021 plan it supersedes"
        in response.get_data(as_text=True)
    )
    make.plan(pakistan, label="2022-2026", starts_on=date(2022, 1, 1), ends_on=date(2026, 12, 31), supersedes=old)
    response = signed_in.client.get(f"/plans/{old.id}/successor", follow_redirects=True)
    assert "The 2019-2021 plan already has a successor: the 2022-2026 plan" in response.get_data(as_text=True)
    assert len(plans_of(pakistan)) == 2


def test_extension_errors(signed_in, make, pakistan):
    plan = make.plan(pakistan, label="2019-2021", starts_on=date(2019, 1, 1), ends_on=date(2021, 12, 31))
    make.plan(pakistan, label="2023-2025", starts_on=date(2023, 1, 1), ends_on=date(2025, 12, 31))
    url = f"/plans/{plan.id}/extend"

    page = signed_in.submit(url, {**date_fields("new_ends_on"), "decision": " ", **date_fields("decided_on")}).get_data(
        as_text=True
    )
    for message in (
        "Enter the new end date of the plan",
        "Enter the decision to extend the plan",
        "Enter the date of the decision",
    ):
        assert page.count(message) == 2, message

    def extend(new_ends_on, decided_on=date(2021, 11, 1), decision="Agreed by the JSCC"):
        data = {
            **date_fields("new_ends_on", new_ends_on),
            "decision": decision,
            **date_fields("decided_on", decided_on),
        }
        return signed_in.submit(url, data).get_data(as_text=True)

    assert "New end date must be after 31 December 2021, the current end date" in extend(date(2021, 12, 31))
    assert "Date of the decision must be today or in the past" in extend(
        date(2022, 12, 31), date.today() + timedelta(days=1)
    )
    assert "Decision must be 2,000 characters or less" in extend(date(2022, 12, 31), decision="x" * 2001)
    assert (
        "Plan dates must not overlap with the 2023-2025 plan (1 January 2023 to 31 December 2025), which is in force"
        in extend(date(2023, 12, 31))
    )
    db.session.expire_all()
    assert (plan.ends_on, plan.state, plan.extensions) == (date(2021, 12, 31), PlanState.IN_FORCE, [])

    draft = make.plan(
        pakistan, label="2030-2034", starts_on=date(2030, 1, 1), ends_on=date(2034, 12, 31), state="draft"
    )
    page = signed_in.submit(
        f"/plans/{draft.id}/extend",
        {
            **date_fields("new_ends_on", date(2035, 12, 31)),
            "decision": "x",
            **date_fields("decided_on", date(2024, 1, 1)),
        },
    ).get_data(as_text=True)
    assert "A draft plan cannot be extended – only a plan that is adopted, in force or expired" in page
