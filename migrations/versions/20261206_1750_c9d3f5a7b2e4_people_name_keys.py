"""Each person keeps their name as compared (honorifics, accents and case aside), indexed, so that a form finds who
is already recorded under a name typed for someone new.

Revision ID: c9d3f5a7b2e4
Revises: b8c2e4f6a1d3
Create Date: 2026-12-06 17:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

from app.people.names import name_key

# revision identifiers, used by Alembic.
revision = 'c9d3f5a7b2e4'
down_revision = 'b8c2e4f6a1d3'
branch_labels = None
depends_on = None


# A batch to make the column required on SQLite: the people table has no trigger or expression index to lose.
def upgrade():
    op.add_column('people', sa.Column('name_key', sa.Text(), nullable=True))
    connection = op.get_bind()
    people = connection.execute(sa.text("SELECT id, honorific, full_name FROM people")).all()
    if people:
        connection.execute(sa.text("UPDATE people SET name_key = :key WHERE id = :id"),
                           [{"key": name_key(row.full_name, row.honorific), "id": row.id} for row in people])
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.alter_column('name_key', existing_type=sa.Text(), nullable=False)
        batch_op.create_index(batch_op.f('ix_people_name_key'), ['name_key'], unique=False)


# Nothing is lost going down: the keys are worked out again from the names on the way up.
def downgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_name_key'))
        batch_op.drop_column('name_key')
