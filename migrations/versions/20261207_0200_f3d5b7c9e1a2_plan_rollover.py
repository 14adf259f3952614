"""A plan's rollover: the pillars, cooperation areas and action lines of a successor plan point at those of the plan
it supersedes they were carried from, and an open follow-up can be carried into areas of later plans.

The rule that a carried record comes from the superseded plan is kept by triggers (``app.models.carry_rules``).
SQLite rebuilds the three tables to add a column with a foreign key: the rules' triggers and the unique indexes on
lower(name) and lower(code), which a rebuild would lose, are taken off first and put back after.

Revision ID: f3d5b7c9e1a2
Revises: e2c4a6b8d0f1
Create Date: 2026-12-07 02:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from app.models.carry_rules import CARRY_TRIGGERS
from app.models.rules import TRIGGERS, of_existing_tables
from app.models.triggers import create_triggers, drop_triggers
from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = 'f3d5b7c9e1a2'
down_revision = 'e2c4a6b8d0f1'
branch_labels = None
depends_on = None

CARRIED = ('pillars', 'cooperation_areas', 'action_lines')
#: Name, table, column, within: the unique indexes ignoring case (revision 9a7ed0f0c001) on the tables rebuilt.
IGNORING_CASE = (
    ("uq_pillars_plan_id_lower_name", "pillars", "name", ("plan_id",)),
    ("uq_cooperation_areas_plan_id_lower_code", "cooperation_areas", "code", ("plan_id",)),
    ("uq_action_lines_area_id_lower_code", "action_lines", "code", ("area_id",)),
)


def _rebuild(change):
    connection = op.get_bind()
    triggers = [trigger for trigger in of_existing_tables(connection, TRIGGERS) if trigger not in CARRY_TRIGGERS]
    drop_triggers(connection, triggers)
    for name, table, _, _ in IGNORING_CASE:
        op.drop_index(name, table_name=table)
    for table in CARRIED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            change(table, batch_op)
    for name, table, column, within in IGNORING_CASE:
        op.create_index(name, table, [*within, sa.text(f"lower({column})")], unique=True)
    create_triggers(connection, triggers)


def upgrade():
    def add(table, batch_op):
        batch_op.add_column(sa.Column('carried_from_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f(f'ix_{table}_carried_from_id'), ['carried_from_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f(f'fk_{table}_carried_from_id_{table}'), table,
                                    ['carried_from_id'], ['id'], ondelete='RESTRICT')

    _rebuild(add)
    op.create_table('follow_up_carried_areas',
    sa.Column('follow_up_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['cooperation_areas.id'],
                            name=op.f('fk_follow_up_carried_areas_area_id_cooperation_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_up_actions.id'],
                            name=op.f('fk_follow_up_carried_areas_follow_up_id_follow_up_actions'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('follow_up_id', 'area_id', name=op.f('pk_follow_up_carried_areas'))
    )
    op.create_index(op.f('ix_follow_up_carried_areas_area_id'), 'follow_up_carried_areas', ['area_id'], unique=False)
    create_triggers(op.get_bind(), CARRY_TRIGGERS)


def downgrade():
    refuse_to_lose(revision, Held("follow_up_carried_areas", "follow-ups carried into areas of later plans"),
                   *(Held(table, f"{table.replace('_', ' ')} carried from a superseded plan", column='carried_from_id')
                     for table in CARRIED))
    drop_triggers(op.get_bind(), CARRY_TRIGGERS)
    op.drop_index(op.f('ix_follow_up_carried_areas_area_id'), table_name='follow_up_carried_areas')
    op.drop_table('follow_up_carried_areas')

    def drop(table, batch_op):
        batch_op.drop_constraint(batch_op.f(f'fk_{table}_carried_from_id_{table}'), type_='foreignkey')
        batch_op.drop_index(batch_op.f(f'ix_{table}_carried_from_id'))
        batch_op.drop_column('carried_from_id')

    _rebuild(drop)
