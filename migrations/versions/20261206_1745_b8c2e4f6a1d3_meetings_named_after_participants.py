"""A call without a title is named from who met whom: "Courtesy call by ... on the Deputy Secretary-General of ASEAN".

The calls already recorded get their names from their participants here, the way the app names a call it saves.

Revision ID: b8c2e4f6a1d3
Revises: 6a3b9d1e4f52
Create Date: 2026-12-06 17:45:00.000000

"""
from itertools import groupby

import sqlalchemy as sa
from alembic import op

from app.meetings.naming import CALLED_ON, Attendee, name_from_attendees
from app.models import MeetingType, ParticipantRole, Side
from app.models.person import person_name

# revision identifiers, used by Alembic.
revision = 'b8c2e4f6a1d3'
down_revision = '6a3b9d1e4f52'
branch_labels = None
depends_on = None

CALLS = sa.text(f"""
    SELECT m.id, m.type, p.side, p.role, pe.honorific, pe.full_name, pos.title AS post, o.short_name AS organisation
    FROM meetings m
    JOIN meeting_participants p ON p.meeting_id = m.id
    JOIN people pe ON pe.id = p.person_id
    LEFT JOIN positions pos ON pos.id = p.position_id
    LEFT JOIN organisations o ON o.id = pos.organisation_id
    WHERE m.type IN ({", ".join(f"'{kind.value}'" for kind in CALLED_ON)})
    ORDER BY m.id, p.side, p.id
""")


# Plain ALTER TABLE, on SQLite too: a batch would rebuild the table and lose the triggers that check a meeting's date.
def upgrade():
    op.add_column('meetings', sa.Column('named_after_participants', sa.String(length=300), nullable=True))
    connection = op.get_bind()
    for meeting_id, rows in groupby(connection.execute(CALLS), key=lambda row: row.id):
        rows = list(rows)
        attendees = [Attendee(Side(row.side), ParticipantRole(row.role), person_name(row.honorific, row.full_name),
                              row.post, row.organisation) for row in rows]
        connection.execute(sa.text("UPDATE meetings SET named_after_participants = :name WHERE id = :id"),
                           {"name": name_from_attendees(MeetingType(rows[0].type), attendees), "id": meeting_id})


# Nothing is lost going down: the names are worked out again from the participants on the way up.
def downgrade():
    op.drop_column('meetings', 'named_after_participants')
