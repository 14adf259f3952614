"""Former slugs of partnerships, so that an address from before a slug change still reaches the partnership.

Revision ID: b3c1d2e4f5a6
Revises: 7266de7d1110
Create Date: 2026-11-28 13:20:00.000000

"""
import sqlalchemy as sa
from alembic import op

from migrations.data_loss import Held, refuse_to_lose


# revision identifiers, used by Alembic.
revision = 'b3c1d2e4f5a6'
down_revision = '7266de7d1110'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'partnership_former_slugs',
        sa.Column('slug', sa.String(length=80), nullable=False),
        sa.Column('partnership_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'],
                                name=op.f('fk_partnership_former_slugs_partnership_id_partnerships'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('slug', name=op.f('pk_partnership_former_slugs')),
    )
    with op.batch_alter_table('partnership_former_slugs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_former_slugs_partnership_id'), ['partnership_id'],
                              unique=False)


def downgrade():
    refuse_to_lose(revision, Held("partnership_former_slugs", "former addresses of partnerships"))
    with op.batch_alter_table('partnership_former_slugs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_former_slugs_partnership_id'))
    op.drop_table('partnership_former_slugs')
