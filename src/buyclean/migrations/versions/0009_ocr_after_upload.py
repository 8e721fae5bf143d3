"""a stored upload's scanned pages are read by OCR in a job: its state and progress on the submission

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ocr_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column('ocr_pages_done', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('ocr_pages_total', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('ocr_attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('ocr_message', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_index(batch_op.f('ix_submission_ocr_status'), ['ocr_status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_ocr_status'))
        batch_op.drop_column('ocr_message')
        batch_op.drop_column('ocr_attempts')
        batch_op.drop_column('ocr_pages_total')
        batch_op.drop_column('ocr_pages_done')
        batch_op.drop_column('ocr_status')
