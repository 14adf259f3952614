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


def upgrade():
    for name, columns in (
        ("ix_meetings_live_by_date", ["held_on", "id"]),
        ("ix_meetings_live_partnership_by_date", ["partnership_id", "held_on", "id"]),
        ("ix_meetings_live_type_by_date", ["type", "held_on", "id"]),
    ):
        op.create_index(name, "meetings", columns, sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    # Expression indexes (undated actions sort last): Alembic cannot compare these, so they are written by hand.
    for name, columns, where in (
        ("ix_follow_up_actions_to_do_by_due", [UNDATED_LAST, "due_on", "id"], TO_DO),
        ("ix_follow_up_actions_partnership_to_do_by_due", ["partnership_id", UNDATED_LAST, "due_on", "id"], TO_DO),
        ("ix_follow_up_actions_live_by_due", [UNDATED_LAST, "due_on", "id"], LIVE),
    ):
        op.create_index(name, "follow_up_actions", columns, sqlite_where=sa.text(where),
                        postgresql_where=sa.text(where))


def downgrade():
    for name in ("ix_follow_up_actions_live_by_due", "ix_follow_up_actions_partnership_to_do_by_due",
                 "ix_follow_up_actions_to_do_by_due"):
        op.drop_index(name, table_name="follow_up_actions")
    for name in ("ix_meetings_live_type_by_date", "ix_meetings_live_partnership_by_date", "ix_meetings_live_by_date"):
        op.drop_index(name, table_name="meetings")
