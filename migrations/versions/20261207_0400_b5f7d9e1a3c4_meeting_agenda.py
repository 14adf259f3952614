"""A meeting keeps its agenda: proposed from the matters arising of the meeting before it, edited, saved with it.

Revision ID: b5f7d9e1a3c4
Revises: a4e6c8d0f2b3
Create Date: 2026-12-07 04:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = 'b5f7d9e1a3c4'
down_revision = 'a4e6c8d0f2b3'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, on SQLite too: a batch would rebuild the table and lose the triggers that check a meeting's date.
def upgrade():
    op.add_column('meetings', sa.Column('agenda', sa.Text(), nullable=True))


def downgrade():
    refuse_to_lose(revision, Held("meetings", "the agendas of meetings", column="agenda"))
    op.drop_column('meetings', 'agenda')
