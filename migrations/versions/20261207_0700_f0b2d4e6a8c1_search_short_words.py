"""Short words are found at the start of a word through an index on both databases: SQLite gets a table of words
beside its table of trigrams, and PostgreSQL's full-text indexes are made for each kind apart, as its trigram
indexes are.

Revision ID: f0b2d4e6a8c1
Revises: e8c0a2b4d6f7
Create Date: 2026-12-07 07:00:00.000000

Only indexes change: the entries stay as they are, and the way down makes the indexes of the revision below.
"""
from alembic import op

from app.search.schema import KINDS_APART, SHORT_WORDS, TextIndexes, create_statements, drop_statements, rebuild_statements

# revision identifiers, used by Alembic.
revision = 'f0b2d4e6a8c1'
down_revision = 'e8c0a2b4d6f7'
branch_labels = None
depends_on = None


def _from(before: TextIndexes, after: TextIndexes) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        statements = [*drop_statements(dialect), *create_statements(dialect, after),
                      *rebuild_statements(dialect, after)]
    else:
        # The indexes both revisions have are kept as they are: making a trigram index again takes a while.
        statements = [f'DROP INDEX IF EXISTS {name}' for name in before.postgresql if name not in after.postgresql]
        statements += [f'CREATE INDEX {name} ON search_entries {how}' for name, how in after.postgresql.items()
                       if name not in before.postgresql]
    for statement in statements:
        op.execute(statement)


def upgrade():
    _from(KINDS_APART, SHORT_WORDS)


def downgrade():
    _from(SHORT_WORDS, KINDS_APART)
