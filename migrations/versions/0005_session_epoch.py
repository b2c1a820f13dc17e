"""users.session_epoch: signing out and password changes end sessions on the server

Revision ID: 0005_session_epoch
Revises: 0004_token_surface_text
Create Date: 2026-12-02 23:00:00

Sessions made before this revision carry no epoch and end once: everyone signs in again.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_session_epoch'
down_revision = '0004_token_surface_text'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('session_epoch', sa.Integer(), nullable=False, server_default='0')
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')
