"""A partnership can name its desk officer: the user who looks after it.

Revision ID: 6a3b9d1e4f52
Revises: 3e8f2a6c4b17
Create Date: 2026-12-06 17:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = '6a3b9d1e4f52'
down_revision = '3e8f2a6c4b17'
branch_labels = None
depends_on = None


# A batch, so that SQLite gets the foreign key too: the partnerships table has no trigger or expression index that
# rebuilding it would lose.
def upgrade():
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('desk_officer_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_partnerships_desk_officer_id'), ['desk_officer_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_partnerships_desk_officer_id_users'), 'users',
                                    ['desk_officer_id'], ['id'], ondelete='RESTRICT')


def downgrade():
    refuse_to_lose(revision, Held("partnerships", "desk officers of partnerships", column="desk_officer_id"))
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_partnerships_desk_officer_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_partnerships_desk_officer_id'))
        batch_op.drop_column('desk_officer_id')
