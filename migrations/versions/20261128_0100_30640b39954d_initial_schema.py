"""Initial schema: organisations, people and posts, partnerships, plans, areas, status history,
meetings, follow-up actions and users.

Revision ID: 30640b39954d
Revises: 
Create Date: 2026-11-28 01:00:26.603379

"""
from alembic import op
import sqlalchemy as sa

from migrations.data_loss import Held, refuse_to_lose


# revision identifiers, used by Alembic.
revision = '30640b39954d'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.Enum('regional_organisation', 'country', 'international_organisation', 'ministry', 'other', name='organisation_kind', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('iso_code', sa.String(length=2), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("kind <> 'country' OR iso_code IS NOT NULL", name=op.f('ck_organisations_country_has_iso_code')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('iso_code', name=op.f('uq_organisations_iso_code')),
    sa.UniqueConstraint('name', name=op.f('uq_organisations_name'))
    )
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('honorific', sa.String(length=40), nullable=True),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_full_name'), ['full_name'], unique=False)
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.Enum('viewer', 'editor', 'admin', name='role', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('last_signed_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('partnerships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('organisation_id <> partner_id', name=op.f('ck_partnerships_distinct_sides')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_partnerships_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['partner_id'], ['organisations.id'], name=op.f('fk_partnerships_partner_id_organisations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships')),
    sa.UniqueConstraint('organisation_id', 'partner_id', name=op.f('uq_partnerships_organisation_id_partner_id')),
    sa.UniqueConstraint('slug', name=op.f('uq_partnerships_slug'))
    )
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerships_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnerships_partner_id'), ['partner_id'], unique=False)
    op.create_table('positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on', name=op.f('ck_positions_ends_after_start')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_positions_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_positions_person_id_people'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_positions'))
    )
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_positions_ends_on'), ['ends_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_starts_on'), ['starts_on'], unique=False)
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Enum('courtesy_call', 'credentials', 'jcc', 'jscc', 'dpc', 'senior_officials', 'ministerial', 'summit', 'trilateral', 'working_group', 'other', name='meeting_type', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('starts_at', sa.Time(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('venue', sa.String(length=300), nullable=True),
    sa.Column('format', sa.Enum('in_person', 'video', 'hybrid', name='meeting_format', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('asks', sa.Text(), nullable=True),
    sa.Column('commitments', sa.Text(), nullable=True),
    sa.Column('outcome_document', sa.Enum('none', 'joint_press_statement', 'chairmans_statement', 'summary_record', name='outcome_document', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('outcome_reference', sa.String(length=500), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('ends_on IS NULL OR (held_on IS NOT NULL AND ends_on >= held_on)', name=op.f('ck_meetings_ends_after_start')),
    sa.CheckConstraint('number IS NULL OR number > 0', name=op.f('ck_meetings_number_positive')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_meetings_partnership_id_partnerships'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('partnership_id', 'type', 'number', name=op.f('uq_meetings_partnership_id_type_number'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_held_on'), ['held_on'], unique=False)
        batch_op.create_index('ix_meetings_partnership_held_on', ['partnership_id', 'held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_partnership_id'), ['partnership_id'], unique=False)
    op.create_table('partnership_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('conferred', 'upgraded', 'under_consideration', 'suspended', 'resumed', 'downgraded', name='event_kind', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('status', sa.Enum('dialogue_partner', 'sectoral_dialogue_partner', 'development_partner', 'special_observer', 'guest', name='partnership_status', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('level', sa.Enum('dialogue_partnership', 'strategic_partnership', 'comprehensive_strategic_partnership', name='partnership_level', native_enum=False, create_constraint=True, length=40), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("level IS NULL OR status = 'dialogue_partner'", name=op.f('ck_partnership_events_level_needs_dialogue_partner')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_partnership_events_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_events'))
    )
    with op.batch_alter_table('partnership_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_events_occurred_on'), ['occurred_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnership_events_partnership_id'), ['partnership_id'], unique=False)
    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('plan_of_action', 'practical_cooperation_areas', 'other', name='plan_kind', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('state', sa.Enum('draft', 'adopted', 'in_force', 'extended', 'expired', 'superseded', name='plan_state', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_plans_ends_after_start')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_plans_partnership_id_partnerships'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['supersedes_id'], ['plans.id'], name=op.f('fk_plans_supersedes_id_plans'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('partnership_id', 'label', name=op.f('uq_plans_partnership_id_label')),
    sa.UniqueConstraint('supersedes_id', name=op.f('uq_plans_supersedes_id'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_ends_on'), ['ends_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_plans_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plans_starts_on'), ['starts_on'], unique=False)
    op.create_table('meeting_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('side', sa.Enum('ours', 'partner', 'other', name='side', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('role', sa.Enum('co_chair', 'head_of_delegation', 'member', 'delegate', 'observer', name='participant_role', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.CheckConstraint('person_id IS NOT NULL OR organisation_id IS NOT NULL', name=op.f('ck_meeting_participants_person_or_delegation')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_participants_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_meeting_participants_organisation_id_organisations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_meeting_participants_person_id_people'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], name=op.f('fk_meeting_participants_position_id_positions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participants')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_meeting_participants_meeting_id_person_id'))
    )
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_participants_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participants_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participants_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participants_position_id'), ['position_id'], unique=False)
    op.create_table('pillars',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_pillars_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pillars')),
    sa.UniqueConstraint('plan_id', 'name', name=op.f('uq_pillars_plan_id_name'))
    )
    with op.batch_alter_table('pillars', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pillars_plan_id'), ['plan_id'], unique=False)
    op.create_table('plan_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('previous_ends_on', sa.Date(), nullable=False),
    sa.Column('new_ends_on', sa.Date(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decision', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('new_ends_on > previous_ends_on', name=op.f('ck_plan_extensions_moves_end_later')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_extensions_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_extensions'))
    )
    with op.batch_alter_table('plan_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_extensions_plan_id'), ['plan_id'], unique=False)
    op.create_table('cooperation_areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('pillar_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('focal_point', sa.String(length=200), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['pillar_id'], ['pillars.id'], name=op.f('fk_cooperation_areas_pillar_id_pillars'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_cooperation_areas_plan_id_plans'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cooperation_areas')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_cooperation_areas_plan_id_code'))
    )
    with op.batch_alter_table('cooperation_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cooperation_areas_pillar_id'), ['pillar_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cooperation_areas_plan_id'), ['plan_id'], unique=False)
    op.create_table('action_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['cooperation_areas.id'], name=op.f('fk_action_lines_area_id_cooperation_areas'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_lines')),
    sa.UniqueConstraint('area_id', 'code', name=op.f('uq_action_lines_area_id_code'))
    )
    with op.batch_alter_table('action_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_lines_area_id'), ['area_id'], unique=False)
    op.create_table('follow_up_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('owner_user_id', sa.Integer(), nullable=True),
    sa.Column('partner_person_id', sa.Integer(), nullable=True),
    sa.Column('partner_office', sa.String(length=200), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'in_progress', 'awaiting_partner', 'done', 'cancelled', name='follow_up_status', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("(status = 'done') = (completed_on IS NOT NULL)", name=op.f('ck_follow_up_actions_completed_when_done')),
    sa.CheckConstraint('owner_user_id IS NOT NULL OR partner_person_id IS NOT NULL OR partner_office IS NOT NULL', name=op.f('ck_follow_up_actions_has_owner')),
    sa.ForeignKeyConstraint(['area_id'], ['cooperation_areas.id'], name=op.f('fk_follow_up_actions_area_id_cooperation_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_follow_up_actions_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner_user_id'], ['users.id'], name=op.f('fk_follow_up_actions_owner_user_id_users'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['partner_person_id'], ['people.id'], name=op.f('fk_follow_up_actions_partner_person_id_people'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_follow_up_actions_partnership_id_partnerships'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_actions'))
    )
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_actions_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_actions_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_actions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index('ix_follow_up_actions_owner_status_due', ['owner_user_id', 'status', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_actions_partner_person_id'), ['partner_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_actions_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index('ix_follow_up_actions_partnership_status_due', ['partnership_id', 'status', 'due_on'], unique=False)
    op.create_table('meeting_areas',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['cooperation_areas.id'], name=op.f('fk_meeting_areas_area_id_cooperation_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_areas_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'area_id', name=op.f('pk_meeting_areas'))
    )
    with op.batch_alter_table('meeting_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_areas_area_id'), ['area_id'], unique=False)
    op.create_table('status_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('action_line_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("(area_id IS NOT NULL AND status IN ('not_started', 'on_track', 'at_risk', 'off_track', 'completed')) OR (action_line_id IS NOT NULL AND status IN ('not_yet_addressed', 'being_addressed', 'addressed', 'discontinued'))", name=op.f('ck_status_updates_status_fits_subject')),
    sa.CheckConstraint('(area_id IS NULL) <> (action_line_id IS NULL)', name=op.f('ck_status_updates_one_subject')),
    sa.CheckConstraint('progress IS NULL OR (progress BETWEEN 0 AND 100)', name=op.f('ck_status_updates_progress_is_percentage')),
    sa.ForeignKeyConstraint(['action_line_id'], ['action_lines.id'], name=op.f('fk_status_updates_action_line_id_action_lines'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['area_id'], ['cooperation_areas.id'], name=op.f('fk_status_updates_area_id_cooperation_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_status_updates_author_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_updates'))
    )
    with op.batch_alter_table('status_updates', schema=None) as batch_op:
        batch_op.create_index('ix_status_updates_action_line_as_of', ['action_line_id', 'as_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_updates_action_line_id'), ['action_line_id'], unique=False)
        batch_op.create_index('ix_status_updates_area_as_of', ['area_id', 'as_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_updates_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_updates_as_of'), ['as_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_updates_author_id'), ['author_id'], unique=False)


#: What stepping down to nothing deletes, as a desk officer calls it.
EVERY_RECORD = {
    "organisations": "organisations", "people": "people", "positions": "posts", "users": "users",
    "partnerships": "partnerships", "partnership_events": "partnership events", "plans": "plans",
    "plan_extensions": "plan extensions", "pillars": "pillars", "cooperation_areas": "cooperation areas",
    "action_lines": "action lines", "status_updates": "status updates", "meetings": "meetings",
    "meeting_participants": "meeting participants", "meeting_areas": "areas discussed at meetings",
    "follow_up_actions": "follow-up actions",
}


def downgrade():
    refuse_to_lose(revision, *(Held(table, meaning) for table, meaning in EVERY_RECORD.items()))
    with op.batch_alter_table('status_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_updates_author_id'))
        batch_op.drop_index(batch_op.f('ix_status_updates_as_of'))
        batch_op.drop_index(batch_op.f('ix_status_updates_area_id'))
        batch_op.drop_index('ix_status_updates_area_as_of')
        batch_op.drop_index(batch_op.f('ix_status_updates_action_line_id'))
        batch_op.drop_index('ix_status_updates_action_line_as_of')
    op.drop_table('status_updates')
    with op.batch_alter_table('meeting_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_areas_area_id'))
    op.drop_table('meeting_areas')
    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_actions_partnership_status_due')
        batch_op.drop_index(batch_op.f('ix_follow_up_actions_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_actions_partner_person_id'))
        batch_op.drop_index('ix_follow_up_actions_owner_status_due')
        batch_op.drop_index(batch_op.f('ix_follow_up_actions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_actions_due_on'))
        batch_op.drop_index(batch_op.f('ix_follow_up_actions_area_id'))
    op.drop_table('follow_up_actions')
    with op.batch_alter_table('action_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_lines_area_id'))
    op.drop_table('action_lines')
    with op.batch_alter_table('cooperation_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cooperation_areas_plan_id'))
        batch_op.drop_index(batch_op.f('ix_cooperation_areas_pillar_id'))
    op.drop_table('cooperation_areas')
    with op.batch_alter_table('plan_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_extensions_plan_id'))
    op.drop_table('plan_extensions')
    with op.batch_alter_table('pillars', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pillars_plan_id'))
    op.drop_table('pillars')
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_participants_position_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participants_person_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participants_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participants_meeting_id'))
    op.drop_table('meeting_participants')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_starts_on'))
        batch_op.drop_index(batch_op.f('ix_plans_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_plans_ends_on'))
    op.drop_table('plans')
    with op.batch_alter_table('partnership_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnership_events_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_partnership_events_occurred_on'))
    op.drop_table('partnership_events')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_partnership_id'))
        batch_op.drop_index('ix_meetings_partnership_held_on')
        batch_op.drop_index(batch_op.f('ix_meetings_held_on'))
    op.drop_table('meetings')
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_positions_starts_on'))
        batch_op.drop_index(batch_op.f('ix_positions_person_id'))
        batch_op.drop_index(batch_op.f('ix_positions_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_positions_ends_on'))
    op.drop_table('positions')
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnerships_partner_id'))
        batch_op.drop_index(batch_op.f('ix_partnerships_organisation_id'))
    op.drop_table('partnerships')
    op.drop_table('users')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_full_name'))
    op.drop_table('people')
    op.drop_table('organisations')
