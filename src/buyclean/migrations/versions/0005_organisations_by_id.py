"""organisations are known by id: names may repeat, sign-ups are unverified, colleagues join by invitation

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    # 0004 made the name unique without naming the constraint: PostgreSQL calls it organisation_name_key, and
    # SQLite's batch mode finds it through a naming convention
    convention = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
    unique_name = "organisation_name_key" if bind.dialect.name == "postgresql" else "uq_organisation_name"
    with op.batch_alter_table('organisation', naming_convention=convention) as batch_op:
        batch_op.drop_constraint(unique_name, type_='unique')
        batch_op.add_column(sa.Column('verified', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('verified_by', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
        batch_op.create_index('ix_organisation_name', ['name'], unique=False)
    # agencies were made by administrators; a supplier's company made by sign-up stays unverified until checked
    op.execute("UPDATE organisation SET verified = TRUE WHERE kind <> 'supplier'")
    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['used_by_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitation_token_hash'), ['token_hash'], unique=True)


def downgrade() -> None:
    op.drop_table('invitation')
    with op.batch_alter_table('organisation') as batch_op:
        batch_op.drop_index('ix_organisation_name')
        batch_op.drop_column('verified_by')
        batch_op.drop_column('verified_at')
        batch_op.drop_column('verified')
        batch_op.create_unique_constraint('uq_organisation_name', ['name'])
