"""Activities: what was done under a plan (projects, workshops, training courses, ...), with their dates, funding,
implementers and the action lines they serve, and their state as a dated history only ever added to.

The rules come with the tables: an activity's plan and meeting are of its partnership (composite foreign keys, for
which plans get a unique index on (id, partnership_id)), its action lines are all of its plan, the lines and areas
it serves keep their plan, and its state history refuses UPDATE and DELETE.

Revision ID: ac71e1a0c001
Revises: f2bca5ecca89
Create Date: 2026-12-06 13:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from app.models.rules import ACTIVITY_TRIGGERS, of_existing_tables
from app.models.triggers import create_triggers, drop_triggers
from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = 'ac71e1a0c001'
down_revision = 'f2bca5ecca89'
branch_labels = None
depends_on = None

KINDS = ('project', 'workshop', 'training_course', 'study_visit', 'scholarship_programme', 'exhibition', 'dialogue',
         'other')
STATES = ('planned', 'ongoing', 'completed', 'postponed', 'cancelled')
FUNDING = ('partner', 'cooperation_fund', 'ours', 'third_party', 'not_known')
STARTS = "coalesce(actual_starts_on, planned_starts_on)"
#: Newest first, undated last: the activity list's order, whole or for one partnership or plan.
LIST_INDEXES = (
    ("ix_activities_live_newest_first", []),
    ("ix_activities_live_partnership_newest_first", ["partnership_id"]),
    ("ix_activities_live_plan_newest_first", ["plan_id"]),
)


def _choice(values, name):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=40)


def upgrade():
    op.create_index('uq_plans_id_partnership_id', 'plans', ['id', 'partnership_id'], unique=True)
    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('kind', _choice(KINDS, 'activity_kind'), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('planned_starts_on', sa.Date(), nullable=True),
    sa.Column('planned_ends_on', sa.Date(), nullable=True),
    sa.Column('actual_starts_on', sa.Date(), nullable=True),
    sa.Column('actual_ends_on', sa.Date(), nullable=True),
    sa.Column('state', _choice(STATES, 'activity_state'), nullable=False),
    sa.Column('funding_source', _choice(FUNDING, 'funding_source'), nullable=False),
    sa.Column('funded_by', sa.String(length=200), nullable=True),
    sa.Column('amount', sa.Numeric(precision=15, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('implementing_organisation_id', sa.Integer(), nullable=True),
    sa.Column('participants', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('is_restricted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("actual_ends_on IS NULL OR state IN ('completed', 'cancelled')",
                       name=op.f('ck_activities_ended_is_completed_or_cancelled')),
    sa.CheckConstraint("actual_starts_on IS NULL OR state <> 'planned'",
                       name=op.f('ck_activities_started_is_not_planned')),
    sa.CheckConstraint('actual_ends_on IS NULL OR (actual_starts_on IS NOT NULL AND actual_ends_on >= actual_starts_on)',
                       name=op.f('ck_activities_actual_end_after_start')),
    sa.CheckConstraint('amount IS NULL OR amount >= 0', name=op.f('ck_activities_amount_not_negative')),
    sa.CheckConstraint('amount IS NULL OR currency IS NOT NULL', name=op.f('ck_activities_amount_has_currency')),
    sa.CheckConstraint('currency IS NULL OR (length(currency) = 3 AND upper(currency) = currency)',
                       name=op.f('ck_activities_currency_is_a_code')),
    sa.CheckConstraint('participants IS NULL OR participants >= 0',
                       name=op.f('ck_activities_participants_not_negative')),
    sa.CheckConstraint('planned_ends_on IS NULL OR (planned_starts_on IS NOT NULL '
                       'AND planned_ends_on >= planned_starts_on)', name=op.f('ck_activities_planned_end_after_start')),
    sa.ForeignKeyConstraint(['implementing_organisation_id'], ['organisations.id'],
                            name=op.f('fk_activities_implementing_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id', 'partnership_id'], ['meetings.id', 'meetings.partnership_id'],
                            name='fk_activities_meeting_of_partnership', ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_activities_meeting_id_meetings'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'],
                            name=op.f('fk_activities_partnership_id_partnerships'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id', 'partnership_id'], ['plans.id', 'plans.partnership_id'],
                            name='fk_activities_plan_of_partnership', ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_activities_plan_id_plans'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    # No index on the state or the funding source: a handful of values each, which the list's order index serves
    # better than a lookup would.
    for column in ('implementing_organisation_id', 'meeting_id', 'partnership_id', 'plan_id'):
        op.create_index(op.f(f'ix_activities_{column}'), 'activities', [column], unique=False)
    for name, leading in LIST_INDEXES:
        where = sa.text("archived_at IS NULL")
        op.create_index(name, 'activities', [*leading, sa.text(f"({STARTS} IS NULL)"), sa.text(f"{STARTS} DESC"),
                                             sa.text("id DESC")], sqlite_where=where, postgresql_where=where)

    op.create_table('activity_co_implementers',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'],
                            name=op.f('fk_activity_co_implementers_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                            name=op.f('fk_activity_co_implementers_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('activity_id', 'organisation_id', name=op.f('pk_activity_co_implementers'))
    )
    op.create_index(op.f('ix_activity_co_implementers_organisation_id'), 'activity_co_implementers',
                    ['organisation_id'], unique=False)

    op.create_table('activity_state_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('state', _choice(STATES, 'activity_state_entry_state'), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'],
                            name=op.f('fk_activity_state_entries_activity_id_activities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_activity_state_entries_recorded_by_id_users'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_state_entries'))
    )
    op.create_index('ix_activity_state_entries_activity_effective', 'activity_state_entries',
                    ['activity_id', 'effective_on', 'id', 'state'], unique=False)
    op.create_index(op.f('ix_activity_state_entries_recorded_by_id'), 'activity_state_entries', ['recorded_by_id'],
                    unique=False)

    op.create_table('activity_action_lines',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('action_line_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_line_id'], ['action_lines.id'],
                            name=op.f('fk_activity_action_lines_action_line_id_action_lines'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'],
                            name=op.f('fk_activity_action_lines_activity_id_activities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'action_line_id', name=op.f('pk_activity_action_lines'))
    )
    op.create_index(op.f('ix_activity_action_lines_action_line_id'), 'activity_action_lines', ['action_line_id'],
                    unique=False)

    connection = op.get_bind()
    create_triggers(connection, of_existing_tables(connection, ACTIVITY_TRIGGERS))


def downgrade():
    refuse_to_lose(revision, Held("activities", "activities"),
                   Held("activity_action_lines", "the action lines activities serve"),
                   Held("activity_co_implementers", "activities' co-implementing organisations"),
                   Held("activity_state_entries", "activities' state histories"))
    connection = op.get_bind()
    drop_triggers(connection, of_existing_tables(connection, ACTIVITY_TRIGGERS))
    op.drop_table('activity_action_lines')
    op.drop_table('activity_state_entries')
    op.drop_table('activity_co_implementers')
    op.drop_table('activities')
    op.drop_index('uq_plans_id_partnership_id', table_name='plans')
