"""Search entries for every searchable record, with each database's text indexes, built for the records already there.

Revision ID: 7d4e1b9c2a60
Revises: a1b7c4d2e903
Create Date: 2026-12-06 21:00:00.000000

The entries are made from the records by ``app.search.index.rebuild``, in revision c6a8e0f2b4d5, whose ids the
table here cannot hold on PostgreSQL: dropping them loses nothing, as the next upgrade makes them again.
"""
import sqlalchemy as sa
from alembic import op

from app.search.schema import FIRST, create_statements, drop_statements

# revision identifiers, used by Alembic.
revision = '7d4e1b9c2a60'
down_revision = 'a1b7c4d2e903'
branch_labels = None
depends_on = None

KINDS = ('partnership', 'organisation', 'person', 'meeting', 'follow_up', 'action_line', 'activity', 'report')


def upgrade():
    op.create_table('search_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum(*KINDS, name='search_kind', native_enum=False, create_constraint=True, length=40),
              nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('is_archived', sa.Boolean(), nullable=False),
    sa.Column('is_restricted', sa.Boolean(), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('restricted_title', sa.String(length=400), nullable=True),
    sa.Column('slug', sa.String(length=80), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('restricted_text', sa.Text(), nullable=False),
    sa.Column('folded_title', sa.Text(), nullable=False),
    sa.Column('folded_text', sa.Text(), nullable=False),
    sa.Column('folded_restricted_title', sa.Text(), nullable=False),
    sa.Column('folded_restricted', sa.Text(), nullable=False),
    sa.CheckConstraint('ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on',
                       name=op.f('ck_search_entries_ends_after_start')),
    sa.CheckConstraint("is_restricted OR (restricted_text = '' AND restricted_title IS NULL)",
                       name=op.f('ck_search_entries_restricted_text_only_when_restricted')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'],
                            name=op.f('fk_search_entries_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entries')),
    sa.UniqueConstraint('kind', 'record_id', name=op.f('uq_search_entries_kind_record_id')),
    )
    op.create_index(op.f('ix_search_entries_partnership_id'), 'search_entries', ['partnership_id'], unique=False)
    for statement in create_statements(op.get_bind().dialect.name, FIRST):
        op.execute(statement)


def downgrade():
    for statement in drop_statements(op.get_bind().dialect.name, FIRST):
        op.execute(statement)
    op.drop_index(op.f('ix_search_entries_partnership_id'), table_name='search_entries')
    op.drop_table('search_entries')
