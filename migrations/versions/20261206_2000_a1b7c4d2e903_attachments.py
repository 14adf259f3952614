"""Attachments: files kept with meetings, status updates, follow-ups and activities, their bytes in the database.

Revision ID: a1b7c4d2e903
Revises: 5b2d0f8e3c69
Create Date: 2026-12-06 20:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

from migrations.data_loss import Held, refuse_to_lose

# revision identifiers, used by Alembic.
revision = 'a1b7c4d2e903'
down_revision = '5b2d0f8e3c69'
branch_labels = None
depends_on = None

RECORDS = (('meeting_id', 'meetings'), ('status_update_id', 'status_updates'),
           ('follow_up_id', 'follow_up_actions'), ('activity_id', 'activities'))


def upgrade():
    exactly_one = " + ".join(f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)" for column, _ in RECORDS) + " = 1"
    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    *(sa.Column(column, sa.Integer(), nullable=True) for column, _ in RECORDS),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=True),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint(exactly_one, name=op.f('ck_attachments_one_record')),
    sa.CheckConstraint('size > 0', name=op.f('ck_attachments_size_positive')),
    sa.CheckConstraint("trim(file_name) <> ''", name=op.f('ck_attachments_file_name_given')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_attachments_sha256_is_hex_digest')),
    *(sa.ForeignKeyConstraint([column], [f'{table}.id'], name=op.f(f'fk_attachments_{column}_{table}'),
                              ondelete='RESTRICT') for column, table in RECORDS),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_attachments_uploaded_by_id_users'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    )
    for column in (*(column for column, _ in RECORDS), 'uploaded_by_id'):
        op.create_index(op.f(f'ix_attachments_{column}'), 'attachments', [column], unique=False)


def downgrade():
    refuse_to_lose(revision, Held("attachments", "files attached to meetings, status updates, follow-ups and "
                                                 "activities"))
    for column in ('uploaded_by_id', *(column for column, _ in reversed(RECORDS))):
        op.drop_index(op.f(f'ix_attachments_{column}'), table_name='attachments')
    op.drop_table('attachments')
