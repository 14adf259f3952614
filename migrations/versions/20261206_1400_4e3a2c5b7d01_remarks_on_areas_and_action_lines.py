"""Remarks and the way forward on each cooperation area and action line of a report window, kept as drafts.

The rules come with the table: exactly one subject, one draft per subject and window, texts no longer than a
matrix cell holds, an area of the report's plan (a composite foreign key, for which cooperation areas get a unique
index on (id, plan_id)), and an action line of the report's plan that keeps its plan (triggers).

Revision ID: 4e3a2c5b7d01
Revises: ac71e1a0c001
Create Date: 2026-12-06 14:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from app.models.rules import REMARK_TRIGGERS, of_existing_tables
from app.models.triggers import create_triggers, drop_triggers
from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = '4e3a2c5b7d01'
down_revision = 'ac71e1a0c001'
branch_labels = None
depends_on = None

#: As app.models.report_remarks.REMARK_MAX when this revision was written.
REMARK_MAX = 2000


def upgrade():
    op.create_index('uq_cooperation_areas_id_plan_id', 'cooperation_areas', ['id', 'plan_id'], unique=True)
    op.create_table('report_remarks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('window_starts_on', sa.Date(), nullable=False),
    sa.Column('window_ends_on', sa.Date(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('action_line_id', sa.Integer(), nullable=True),
    sa.Column('remarks', sa.Text(), server_default='', nullable=False),
    sa.Column('way_forward', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('(area_id IS NULL) <> (action_line_id IS NULL)', name=op.f('ck_report_remarks_one_subject')),
    sa.CheckConstraint('window_ends_on >= window_starts_on',
                       name=op.f('ck_report_remarks_window_ends_after_start')),
    sa.CheckConstraint(f'length(remarks) <= {REMARK_MAX}', name=op.f('ck_report_remarks_remarks_length')),
    sa.CheckConstraint(f'length(way_forward) <= {REMARK_MAX}', name=op.f('ck_report_remarks_way_forward_length')),
    sa.ForeignKeyConstraint(['action_line_id'], ['action_lines.id'],
                            name=op.f('fk_report_remarks_action_line_id_action_lines'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['area_id', 'plan_id'], ['cooperation_areas.id', 'cooperation_areas.plan_id'],
                            name='fk_report_remarks_area_of_plan', ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['area_id'], ['cooperation_areas.id'],
                            name=op.f('fk_report_remarks_area_id_cooperation_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_report_remarks_plan_id_plans'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_remarks')),
    sa.UniqueConstraint('plan_id', 'window_starts_on', 'window_ends_on', 'action_line_id',
                        name='uq_report_remarks_one_per_action_line'),
    sa.UniqueConstraint('plan_id', 'window_starts_on', 'window_ends_on', 'area_id',
                        name='uq_report_remarks_one_per_area'),
    )
    op.create_index(op.f('ix_report_remarks_action_line_id'), 'report_remarks', ['action_line_id'], unique=False)
    op.create_index(op.f('ix_report_remarks_area_id'), 'report_remarks', ['area_id'], unique=False)
    connection = op.get_bind()
    create_triggers(connection, of_existing_tables(connection, REMARK_TRIGGERS))


def downgrade():
    refuse_to_lose(revision, Held("report_remarks", "remarks and ways forward written for reports"))
    connection = op.get_bind()
    drop_triggers(connection, of_existing_tables(connection, REMARK_TRIGGERS))
    op.drop_table('report_remarks')
    op.drop_index('uq_cooperation_areas_id_plan_id', table_name='cooperation_areas')
