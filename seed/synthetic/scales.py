"""How big each synthetic data set is: the record counts a whole ministry reaches over decades."""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Scale:
    partnerships: int
    plans: int
    areas: int
    action_lines: int
    meetings: int
    follow_ups: int
    status_updates: int
    activities: int
    #: People the desk meets on the partner side, per partnership, and desk officers on ours.
    partner_people_per_partnership: int = 8
    our_people: int = 60
    desk_officers: int = 40


MINISTRY = Scale(
    partnerships=200,
    plans=1_000,
    areas=15_000,
    action_lines=60_000,
    meetings=50_000,
    follow_ups=200_000,
    status_updates=300_000,
    activities=100_000,
)

SCALES = {
    "ministry": MINISTRY,
    # Ten years more of the daily work on the same partnerships and plans.
    "10x": replace(MINISTRY, meetings=500_000, follow_ups=2_000_000, status_updates=3_000_000,
                   activities=1_000_000),
    # A hundredth of a ministry: for trying the command and for tests that compare two sizes.
    "small": Scale(
        partnerships=20,
        plans=60,
        areas=600,
        action_lines=2_400,
        meetings=500,
        follow_ups=2_000,
        status_updates=3_000,
        activities=1_000,
        partner_people_per_partnership=4,
        our_people=10,
        desk_officers=8,
    ),
    # A fifth of "small": the smaller of the two sizes the statement-count test compares.
    "tiny": Scale(
        partnerships=5,
        plans=15,
        areas=150,
        action_lines=600,
        meetings=100,
        follow_ups=400,
        status_updates=600,
        activities=200,
        partner_people_per_partnership=3,
        our_people=5,
        desk_officers=4,
    ),
}
