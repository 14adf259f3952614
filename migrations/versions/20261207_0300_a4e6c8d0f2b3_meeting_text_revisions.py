"""Every version of a meeting's summary, asks and commitments, kept: who set each text and when.

The meetings already recorded get their texts as they stand as the first version, attributed to nobody (the system)
and dated when the meeting was logged: what they said before is not known.

Revision ID: a4e6c8d0f2b3
Revises: f3d5b7c9e1a2
Create Date: 2026-12-07 03:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from app.models.rules import MEETING_TEXT_HISTORY, of_existing_tables
from app.models.triggers import create_triggers, drop_triggers
from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = 'a4e6c8d0f2b3'
down_revision = 'f3d5b7c9e1a2'
branch_labels = None
depends_on = None

FIELDS = ('summary', 'asks', 'commitments')
#: One first version per text that says something, in the order of the meetings, then of the texts.
FIRST_VERSIONS = " UNION ALL ".join(
    f"SELECT id AS meeting_id, '{field}' AS field, {field} AS text, is_restricted, created_at, {number} AS n "
    f"FROM meetings WHERE {field} IS NOT NULL AND trim({field}) <> ''"
    for number, field in enumerate(FIELDS)
)
#: The versions the upgrade cannot make again: any but the last of a text, or one set by someone.
NOT_REMADE = ("revised_by_id IS NOT NULL OR id NOT IN "
              "(SELECT max(id) FROM meeting_text_revisions GROUP BY meeting_id, field)")


def upgrade():
    op.create_table('meeting_text_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.Enum(*FIELDS, name='meeting_text_field', native_enum=False, create_constraint=True,
                               length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('is_restricted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('revised_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('revised_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_text_revisions_meeting_id_meetings'),
                            ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['revised_by_id'], ['users.id'],
                            name=op.f('fk_meeting_text_revisions_revised_by_id_users'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_text_revisions')),
    )
    op.create_index('ix_meeting_text_revisions_meeting_field', 'meeting_text_revisions',
                    ['meeting_id', 'field', 'id'], unique=False)
    op.create_index(op.f('ix_meeting_text_revisions_revised_by_id'), 'meeting_text_revisions', ['revised_by_id'],
                    unique=False)
    op.execute(
        "INSERT INTO meeting_text_revisions (meeting_id, field, text, is_restricted, revised_at, revised_by_id) "
        f"SELECT meeting_id, field, text, is_restricted, created_at, NULL FROM ({FIRST_VERSIONS}) AS first_versions "
        "ORDER BY meeting_id, n"
    )
    connection = op.get_bind()
    create_triggers(connection, of_existing_tables(connection, MEETING_TEXT_HISTORY))


# The first versions are made again on the way up; the earlier ones, and who wrote any, are not.
def downgrade():
    refuse_to_lose(revision, Held("meeting_text_revisions", "earlier versions of meetings' summaries, asks and "
                                                            "commitments, and who wrote them", where=NOT_REMADE))
    connection = op.get_bind()
    drop_triggers(connection, of_existing_tables(connection, MEETING_TEXT_HISTORY))
    op.drop_index(op.f('ix_meeting_text_revisions_revised_by_id'), table_name='meeting_text_revisions')
    op.drop_index('ix_meeting_text_revisions_meeting_field', table_name='meeting_text_revisions')
    op.drop_table('meeting_text_revisions')
