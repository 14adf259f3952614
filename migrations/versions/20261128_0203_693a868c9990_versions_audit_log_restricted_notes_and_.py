"""Save counters against lost updates, the audit log, restricted notes, and status corrections.

Revision ID: 693a868c9990
Revises: 62d698bae81b
Create Date: 2026-11-28 02:03:45.629770

"""
from alembic import op
import sqlalchemy as sa

from migrations.data_loss import Held, refuse_to_lose


# revision identifiers, used by Alembic.
revision = '693a868c9990'
down_revision = '62d698bae81b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('create', 'update', 'archive', 'restore', name='audit_action', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('record_type', sa.String(length=60), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('record_label', sa.String(length=300), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_entries_user_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index('ix_audit_entries_record', ['record_type', 'record_id', 'occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('action_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('cooperation_areas', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_restricted', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_restricted', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('pillars', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('status_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_restricted', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('corrects_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_status_updates_corrects_id'), ['corrects_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_status_updates_corrects_id_status_updates'), 'status_updates', ['corrects_id'], ['id'], ondelete='RESTRICT')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))



RESTRICTABLE = {"status_updates": "status updates", "meetings": "meetings", "follow_up_actions": "follow-up actions"}


def downgrade():
    # The save counters go without asking: they only tell two saves of the same record apart, and stepping up
    # again starts every record at 1.
    refuse_to_lose(
        revision,
        Held("audit_entries", "audit entries"),
        Held("status_updates", "links from a correction to the update it corrects", column="corrects_id"),
        *(Held(table, f"restrictions on {meaning}", column="is_restricted", where="is_restricted")
          for table, meaning in RESTRICTABLE.items()),
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('status_updates', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_status_updates_corrects_id_status_updates'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_status_updates_corrects_id'))
        batch_op.drop_column('corrects_id')
        batch_op.drop_column('is_restricted')

    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('pillars', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('version')
        batch_op.drop_column('is_restricted')

    with op.batch_alter_table('follow_up_actions', schema=None) as batch_op:
        batch_op.drop_column('version')
        batch_op.drop_column('is_restricted')

    with op.batch_alter_table('cooperation_areas', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('action_lines', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_user_id'))
        batch_op.drop_index('ix_audit_entries_record')
        batch_op.drop_index(batch_op.f('ix_audit_entries_occurred_at'))

    op.drop_table('audit_entries')
