"""A search entry's id orders and filters it inside the text index (``app.search.keys``), and editors' restricted
headings rank as headings: the ids are made again for every entry and the text index is built afresh.

Revision ID: c6a8e0f2b4d5
Revises: b5f7d9e1a3c4
Create Date: 2026-12-07 05:00:00.000000

The entries are made from the records (``app.search.index.rebuild``); the way down numbers them 1, 2, 3... again,
as the revision below did, and keeps every one.
"""
from alembic import op

from app.search.index import rebuild
from app.search.schema import FIRST, KINDS_APART, bulk_loading, create_statements, drop_statements

# revision identifiers, used by Alembic.
revision = 'c6a8e0f2b4d5'
down_revision = 'b5f7d9e1a3c4'
branch_labels = None
depends_on = None


def upgrade():
    connection = op.get_bind()
    dialect = connection.dialect.name
    if dialect == 'sqlite':
        for statement in [*drop_statements(dialect), *create_statements(dialect, KINDS_APART)]:
            op.execute(statement)
    else:
        # The ids are made, no longer drawn from a sequence, and are wider than an integer.
        op.execute('ALTER TABLE search_entries ALTER COLUMN id DROP DEFAULT')
        op.execute('DROP SEQUENCE IF EXISTS search_entries_id_seq')
        op.execute('ALTER TABLE search_entries ALTER COLUMN id TYPE BIGINT')
    # Makes the text indexes afresh too: on PostgreSQL, the trigram indexes of each kind apart.
    rebuild(connection, KINDS_APART)


def downgrade():
    connection = op.get_bind()
    dialect = connection.dialect.name
    if dialect == 'sqlite':
        for statement in [*drop_statements(dialect), create_statements(dialect, FIRST)[0]]:
            op.execute(statement)
    with bulk_loading(connection, FIRST):
        # Negative first, so that no number is held twice on the way.
        op.execute('UPDATE search_entries SET id = -id')
        op.execute('UPDATE search_entries SET id = numbered.place FROM (SELECT id, row_number() OVER '
                   '(ORDER BY id DESC) AS place FROM search_entries) AS numbered WHERE numbered.id = search_entries.id')
        if dialect != 'sqlite':
            op.execute('ALTER TABLE search_entries ALTER COLUMN id TYPE INTEGER')
            op.execute('CREATE SEQUENCE search_entries_id_seq OWNED BY search_entries.id')
            op.execute("ALTER TABLE search_entries ALTER COLUMN id SET DEFAULT nextval('search_entries_id_seq')")
            op.execute("SELECT setval('search_entries_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM search_entries), "
                       'false)')
