"""batches of files checked together on the job queue

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('rulesets', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('submitted_by', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('batch_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('message', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('where', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], ),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('batch_id', 'sha256'),
    sa.UniqueConstraint('submission_id')
    )
    with op.batch_alter_table('batch_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_item_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_batch_item_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('batch_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batch_item_status'))
        batch_op.drop_index(batch_op.f('ix_batch_item_batch_id'))
    op.drop_table('batch_item')
    op.drop_table('batch')
