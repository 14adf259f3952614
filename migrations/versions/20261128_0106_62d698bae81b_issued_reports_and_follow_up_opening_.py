"""Issued (frozen) period reports; the date each follow-up action was agreed.

Revision ID: 62d698bae81b
Revises: 30640b39954d
Create Date: 2026-11-28 01:06:51.334756

"""
from alembic import op
import sqlalchemy as sa

from migrations.data_loss import Held, refuse_to_lose


# revision identifiers, used by Alembic.
revision = '62d698bae81b'
down_revision = '30640b39954d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('issued_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('window_starts_on', sa.Date(), nullable=False),
    sa.Column('window_ends_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('way_forward', sa.Text(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('window_ends_on >= window_starts_on', name=op.f('ck_issued_reports_window_ends_after_start')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_issued_reports_issued_by_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_issued_reports_partnership_id_partnerships'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_issued_reports_plan_id_plans'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_reports'))
    )
    with op.batch_alter_table('issued_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_reports_issued_by_id'), ['issued_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_reports_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index('ix_issued_reports_partnership_issued_at', ['partnership_id', 'issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_reports_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_reports_window_ends_on'), ['window_ends_on'], unique=False)

    # Existing actions were agreed at their meeting, or else on the day they were recorded.
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_on', sa.Date(), nullable=True))
    op.execute(f"UPDATE follow_up_actions SET opened_on = {agreed_at_meeting_or_recorded()}")
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.alter_column('opened_on', existing_type=sa.Date(), nullable=False)
        batch_op.create_index(batch_op.f('ix_follow_up_actions_opened_on'), ['opened_on'], unique=False)



def agreed_at_meeting_or_recorded():
    recorded_on = "date(created_at)" if op.get_bind().dialect.name == "sqlite" else "CAST(created_at AS DATE)"
    return (
        "COALESCE((SELECT held_on FROM meetings WHERE meetings.id = follow_up_actions.meeting_id), "
        f"{recorded_on})"
    )


def downgrade():
    # A date the upgrade would work out again is not lost; only one set by hand is.
    refuse_to_lose(
        revision,
        Held("issued_reports", "issued reports"),
        Held("follow_up_actions", "dates follow-up actions were agreed that differ from their meeting's "
             "(or, without a meeting, from the day they were recorded)",
             column="opened_on", where=f"opened_on <> {agreed_at_meeting_or_recorded()}"),
    )
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_actions_opened_on'))
        batch_op.drop_column('opened_on')

    with op.batch_alter_table('issued_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_reports_window_ends_on'))
        batch_op.drop_index(batch_op.f('ix_issued_reports_plan_id'))
        batch_op.drop_index('ix_issued_reports_partnership_issued_at')
        batch_op.drop_index(batch_op.f('ix_issued_reports_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_issued_reports_issued_by_id'))

    op.drop_table('issued_reports')
