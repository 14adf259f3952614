"""Indexes that let the meeting and follow-up lists, and the partnership page, reach any page at ministry scale.

Revision ID: 42201549ee98
Revises: 693a868c9990
Create Date: 2026-11-28 04:33:58.312810

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '42201549ee98'
down_revision = '693a868c9990'
branch_labels = None
depends_on = None

LIVE = "archived_at IS NULL"
TO_DO = "archived_at IS NULL AND status IN ('open', 'in_progress', 'awaiting_partner')"
UNDATED_LAST = sa.text("(due_on IS NULL)")
UNDATED_MEETINGS_LAST = sa.text("(held_on IS NULL)")


NEWEST_FIRST = [UNDATED_MEETINGS_LAST, sa.text("held_on DESC"), sa.text("id DESC")]
MEETING_INDEXES = (
    ("ix_meetings_live_newest_first", NEWEST_FIRST),
    ("ix_meetings_live_type_newest_first", ["type", *NEWEST_FIRST]),
    ("ix_meetings_live_partnership_newest_first", ["partnership_id", *NEWEST_FIRST]),
)
FOLLOW_UP_INDEXES = (
    ("ix_follow_up_actions_to_do_by_due", [UNDATED_LAST, "due_on", "id"], TO_DO),
    ("ix_follow_up_actions_partnership_to_do_by_due", ["partnership_id", UNDATED_LAST, "due_on", "id"], TO_DO),
    ("ix_follow_up_actions_live_by_due", [UNDATED_LAST, "due_on", "id"], LIVE),
)


# Expression indexes (undated last): Alembic cannot compare these, so they are written by hand.
def upgrade():
    for name, columns in MEETING_INDEXES:
        op.create_index(name, "meetings", columns, sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    for name, columns, where in FOLLOW_UP_INDEXES:
        op.create_index(name, "follow_up_actions", columns, sqlite_where=sa.text(where),
                        postgresql_where=sa.text(where))


def downgrade():
    for name, _, _ in reversed(FOLLOW_UP_INDEXES):
        op.drop_index(name, table_name="follow_up_actions")
    for name, _ in reversed(MEETING_INDEXES):
        op.drop_index(name, table_name="meetings")
