"""One synthetic officer's desk handed over to another user, as when an officer moves on: the partnerships they
look after and the follow-ups they own. The benchmark measures "My work" as its own administrator this way, with
the work of a desk officer of a ministry."""

import sqlalchemy as sa
from sqlalchemy.engine import Connection

#: The synthetic officer whose desk is handed over: the first one written.
FIRST_OFFICER = "officer001@ministry.synthetic.example"


def hand_over_desk(connection: Connection, to_user_id: int) -> int:
    """Make ``to_user_id`` desk officer of the first synthetic officer's partnerships and owner of their follow-ups,
    unless they already look after a partnership; returns how many partnerships they look after."""
    users, partnerships = sa.table("users", sa.column("id"), sa.column("email")), sa.table(
        "partnerships", sa.column("id"), sa.column("desk_officer_id"))
    follow_ups = sa.table("follow_up_actions", sa.column("owner_user_id"))
    looked_after = sa.select(sa.func.count()).select_from(partnerships).where(
        partnerships.c.desk_officer_id == to_user_id)
    if not connection.scalar(looked_after):
        officer_id = connection.scalar(sa.select(users.c.id).where(users.c.email == FIRST_OFFICER))
        if officer_id is None:
            return 0
        connection.execute(sa.update(partnerships).where(partnerships.c.desk_officer_id == officer_id)
                           .values(desk_officer_id=to_user_id))
        connection.execute(sa.update(follow_ups).where(follow_ups.c.owner_user_id == officer_id)
                           .values(owner_user_id=to_user_id))
    return connection.scalar(looked_after) or 0
