"""issued certificates and their revocation

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('product_index', sa.Integer(), nullable=False),
    sa.Column('ruleset_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('ruleset_version', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('product_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('manufacturer', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('tier', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('pdf_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('epd_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('issued_by', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('revoked_by', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], ),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('assessment_id', 'product_index', 'ruleset_id')
    )
    op.create_index(op.f('ix_certificate_number'), 'certificate', ['number'], unique=True)
    op.create_index(op.f('ix_certificate_submission_id'), 'certificate', ['submission_id'], unique=False)
    op.create_index(op.f('ix_certificate_assessment_id'), 'certificate', ['assessment_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_certificate_assessment_id'), table_name='certificate')
    op.drop_index(op.f('ix_certificate_submission_id'), table_name='certificate')
    op.drop_index(op.f('ix_certificate_number'), table_name='certificate')
    op.drop_table('certificate')
