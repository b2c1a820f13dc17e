"""article_tokens.surface holds the whole word (Text instead of String(100))

Revision ID: 0004_token_surface_text
Revises: 0003_token_parts
Create Date: 2026-12-02 22:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0004_token_surface_text'
down_revision = '0003_token_parts'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('article_tokens', schema=None) as batch_op:
        batch_op.alter_column('surface', existing_type=sa.String(length=100),
                              type_=sa.Text(), existing_nullable=False)


def downgrade():
    with op.batch_alter_table('article_tokens', schema=None) as batch_op:
        batch_op.alter_column('surface', existing_type=sa.Text(),
                              type_=sa.String(length=100), existing_nullable=False)
