"""Forms saved once: the one-time token of each form saved, so a second post of the same form saves nothing; and
names and codes unique without regard to case in the database, as the services already compare them.

Before the indexes are made, rows that differ only in case are looked for: if there are any, the upgrade stops and
lists them (an index cannot be made over them, and which one to rename is the desk's choice, not the migration's).

Revision ID: 9a7ed0f0c001
Revises: da7a0e5a0010
Create Date: 2026-12-06 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9a7ed0f0c001'
down_revision = 'da7a0e5a0010'
branch_labels = None
depends_on = None

#: (index, table, column compared without case, columns it is unique within, what the desk calls it)
CASE_INSENSITIVE = (
    ("uq_organisations_lower_name", "organisations", "name", (), "organisation name"),
    ("uq_plans_partnership_id_lower_label", "plans", "label", ("partnership_id",), "plan label"),
    ("uq_pillars_plan_id_lower_name", "pillars", "name", ("plan_id",), "pillar name"),
    ("uq_cooperation_areas_plan_id_lower_code", "cooperation_areas", "code", ("plan_id",), "area code"),
    ("uq_action_lines_area_id_lower_code", "action_lines", "code", ("area_id",), "action line code"),
)


def clashes(connection) -> list[str]:
    """One line per group of rows that differ only in case: what the index would refuse."""
    found = []
    for _index, table, column, within, what in CASE_INSENSITIVE:
        key = ", ".join([*within, f"lower({column})"])
        rows = connection.execute(sa.text(
            f"SELECT id, {column} FROM {table} WHERE ({key}) IN "
            f"(SELECT {key} FROM {table} GROUP BY {key} HAVING count(*) > 1) ORDER BY lower({column}), id"
        )).all()
        groups: dict[str, list[str]] = {}
        for row_id, value in rows:
            groups.setdefault(value.lower(), []).append(f"{value!r} (id {row_id})")
        found += [f"{table}: {what} " + " and ".join(group) for group in groups.values()]
    return found


def upgrade():
    if found := clashes(op.get_bind()):
        raise RuntimeError(
            "These rows differ only in upper and lower case, which the app treats as the same name or code. "
            "Rename one of each, then upgrade again:\n  " + "\n  ".join(found)
        )
    op.create_table('saved_forms',
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('shows', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_saved_forms_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token', name=op.f('pk_saved_forms'))
    )
    op.create_index('ix_saved_forms_user_id_saved_at', 'saved_forms', ['user_id', 'saved_at'], unique=False)
    for index, table, column, within, _what in CASE_INSENSITIVE:
        op.create_index(index, table, [*within, sa.text(f"lower({column})")], unique=True)


def downgrade():
    for index, table, _column, _within, _what in reversed(CASE_INSENSITIVE):
        op.drop_index(index, table_name=table)
    op.drop_index('ix_saved_forms_user_id_saved_at', table_name='saved_forms')
    op.drop_table('saved_forms')
